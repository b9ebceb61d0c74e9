import { Injectable } from '@nestjs/common';
import { FilesService } from '../../files/files.service.js';
import { ReputationService, withSpaceReputation } from '../../reputation/reputation.service.js';
import { toPublicUser, type PublicUser } from '../../users/user.mapper.js';
import type { ReputationView } from '../conversations/conversation-access.decorators.js';
import type { User } from '../../users/user.entity.js';
import { UsersService } from '../../users/users.service.js';
import type { ChatMessage } from './chat-message.entity.js';
import { type ChatMessageResponse, toChatMessage } from './message.mapper.js';
import { type ReactionSummary, ReactionsRepository } from '../reactions/reactions.repository.js';
import { MessagesRepository } from './messages.repository.js';

export interface PresentOptions {
  projectId: string;
  /** Whose `userReactions` to compute. */
  viewerId: string | null;
  /** The messages were created just now, so have no reactions: only their quotes are looked up. */
  fresh?: boolean;
  /** Users already loaded (the sender of a new message): not queried again. */
  knownUsers?: readonly User[];
  /** Attach each message's `files` (never the quoted message's). */
  includeFiles?: boolean;
  /** Stamp `spaceReputation` on the users when the request asked for it. */
  reputation?: { view: ReputationView; contextSpaceId: string | null };
}

/**
 * Builds full ChatMessage responses for a page of messages: sender (with `spaceReputation` when
 * asked), quoted message (one level, with its sender), reaction counts and the viewer's reactions,
 * files when asked. A fixed number of queries per page, however many messages it holds.
 */
@Injectable()
export class MessagePresenter {
  constructor(
    private readonly messages: MessagesRepository,
    private readonly reactionRows: ReactionsRepository,
    private readonly users: UsersService,
    private readonly files: FilesService,
    private readonly reputation: ReputationService,
  ) {}

  async present(page: readonly ChatMessage[], options: PresentOptions): Promise<ChatMessageResponse[]> {
    const quoted = await this.quotedMessages(page, options.projectId);
    const everyMessage = [...page, ...quoted.values()];
    const userIds = [...new Set(everyMessage.flatMap((message) => (message.userId ? [message.userId] : [])))];
    const [users, reputations, reactions, files] = await Promise.all([
      this.publicUsers(options.projectId, userIds, options.knownUsers ?? []),
      this.spaceReputations(options, userIds),
      // A message created just now has no reactions yet; what it quotes may have some.
      this.reactions(options.fresh ? [...quoted.values()] : everyMessage, options.viewerId),
      options.includeFiles
        ? this.files.filesForMessages(
            options.projectId,
            page.map((message) => message.id),
          )
        : Promise.resolve(null),
    ]);

    const render = (message: ChatMessage): ChatMessageResponse => {
      const summary = reactions.get(message.id);
      const user = message.userId ? users.get(message.userId) : undefined;
      return toChatMessage(message, {
        user: user ? withSpaceReputation(user, reputations) : null,
        reactionCounts: summary?.reactionCounts ?? {},
        userReactions: summary?.userReactions ?? [],
      });
    };
    return page.map((message) => {
      const response = render(message);
      const quote = message.quotedMessageId ? quoted.get(message.quotedMessageId) : undefined;
      response.quotedMessage = quote ? render(quote) : null;
      if (files) response.files = files.get(message.id) ?? [];
      return response;
    });
  }

  /**
   * The quoted messages still shown: from the same conversation and not removed by moderation.
   * A quote deleted by its author shows as its placeholder (its content was cleared).
   */
  private async quotedMessages(page: readonly ChatMessage[], projectId: string): Promise<Map<string, ChatMessage>> {
    const ids = page.flatMap((message) => (message.quotedMessageId ? [message.quotedMessageId] : []));
    const found = await this.messages.findByIds(projectId, ids);
    const conversationOf = new Map(page.map((message) => [message.quotedMessageId, message.conversationId]));
    return new Map(
      found
        .filter(
          (quote) => quote.moderationStatus !== 'removed' && conversationOf.get(quote.id) === quote.conversationId,
        )
        .map((quote) => [quote.id, quote]),
    );
  }

  private spaceReputations(options: PresentOptions, userIds: string[]): Promise<Map<string, number> | null> {
    const { reputation } = options;
    if (!reputation?.view.selection || userIds.length === 0) return Promise.resolve(null);
    return this.reputation.resolveSpaceReputation(
      options.projectId,
      options.viewerId,
      reputation.view.selection,
      reputation.contextSpaceId,
      userIds,
      { trusted: reputation.view.trusted },
    );
  }

  private async publicUsers(
    projectId: string,
    userIds: readonly string[],
    known: readonly User[],
  ): Promise<Map<string, PublicUser>> {
    const users = new Map(known.map((user) => [user.id, toPublicUser(user)]));
    const missing = userIds.filter((id) => !users.has(id));
    if (missing.length > 0) {
      for (const user of await this.users.findByIds(projectId, missing)) users.set(user.id, toPublicUser(user));
    }
    return users;
  }

  private reactions(messages: readonly ChatMessage[], viewerId: string | null): Promise<Map<string, ReactionSummary>> {
    return this.reactionRows.reactionSummaries(
      messages.map((message) => message.id),
      viewerId,
    );
  }
}
