import { Injectable } from '@nestjs/common';
import type { User } from '../../users/user.entity.js';
import { ChatErrors } from '../chat.errors.js';
import { MessagePresenter } from '../messages/message-presenter.js';
import type { ChatMessageResponse } from '../messages/message.mapper.js';
import { MessagesRepository } from '../messages/messages.repository.js';
import type { ConversationType } from './conversation.entity.js';
import {
  type ConversationMemberResponse,
  type ConversationResponse,
  toConversation,
  toMember,
} from './conversation.mapper.js';
import { ConversationsRepository } from './conversations.repository.js';
import { DEFAULT_INBOX_PAGE, type ListConversationsQuery } from './dto/list-conversations.query.js';
import type { MuteDuration } from './dto/mute.dto.js';
import { InboxRepository, type InboxRow } from './inbox.repository.js';

/** An inbox entry: the conversation with what a list shows of it. */
export interface ConversationPreview extends ConversationResponse {
  memberCount: number;
  unreadCount: number;
  /** The latest message, its content cut to 100 characters. */
  lastMessage: ChatMessageResponse | null;
  lastMessageId: string | null;
  lastMessagePreview: string | null;
  lastMessageCreatedAt: string | null;
  lastMessageUserId: string | null;
  /** Up to five other active members, for titles and avatars; empty for space conversations. */
  otherMembers: { id: string; name: string | null; username: string | null; avatar: string | null }[];
}

const PREVIEW_LENGTH = 100;
const OTHER_MEMBERS = 5;
const MUTE_HOURS: Record<Exclude<MuteDuration, 'forever'>, number> = { '8h': 8, '24h': 24, '1w': 7 * 24 };

/** The user's view across conversations: the inbox, unread counts, read markers, mutes. */
@Injectable()
export class InboxService {
  constructor(
    private readonly inbox: InboxRepository,
    private readonly conversations: ConversationsRepository,
    private readonly messages: MessagesRepository,
    private readonly presenter: MessagePresenter,
  ) {}

  async list(
    projectId: string,
    user: User,
    query: ListConversationsQuery,
  ): Promise<{ conversations: ConversationPreview[]; hasMore: boolean }> {
    const { rows, hasMore } = await this.inbox.page({
      projectId,
      userId: user.id,
      types: query.types ? (query.types.split(',') as ConversationType[]) : null,
      cursor: query.cursor ? new Date(query.cursor) : null,
      cursorCreatedAt: query.cursorCreatedAt ? new Date(query.cursorCreatedAt) : null,
      limit: query.limit ?? DEFAULT_INBOX_PAGE,
    });
    return { conversations: await this.previews(projectId, user, rows), hasMore };
  }

  async preview(projectId: string, user: User, conversationId: string): Promise<ConversationPreview> {
    const found = await this.conversations.findWithMember(projectId, conversationId, user.id);
    if (!found) throw ChatErrors.conversationNotFound();
    if (!found.member?.isActive) throw ChatErrors.notAMember();
    const { rows } = await this.inbox.page({
      projectId,
      userId: user.id,
      types: null,
      cursor: null,
      cursorCreatedAt: null,
      limit: 1,
      conversationId,
    });
    if (rows.length === 0) throw ChatErrors.notAMember();
    const [preview] = await this.previews(projectId, user, rows);
    return preview;
  }

  unreadCount(projectId: string, user: User): Promise<{ totalUnread: number; unreadConversationCount: number }> {
    return this.inbox.unreadSummary(projectId, user.id);
  }

  /** Everything up to `messageId` is read. The marker only moves forward. */
  async markRead(projectId: string, conversationId: string, user: User, messageId: string): Promise<void> {
    const found = await this.conversations.findWithMember(projectId, conversationId, user.id);
    if (!found) throw ChatErrors.conversationNotFound();
    if (!found.member?.isActive) throw ChatErrors.notAnActiveMemberForbidden();
    const message = await this.messages.findInConversation(projectId, conversationId, messageId);
    if (!message) throw ChatErrors.messageNotFound();
    await this.inbox.markRead(conversationId, user.id, message.createdAt);
  }

  /** Mutes (or unmutes, with null) the conversation for the user, from the server's clock. */
  async mute(
    projectId: string,
    conversationId: string,
    user: User,
    duration: MuteDuration | null,
  ): Promise<{ currentMember: ConversationMemberResponse }> {
    const found = await this.conversations.findWithMember(projectId, conversationId, user.id);
    if (!found) throw ChatErrors.conversationNotFound();
    if (!found.member?.isActive) throw ChatErrors.notAnActiveMember();
    const until = duration && duration !== 'forever' ? new Date(Date.now() + MUTE_HOURS[duration] * 3_600_000) : null;
    const member = await this.inbox.mute(conversationId, user.id, until, duration === 'forever');
    return { currentMember: toMember(member, { self: true }) };
  }

  private async previews(projectId: string, viewer: User, rows: InboxRow[]): Promise<ConversationPreview[]> {
    const lastMessages = rows.flatMap((row) => (row.lastMessage ? [row.lastMessage] : []));
    const [presented, others] = await Promise.all([
      this.presenter.present(lastMessages, { projectId, viewerId: viewer.id }),
      this.inbox.otherMembers(
        rows.filter((row) => row.conversation.type !== 'space').map((row) => row.conversation.id),
        viewer.id,
        OTHER_MEMBERS,
      ),
    ]);
    const byId = new Map(presented.map((message) => [message.id, message]));
    return rows.map((row) => {
      const last = row.lastMessage ? byId.get(row.lastMessage.id)! : null;
      if (last?.content) last.content = last.content.slice(0, PREVIEW_LENGTH);
      return {
        ...toConversation(row.conversation, { memberCount: row.memberCount, currentMember: row.member }),
        memberCount: row.memberCount,
        unreadCount: row.unreadCount,
        lastMessage: last,
        lastMessageId: last?.id ?? null,
        lastMessagePreview: last?.content ?? null,
        lastMessageCreatedAt: last?.createdAt ?? null,
        lastMessageUserId: last?.userId ?? null,
        otherMembers: (others.get(row.conversation.id) ?? []).map((user) => ({
          id: user.id,
          name: user.name,
          username: user.username,
          avatar: user.avatar,
        })),
      };
    });
  }
}
