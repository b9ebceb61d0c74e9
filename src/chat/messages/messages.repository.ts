import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { isUuid } from '../../common/util/ids.js';
import { hydrate } from '../../database/hydrate.js';
import { preparedRows, preparedStatement, sqlRows } from '../../database/sql.js';
import { User } from '../../users/user.entity.js';
import { ChatMessage, type GifData, type Mention } from './chat-message.entity.js';

/** The columns of a new message that the sender chooses. */
export interface NewMessage {
  projectId: string;
  conversationId: string;
  userId: string;
  content: string | null;
  gif: GifData | null;
  mentions: Mention[];
  metadata: Record<string, unknown>;
  parentMessageId: string | null;
  quotedMessageId: string | null;
}

/** One page of a conversation's history. */
export interface HistoryQuery {
  projectId: string;
  conversationId: string;
  /** Thread replies of this message; null for the main stream. */
  parentId: string | null;
  before: Date | null;
  after: Date | null;
  /** A former member sees nothing after they left. */
  until: Date | null;
  hasReplies: boolean | null;
  sort: 'asc' | 'desc';
  limit: number;
}

/** The message and its effects in one statement; see `insertWithEffects`. */
const SEND_MESSAGE = preparedStatement(
  'confab_send_message',
  `WITH conversation AS (
     SELECT c.id FROM conversations c WHERE c.id = $2 AND c.project_id = $1 FOR UPDATE
   ), member AS (
     SELECT cm.id FROM conversation_members cm JOIN conversation ON cm.conversation_id = conversation.id
      WHERE cm.user_id = $3 AND cm.is_active
      FOR UPDATE OF cm
   ), stamped AS (
     UPDATE conversations c
        SET last_message_at = GREATEST(clock_timestamp(), c.last_message_at + interval '1 millisecond')
       FROM member
      WHERE c.id = $2
      RETURNING c.last_message_at
   ), message AS (
     INSERT INTO chat_messages (project_id, conversation_id, user_id, content, gif, mentions, metadata,
                                parent_message_id, quoted_message_id, created_at, updated_at)
     SELECT $1, $2, $3, $4, $5::jsonb, $6::jsonb, $7::jsonb, $8, $9, last_message_at, last_message_at
       FROM stamped
     RETURNING *
   ), reader AS (
     UPDATE conversation_members cm SET last_read_at = message.created_at
       FROM message, member
      WHERE cm.id = member.id
   ), parent AS (
     UPDATE chat_messages p SET thread_reply_count = p.thread_reply_count + 1
       FROM message
      WHERE p.id = message.parent_message_id
     RETURNING p.thread_reply_count
   )
   SELECT to_jsonb(message) AS message, (SELECT thread_reply_count FROM parent) AS parent_thread_reply_count,
          to_jsonb(sender) AS sender
     FROM message JOIN users sender ON sender.id = message.user_id`,
);

// A reply's parent and a quoted message are looked up on their way to being sent, and quotes again
// when messages are shown.
const MESSAGE_IN_CONVERSATION = preparedStatement(
  'confab_message_in_conversation',
  'SELECT to_jsonb(m) AS message FROM chat_messages m WHERE m.id = $1 AND m.project_id = $2 AND m.conversation_id = $3',
);
const MESSAGES_BY_IDS = preparedStatement(
  'confab_messages_by_ids',
  'SELECT to_jsonb(m) AS message FROM chat_messages m WHERE m.project_id = $1 AND m.id = ANY($2::uuid[])',
);

interface MessageRow {
  message: Record<string, unknown>;
}

interface SentRow {
  message: Record<string, unknown>;
  parent_thread_reply_count: number | null;
  sender: Record<string, unknown>;
}

