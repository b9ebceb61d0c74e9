import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { hydrate } from '../../database/hydrate.js';
import { sqlRows } from '../../database/sql.js';
import { User } from '../../users/user.entity.js';
import { ChatMessage } from '../messages/chat-message.entity.js';
import { ConversationMember } from './conversation-member.entity.js';
import { Conversation, type ConversationType } from './conversation.entity.js';

/** One row of a user's inbox. */
export interface InboxRow {
  conversation: Conversation;
  member: ConversationMember;
  memberCount: number;
  unreadCount: number;
  lastMessage: ChatMessage | null;
}

export interface InboxQuery {
  projectId: string;
  userId: string;
  types: ConversationType[] | null;
  /** `lastMessageAt` of the previous page's last item. */
  cursor: Date | null;
  /** `createdAt` of the previous page's last item. */
  cursorCreatedAt: Date | null;
  limit: number;
  /** Only this conversation (a single preview). */
  conversationId?: string;
}

// Unread: main-stream messages after the member's read marker, except their own, deleted and
// removed ones.
const UNREAD = `(SELECT count(*)::int FROM chat_messages x
                 WHERE x.conversation_id = m.conversation_id AND x.parent_message_id IS NULL
                   AND x.moderation_status IS DISTINCT FROM 'removed' AND x.user_deleted_at IS NULL
                   AND x.user_id IS DISTINCT FROM m.user_id
                   AND (m.last_read_at IS NULL OR x.created_at > m.last_read_at))`;

@Injectable()
export class InboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The user's active conversations, most recent activity first (those without messages last, by
   * creation), each with its member count, unread count and last message, in one query.
   */
  async page(query: InboxQuery): Promise<{ rows: InboxRow[]; hasMore: boolean }> {
    const parameters: unknown[] = [query.projectId, query.userId, query.types, query.limit + 1];
    const conditions: string[] = [];
    if (query.conversationId) {
      parameters.push(query.conversationId);
      conditions.push(`c.id = $${parameters.length}`);
    }
    if (query.cursor) {
      parameters.push(query.cursor, query.cursorCreatedAt ?? new Date(8.64e15));
      const [cursor, createdAt] = [`$${parameters.length - 1}`, `$${parameters.length}`];
      conditions.push(
        `(c.last_message_at < ${cursor} OR (c.last_message_at = ${cursor} AND c.created_at < ${createdAt}) OR c.last_message_at IS NULL)`,
      );
    } else if (query.cursorCreatedAt) {
      parameters.push(query.cursorCreatedAt);
      conditions.push(`(c.last_message_at IS NULL AND c.created_at < $${parameters.length})`);
    }
    const rows: {
      conversation: object;
      member: object;
      member_count: number;
      unread_count: number;
      last_message: object | null;
    }[] = await this.dataSource.query(
      `SELECT to_jsonb(c) AS conversation, to_jsonb(m) AS member,
                (SELECT count(*)::int FROM conversation_members a WHERE a.conversation_id = c.id AND a.is_active) AS member_count,
                ${UNREAD} AS unread_count,
                (SELECT to_jsonb(x) FROM chat_messages x
                  WHERE x.conversation_id = c.id AND x.moderation_status IS DISTINCT FROM 'removed'
                  ORDER BY x.created_at DESC, x.id DESC LIMIT 1) AS last_message
           FROM conversation_members m JOIN conversations c ON c.id = m.conversation_id
          WHERE m.project_id = $1 AND m.user_id = $2 AND m.is_active
            AND ($3::varchar[] IS NULL OR c.type = ANY($3::varchar[]))
            ${conditions.map((condition) => `AND ${condition}`).join(' ')}
          ORDER BY c.last_message_at DESC NULLS LAST, c.created_at DESC, c.id DESC
          LIMIT $4`,
      parameters,
    );
    const hasMore = rows.length > query.limit;
    return {
      hasMore,
      rows: rows.slice(0, query.limit).map((row) => ({
        conversation: hydrate(this.dataSource, Conversation, row.conversation as Record<string, unknown>),
        member: hydrate(this.dataSource, ConversationMember, row.member as Record<string, unknown>),
        memberCount: row.member_count,
        unreadCount: row.unread_count,
        lastMessage: row.last_message
          ? hydrate(this.dataSource, ChatMessage, row.last_message as Record<string, unknown>)
          : null,
      })),
    };
  }

  /** Up to `limit` active members other than the viewer, per conversation, by join time. */
  async otherMembers(
    conversationIds: readonly string[],
    viewerId: string,
    limit: number,
  ): Promise<Map<string, User[]>> {
    const others = new Map<string, User[]>();
    if (conversationIds.length === 0) return others;
    const rows: { conversation_id: string; user: Record<string, unknown> }[] = await this.dataSource.query(
      `SELECT ranked.conversation_id, to_jsonb(u) AS user
         FROM (SELECT m.conversation_id, m.user_id,
                      row_number() OVER (PARTITION BY m.conversation_id ORDER BY m.created_at, m.id) AS n
                 FROM conversation_members m
                WHERE m.conversation_id = ANY($1::uuid[]) AND m.is_active AND m.user_id <> $2) ranked
         JOIN users u ON u.id = ranked.user_id
        WHERE ranked.n <= $3
        ORDER BY ranked.conversation_id, ranked.n`,
      [conversationIds, viewerId, limit],
    );
    for (const row of rows) {
      const list = others.get(row.conversation_id) ?? [];
      list.push(hydrate(this.dataSource, User, row.user));
      others.set(row.conversation_id, list);
    }
    return others;
  }

  async unreadSummary(
    projectId: string,
    userId: string,
  ): Promise<{ totalUnread: number; unreadConversationCount: number }> {
    const [row]: { total: number; conversations: number }[] = await this.dataSource.query(
      `SELECT coalesce(sum(unread), 0)::int AS total, count(*) FILTER (WHERE unread > 0)::int AS conversations
         FROM (SELECT ${UNREAD} AS unread FROM conversation_members m
                WHERE m.project_id = $1 AND m.user_id = $2 AND m.is_active) per_conversation`,
      [projectId, userId],
    );
    return { totalUnread: row.total, unreadConversationCount: row.conversations };
  }

  /** Moves the read marker forward to `readAt`; never back. */
  async markRead(conversationId: string, userId: string, readAt: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE conversation_members SET last_read_at = GREATEST(coalesce(last_read_at, '-infinity'), $3), updated_at = now()
        WHERE conversation_id = $1 AND user_id = $2`,
      [conversationId, userId, readAt],
    );
  }

  async mute(
    conversationId: string,
    userId: string,
    until: Date | null,
    forever: boolean,
  ): Promise<ConversationMember> {
    const [row] = await sqlRows<Record<string, unknown>>(
      this.dataSource.manager,
      `UPDATE conversation_members SET muted_until = $3, muted_forever = $4, updated_at = now()
        WHERE conversation_id = $1 AND user_id = $2
        RETURNING *`,
      [conversationId, userId, until, forever],
    );
    return hydrate(this.dataSource, ConversationMember, row);
  }
}
