import { Injectable } from '@nestjs/common';
import type { ConversationDirectory } from '../../realtime/conversation-directory.port.js';
import { ConversationsRepository } from './conversations.repository.js';

/** Chat's answer to the realtime gateway's questions about membership. */
@Injectable()
export class ConversationDirectoryAdapter implements ConversationDirectory {
  constructor(private readonly conversations: ConversationsRepository) {}

  activeConversationIds(projectId: string, userId: string): Promise<string[]> {
    return this.conversations.activeConversationIds(projectId, userId);
  }
}
