import { Injectable } from '@nestjs/common';
import { ChatEvents } from '../../realtime/chat-events.js';
import { SpaceErrors } from '../../spaces/spaces.errors.js';
import { SpacesService } from '../../spaces/spaces.service.js';
import type { User } from '../../users/user.entity.js';
import { toPublicUser } from '../../users/user.mapper.js';
import { ChatErrors } from '../chat.errors.js';
import { type ConversationResponse, toConversation, toMember } from './conversation.mapper.js';
import { ConversationsRepository } from './conversations.repository.js';
import { announceJoin } from './membership-events.js';

/**
 * The chat of a space. Any member of the space who is not banned (pending ones included) joins it
 * by asking for it; the conversation is created here if the space somehow has none.
 */
@Injectable()
export class SpaceConversationService {
  constructor(
    private readonly conversations: ConversationsRepository,
    private readonly spaces: SpacesService,
    private readonly events: ChatEvents,
  ) {}

  async open(projectId: string, spaceId: string, user: User): Promise<ConversationResponse> {
    const membership = await this.spaces.membership(projectId, spaceId, user.id);
    if (!membership) {
      if (!(await this.spaces.findById(projectId, spaceId))) throw SpaceErrors.notFound();
      throw ChatErrors.notASpaceMember();
    }
    if (membership.status === 'banned') throw ChatErrors.banned();
    if (membership.status === 'rejected') throw ChatErrors.notASpaceMember();

    const { conversation, member, joined } = await this.conversations.transaction(async (manager) => {
      const conversation = await this.conversations.findOrCreateSpaceConversation(manager, projectId, spaceId);
      const existing = await this.conversations.findMember(conversation.id, user.id, manager);
      if (existing?.isActive) return { conversation, member: existing, joined: false };
      const member = await this.conversations.activateMember(manager, {
        projectId,
        conversationId: conversation.id,
        userId: user.id,
        role: null,
      });
      return { conversation, member, joined: true };
    });

    if (joined && (await this.spaces.membership(projectId, spaceId, user.id))?.status === 'banned') {
      // Banned while this request joined: the ban's own clean-up may have run before the join, so
      // undo the join here.
      await this.conversations.transaction((manager) =>
        this.conversations.deactivateMember(manager, conversation.id, user.id),
      );
      throw ChatErrors.banned();
    }

    const memberCount = await this.conversations.countActiveMembers(conversation.id);
    const response = toConversation(conversation, { memberCount, currentMember: member });
    if (joined) announceJoin(this.events, projectId, conversation.id, toMember(member, { user: toPublicUser(user) }));
    return response;
  }
}
