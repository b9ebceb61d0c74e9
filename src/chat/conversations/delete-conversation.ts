import { Injectable } from '@nestjs/common';
import { FilesService } from '../../files/files.service.js';
import { ChatEvents } from '../../realtime/chat-events.js';
import { isActiveAdmin } from '../../spaces/space-permissions.js';
import type { User } from '../../users/user.entity.js';
import { ChatErrors } from '../chat.errors.js';
import { MessagesRepository } from '../messages/messages.repository.js';
import { ConversationAccessService } from './conversation-access.service.js';
import { ConversationsRepository } from './conversations.repository.js';

/**
 * Delete Conversation: permanent, with its messages, members, reactions and attachments. Groups by
 * their admins, a space's conversation by the space's admins; direct conversations never.
 */
@Injectable()
export class DeleteConversation {
  constructor(
    private readonly conversations: ConversationsRepository,
    private readonly messages: MessagesRepository,
    private readonly files: FilesService,
    private readonly access: ConversationAccessService,
    private readonly events: ChatEvents,
  ) {}

  async execute(projectId: string, conversationId: string, caller: User): Promise<void> {
    const found = await this.conversations.findWithMember(projectId, conversationId, caller.id);
    if (!found) throw ChatErrors.conversationNotFound();
    const { conversation, member } = found;
    if (conversation.type === 'direct') {
      throw ChatErrors.cannotDeleteDm();
    }
    if (conversation.type === 'space') {
      if (!isActiveAdmin(await this.access.spaceMembership(projectId, conversation, caller.id))) {
        throw ChatErrors.spaceAdminsDelete();
      }
    } else if (!(member?.isActive && member.role === 'admin')) {
      throw ChatErrors.groupAdminsDelete();
    }

    const memberIds = await this.conversations.activeMemberIds(conversationId);
    // The rows cascade with the conversation; the attachments' bytes go once that has committed.
    const storageKeys = await this.conversations.transaction(async (manager) => {
      // Locked first: a send committing its attachments meanwhile would lose its rows to the
      // cascade but keep its stored bytes. Sends take this lock too, so they wait, then find nothing.
      await this.conversations.lock(manager, conversationId);
      const messageIds = await this.messages.idsInConversation(manager, conversationId);
      const keys = await this.files.removeFromMessages(manager, projectId, messageIds);
      await this.conversations.delete(manager, projectId, conversationId);
      return keys;
    });
    await this.files.deleteStoredObjects(storageKeys);
    this.events.emit('conversation:deleted', { projectId, userIds: memberIds }, { conversationId });
    this.events.membersLeft(projectId, conversationId, memberIds);
  }
}
