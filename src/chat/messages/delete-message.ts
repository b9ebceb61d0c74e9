import { Injectable } from '@nestjs/common';
import { FilesService } from '../../files/files.service.js';
import { ChatEvents } from '../../realtime/chat-events.js';
import { ChatErrors } from '../chat.errors.js';
import { isActiveModerator } from '../../spaces/space-permissions.js';
import type { ConversationAccess } from '../conversations/conversation-access.service.js';
import type { ChatMessage } from './chat-message.entity.js';
import { MessagesRepository } from './messages.repository.js';

export type DeleteMessageResult =
  { message: 'Message deleted.'; userDeletedAt: string } | { message: 'Message removed by admin.' };

/**
 * Delete Message. The author's delete keeps a placeholder and removes the attachments from
 * storage; a group admin, or a space's admin or moderator, deleting someone else's message removes
 * it by moderation (kept for review, hidden from everyone).
 */
@Injectable()
export class DeleteMessage {
  constructor(
    private readonly messages: MessagesRepository,
    private readonly files: FilesService,
    private readonly events: ChatEvents,
  ) {}

  async execute(member: ConversationAccess, messageId: string): Promise<DeleteMessageResult> {
    const { conversation } = member;
    const audience = { projectId: conversation.projectId, conversationId: conversation.id };
    const message = await this.messages.findInConversation(conversation.projectId, conversation.id, messageId);
    if (!message || message.moderationStatus === 'removed') throw ChatErrors.messageNotFound();

    if (message.userId === member.member.userId) {
      // The rows go with the message's content, in one transaction; the stored bytes after it.
      const { deletedAt, storageKeys } = await this.messages.transaction(async (manager) => ({
        deletedAt: await this.messages.softDelete(manager, conversation.projectId, message.id),
        storageKeys: await this.files.removeFromMessages(manager, conversation.projectId, [message.id]),
      }));
      await this.files.deleteStoredObjects(storageKeys);
      // Null when another request deleted it first: that one told everyone, this one answers alike.
      const userDeletedAt = (deletedAt ?? (await this.deletedAt(message))).toISOString();
      if (deletedAt) {
        this.events.emit('message:deleted', audience, { messageId, conversationId: conversation.id, userDeletedAt });
      }
      return { message: 'Message deleted.', userDeletedAt };
    }

    if (this.moderates(member)) {
      await this.messages.removeByModerator(conversation.projectId, message.id, member.member.userId);
      this.events.emit('message:removed', audience, { messageId, conversationId: conversation.id });
      return { message: 'Message removed by admin.' };
    }
    throw ChatErrors.cannotDeleteMessage();
  }

  private async deletedAt(message: ChatMessage): Promise<Date> {
    if (message.userDeletedAt) return message.userDeletedAt;
    const current = await this.messages.findInConversation(message.projectId, message.conversationId, message.id);
    return current!.userDeletedAt!;
  }

  /** A group's admins, and a space's admins and moderators, remove other people's messages. */
  private moderates({ conversation, member, spaceMembership }: ConversationAccess): boolean {
    return conversation.type === 'group' ? member.role === 'admin' : isActiveModerator(spaceMembership);
  }
}
