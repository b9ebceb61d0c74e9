import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ChatEvents } from '../../realtime/chat-events.js';
import type { SpaceChatPort } from '../../spaces/space-chat.port.js';
import type { Space } from '../../spaces/space.entity.js';
import { ConversationsRepository } from './conversations.repository.js';
import { announceDeparture } from './membership-events.js';

/** How a space's chat follows the space: created with it, left when its members leave. */
@Injectable()
export class SpaceChatAdapter implements SpaceChatPort {
  constructor(
    private readonly conversations: ConversationsRepository,
    private readonly events: ChatEvents,
  ) {}

  async createSpaceConversation(manager: EntityManager, space: Space): Promise<void> {
    await this.conversations.findOrCreateSpaceConversation(manager, space.projectId, space.id);
  }

  async endSpaceConversationMembership(
    manager: EntityManager,
    membership: { projectId: string; spaceId: string; userId: string },
  ): Promise<(() => void) | void> {
    const { projectId, spaceId, userId } = membership;
    const conversation = await this.conversations.findBySpace(manager, projectId, spaceId);
    if (!conversation || !(await this.conversations.deactivateMember(manager, conversation.id, userId))) return;
    return () => announceDeparture(this.events, projectId, conversation.id, userId);
  }
}
