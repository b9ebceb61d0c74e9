import { Injectable } from '@nestjs/common';
import { AppError } from '../../common/errors/app-error.js';
import type { FileAccessPort } from '../../files/file-access.port.js';
import { ConversationAccessService } from '../conversations/conversation-access.service.js';
import { MessagesRepository } from './messages.repository.js';

/** Who may download an attachment: whoever may read its message. */
@Injectable()
export class FileAccessAdapter implements FileAccessPort {
  constructor(
    private readonly messages: MessagesRepository,
    private readonly access: ConversationAccessService,
  ) {}

  async canReadMessage(projectId: string, userId: string, chatMessageId: string): Promise<boolean> {
    const [message] = await this.messages.findByIds(projectId, [chatMessageId]);
    // A removed message is unreadable to all: no need to look the reader up.
    if (!message || message.moderationStatus === 'removed') return false;
    try {
      const reader = await this.access.requireReader(projectId, message.conversationId, userId);
      return this.access.canRead(reader.member, message);
    } catch (error) {
      if (error instanceof AppError) return false;
      throw error;
    }
  }
}
