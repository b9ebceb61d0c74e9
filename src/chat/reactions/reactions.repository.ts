import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { hydrate } from '../../database/hydrate.js';
import { sqlRows } from '../../database/sql.js';
import { ChatErrors } from '../chat.errors.js';
import { User } from '../../users/user.entity.js';

export interface ReactionSummary {
  reactionCounts: Record<string, number>;
  userReactions: string[];
}

// Each round either removes or adds, unless another toggle of the same reaction interleaves exactly.
const TOGGLE_ATTEMPTS = 5;

@Injectable()
export class ReactionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Removes the user's reaction if present, else adds it: -1 or +1. A double tap sends two toggles
   * at once; when the other one added the reaction between this one's two statements, this one
   * goes round again and removes it, so each answer matches what it did.
   */
  async toggle(reaction: { projectId: string; messageId: string; userId: string; emoji: string }): Promise<1 | -1> {
    const { projectId, messageId, userId, emoji } = reaction;
    for (let attempt = 0; attempt < TOGGLE_ATTEMPTS; attempt++) {
      const removed = await sqlRows(
        this.dataSource.manager,
        `DELETE FROM chat_message_reactions WHERE message_id = $1 AND user_id = $2 AND emoji = $3 RETURNING id`,
        [messageId, userId, emoji],
      );
      if (removed.length > 0) return -1;
      const added = await sqlRows(
        this.dataSource.manager,
        `INSERT INTO chat_message_reactions (project_id, message_id, user_id, emoji) VALUES ($1, $2, $3, $4)
         ON CONFLICT (message_id, user_id, emoji) DO NOTHING RETURNING id`,
        [projectId, messageId, userId, emoji],
      );
      if (added.length > 0) return 1;
    }
    throw ChatErrors.reactionBusy();
  }

  /** Who reacted with `emoji`, oldest first, with the total. */
  async usersWhoReacted(
    messageId: string,
    emoji: string,
    page: { offset: number; limit: number },
  ): Promise<{ rows: { user: User; createdAt: Date }[]; total: number }> {
    const rows: { user: Record<string, unknown>; created_at: Date; total: number }[] = await this.dataSource.query(
      `SELECT to_jsonb(u) AS user, r.created_at, count(*) OVER ()::int AS total
         FROM chat_message_reactions r JOIN users u ON u.id = r.user_id
        WHERE r.message_id = $1 AND r.emoji = $2
        ORDER BY r.created_at, r.id
        OFFSET $3 LIMIT $4`,
      [messageId, emoji, page.offset, page.limit],
    );
    const total = rows[0]?.total ?? (await this.count(messageId, emoji));
    return {
      rows: rows.map((row) => ({ user: hydrate(this.dataSource, User, row.user), createdAt: row.created_at })),
      total,
    };
  }

  private async count(messageId: string, emoji: string): Promise<number> {
    const [row]: { n: number }[] = await this.dataSource.query(
      'SELECT count(*)::int AS n FROM chat_message_reactions WHERE message_id = $1 AND emoji = $2',
      [messageId, emoji],
    );
    return row.n;
  }

  /** Reaction counts per message, and which emojis the viewer used, in one query. */
  async reactionSummaries(
    messageIds: readonly string[],
    viewerId: string | null,
  ): Promise<Map<string, ReactionSummary>> {
    const summaries = new Map<string, ReactionSummary>();
    if (messageIds.length === 0) return summaries;
    const rows: { message_id: string; emoji: string; count: number; mine: boolean }[] = await this.dataSource.query(
      `SELECT message_id, emoji, count(*)::int AS count, coalesce(bool_or(user_id = $2), false) AS mine
         FROM chat_message_reactions
        WHERE message_id = ANY($1::uuid[])
        GROUP BY message_id, emoji
        ORDER BY min(created_at)`,
      [messageIds, viewerId],
    );
    for (const row of rows) {
      const summary = summaries.get(row.message_id) ?? { reactionCounts: {}, userReactions: [] };
      summary.reactionCounts[row.emoji] = row.count;
      if (row.mine) summary.userReactions.push(row.emoji);
      summaries.set(row.message_id, summary);
    }
    return summaries;
  }
}