@Injectable()
export class MessagesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * Inserts the message and applies its effects in one statement:
   * - the conversation row is locked, then the sender's membership row. (Leaving, removal and role
   *   changes lock in the same order, so they cannot deadlock with a send.) Locking the membership
   *   re-reads it: a leave, removal or ban that committed meanwhile leaves it inactive, and then
   *   nothing is written and null is returned;
   * - `lastMessageAt` moves to the new message's `createdAt`, which is strictly later than the
   *   previous message's (by at least 1 ms). Timestamps are therefore unique within a
   *   conversation, so ISO-timestamp cursors never skip or repeat;
   * - the sender's `lastReadAt` advances to the message;
   * - a reply increments its parent's `threadReplyCount` in SQL.
   * The sender's row (with its current reputation) comes back with the message, saving a query.
   */
  async insertWithEffects(
    manager: EntityManager,
    message: NewMessage,
  ): Promise<{ message: ChatMessage; sender: User; parentThreadReplyCount: number | null } | null> {
    const rows = await preparedRows<SentRow>(manager, SEND_MESSAGE, [
      message.projectId,
      message.conversationId,
      message.userId,
      message.content,
      message.gif === null ? null : JSON.stringify(message.gif),
      JSON.stringify(message.mentions),
      JSON.stringify(message.metadata),
      message.parentMessageId,
      message.quotedMessageId,
    ]);
    if (rows.length === 0) return null;
    const { message: row, parent_thread_reply_count: parentCount, sender } = rows[0];
    return {
      message: hydrate(this.dataSource, ChatMessage, row),
      sender: hydrate(this.dataSource, User, sender),
      parentThreadReplyCount: parentCount === null ? null : Number(parentCount),
    };
  }

  /**
   * Replaces what the message says and stamps `editedAt`, unless it was deleted or removed
   * meanwhile: then nothing changes and null is returned.
   */
  async updateContent(
    projectId: string,
    messageId: string,
    content: Pick<ChatMessage, 'content' | 'gif' | 'mentions' | 'metadata'>,
  ): Promise<ChatMessage | null> {
    const rows = await sqlRows<Record<string, unknown>>(
      this.dataSource.manager,
      `UPDATE chat_messages
          SET content = $2, gif = $3::jsonb, mentions = $4::jsonb, metadata = $5::jsonb,
              edited_at = clock_timestamp(), updated_at = clock_timestamp()
        WHERE id = $1 AND project_id = $6 AND user_deleted_at IS NULL
          AND moderation_status IS DISTINCT FROM 'removed'
        RETURNING *`,
      [
        messageId,
        content.content,
        content.gif === null ? null : JSON.stringify(content.gif),
        JSON.stringify(content.mentions),
        JSON.stringify(content.metadata),
        projectId,
      ],
    );
    return rows[0] ? hydrate(this.dataSource, ChatMessage, rows[0]) : null;
  }

  /**
   * The author's delete: the row stays as a placeholder (threads and quotes still point at it),
   * emptied of everything it said. Returns the deletion time, or null if it was already deleted.
   */
  async softDelete(manager: EntityManager, projectId: string, messageId: string): Promise<Date | null> {
    const rows = await sqlRows<{ user_deleted_at: Date }>(
      manager,
      `UPDATE chat_messages
          SET content = NULL, gif = NULL, mentions = '[]', metadata = '{}',
              user_deleted_at = clock_timestamp(), updated_at = clock_timestamp()
        WHERE id = $1 AND project_id = $2 AND user_deleted_at IS NULL
        RETURNING user_deleted_at`,
      [messageId, projectId],
    );
    return rows[0]?.user_deleted_at ?? null;
  }

  /** A moderator's removal: the content is kept for review, the message disappears for everyone. */
  async removeByModerator(projectId: string, messageId: string, moderatorId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE chat_messages
          SET moderation_status = 'removed', moderated_at = clock_timestamp(), moderated_by_id = $2,
              moderation_reason = NULL, updated_at = clock_timestamp()
        WHERE id = $1 AND project_id = $3`,
      [messageId, moderatorId, projectId],
    );
  }

  async findInConversation(projectId: string, conversationId: string, messageId: string): Promise<ChatMessage | null> {
    if (!isUuid(messageId)) return null;
    const [row] = await preparedRows<MessageRow>(this.dataSource.manager, MESSAGE_IN_CONVERSATION, [
      messageId,
      projectId,
      conversationId,
    ]);
    return row ? hydrate(this.dataSource, ChatMessage, row.message) : null;
  }

  async idsInConversation(manager: EntityManager, conversationId: string): Promise<string[]> {
    const rows: { id: string }[] = await manager.query('SELECT id FROM chat_messages WHERE conversation_id = $1', [
      conversationId,
    ]);
    return rows.map((row) => row.id);
  }

  async findByIds(projectId: string, messageIds: readonly string[]): Promise<ChatMessage[]> {
    const ids = [...new Set(messageIds)].filter(isUuid);
    if (ids.length === 0) return [];
    const rows = await preparedRows<MessageRow>(this.dataSource.manager, MESSAGES_BY_IDS, [projectId, ids]);
    return rows.map((row) => hydrate(this.dataSource, ChatMessage, row.message));
  }

  /**
   * The page of history nearest the cursor (or the newest/oldest without one), returned in
   * `sort` order, and whether more exists beyond it. Moderation-removed messages never appear.
   */
  async history(query: HistoryQuery): Promise<{ messages: ChatMessage[]; hasMore: boolean }> {
    // Scan away from the cursor, so the page holds the messages closest to it.
    const scan: 'ASC' | 'DESC' = query.after ? 'ASC' : query.before ? 'DESC' : query.sort === 'asc' ? 'ASC' : 'DESC';
    const builder = this.dataSource.manager
      .createQueryBuilder(ChatMessage, 'm')
      .where('m.project_id = :projectId AND m.conversation_id = :conversationId', query)
      .andWhere(`m.moderation_status IS DISTINCT FROM 'removed'`)
      .orderBy('m.created_at', scan)
      .addOrderBy('m.id', scan)
      .limit(query.limit + 1);
    if (query.parentId) builder.andWhere('m.parent_message_id = :parentId', { parentId: query.parentId });
    else builder.andWhere('m.parent_message_id IS NULL');
    if (query.before) builder.andWhere('m.created_at < :before', { before: query.before });
    if (query.after) builder.andWhere('m.created_at > :after', { after: query.after });
    if (query.until) builder.andWhere('m.created_at <= :until', { until: query.until });
    if (query.hasReplies !== null)
      builder.andWhere(query.hasReplies ? 'm.thread_reply_count > 0' : 'm.thread_reply_count = 0');

    const rows = await builder.getMany();
    const hasMore = rows.length > query.limit;
    const page = rows.slice(0, query.limit);
    if ((scan === 'ASC') !== (query.sort === 'asc')) page.reverse();
    return { messages: page, hasMore };
  }
}
