import { Injectable } from '@nestjs/common';
import type { PageRequest } from '../../common/pagination/pagination.js';
import { ChatEvents } from '../../realtime/chat-events.js';
import type { ConversationAccess } from '../conversations/conversation-access.service.js';
import { MessagesService } from '../messages/messages.service.js';
import { type ReactionSummary, ReactionsRepository } from './reactions.repository.js';

export interface ReactionPage {
  data: {
    user: { id: string; name: string | null; username: string | null; avatar: string | null };
    emoji: string;
    createdAt: string;
  }[];
  pagination: { page: number; limit: number; total: number; hasMore: boolean };
}

/** Emoji reactions on chat messages. */
@Injectable()
export class ReactionsService {
  constructor(
    private readonly reactions: ReactionsRepository,
    private readonly messages: MessagesService,
    private readonly events: ChatEvents,
  ) {}

  /** Adds the caller's reaction, or removes it if present. */
  async toggle(
    member: ConversationAccess,
    messageId: string,
    emoji: string,
  ): Promise<ReactionSummary & { delta: 1 | -1 }> {
    const message = await this.messages.readable(member, messageId);
    const userId = member.member.userId;
    const delta = await this.reactions.toggle({ projectId: message.projectId, messageId, userId, emoji });
    const summary = (await this.reactions.reactionSummaries([messageId], userId)).get(messageId) ?? {
      reactionCounts: {},
      userReactions: [],
    };
    this.events.emit(
      'message:reaction',
      { projectId: message.projectId, conversationId: message.conversationId },
      {
        messageId,
        conversationId: message.conversationId,
        emoji,
        userId,
        delta,
        reactionCounts: summary.reactionCounts,
      },
    );
    return { ...summary, delta };
  }

  async usersWhoReacted(
    reader: ConversationAccess,
    messageId: string,
    emoji: string,
    { page, limit, offset }: PageRequest,
  ): Promise<ReactionPage> {
    await this.messages.readable(reader, messageId);
    const { rows, total } = await this.reactions.usersWhoReacted(messageId, emoji, { offset, limit });
    return {
      data: rows.map(({ user, createdAt }) => ({
        user: { id: user.id, name: user.name, username: user.username, avatar: user.avatar },
        emoji,
        createdAt: createdAt.toISOString(),
      })),
      pagination: { page, limit, total, hasMore: page * limit < total },
    };
  }
}
