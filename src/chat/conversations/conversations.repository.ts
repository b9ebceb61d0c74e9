import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm';
import { isUuid } from '../../common/util/ids.js';
import { hydrate } from '../../database/hydrate.js';
import { preparedRows, preparedStatement, sqlRows } from '../../database/sql.js';
import { User } from '../../users/user.entity.js';
import { ConversationMember, type ConversationMemberRole } from './conversation-member.entity.js';
import { Conversation } from './conversation.entity.js';

/** A conversation together with one user's membership row of it (if any). */
export interface ConversationWithMember {
  conversation: Conversation;
  member: ConversationMember | null;
}

/** Runs before every message sent (the membership guard), so it is prepared. */
const FIND_WITH_MEMBER = preparedStatement(
  'confab_conversation_with_member',
  `SELECT to_jsonb(c) AS conversation, to_jsonb(m) AS member
     FROM conversations c
     LEFT JOIN conversation_members m ON m.conversation_id = c.id AND m.user_id = $3
    WHERE c.id = $1 AND c.project_id = $2`,
);

@Injectable()
export class ConversationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs `work` in one transaction. */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** The conversation and the user's membership row, in one query. */
  async findWithMember(
    projectId: string,
    conversationId: string,
    userId: string,
  ): Promise<ConversationWithMember | null> {
    if (!isUuid(conversationId)) return null;
    const rows = await preparedRows<{ conversation: Record<string, unknown>; member: Record<string, unknown> | null }>(
      this.dataSource.manager,
      FIND_WITH_MEMBER,
      [conversationId, projectId, userId],
    );
    if (rows.length === 0) return null;
    return {
      conversation: hydrate(this.dataSource, Conversation, rows[0].conversation),
      member: rows[0].member ? hydrate(this.dataSource, ConversationMember, rows[0].member) : null,
    };
  }

  findMember(
    conversationId: string,
    userId: string,
    manager = this.dataSource.manager,
  ): Promise<ConversationMember | null> {
    if (!isUuid(userId)) return Promise.resolve(null);
    return manager.findOneBy(ConversationMember, { conversationId, userId });
  }

  countActiveMembers(conversationId: string, manager = this.dataSource.manager): Promise<number> {
    return manager.countBy(ConversationMember, { conversationId, isActive: true });
  }

  insertConversation(manager: EntityManager, conversation: Partial<Conversation>): Promise<Conversation> {
    return manager.save(manager.create(Conversation, conversation));
  }

  /**
   * The direct conversation of a pair, created if missing. The unique `direct_key` decides
   * between concurrent creators; the loser reads the winner's row.
   */
  async findOrCreateDirect(
    manager: EntityManager,
    projectId: string,
    directKey: string,
    createdById: string,
  ): Promise<{ conversation: Conversation; created: boolean }> {
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(Conversation)
      .values({ projectId, type: 'direct', directKey, createdById })
      .orIgnore()
      .returning('id')
      .execute();
    const created = (inserted.raw as unknown[]).length > 0;
    const conversation = await manager.findOneByOrFail(Conversation, { projectId, directKey });
    return { conversation, created };
  }

  /**
   * Makes the user an active member: inserts the row, or re-activates a former member (with
   * `lastReadAt` reset to now, so their old history is not unread). `created_at` is the real
   * clock, not the transaction's start, so members added one after another in one transaction
   * keep their order of joining (to the millisecond the column holds).
   */
  async activateMember(
    manager: EntityManager,
    member: { projectId: string; conversationId: string; userId: string; role: ConversationMemberRole | null },
  ): Promise<ConversationMember> {
    const rows = await sqlRows<Record<string, unknown>>(
      manager,
      `INSERT INTO conversation_members (project_id, conversation_id, user_id, role, is_active, last_read_at, created_at)
       VALUES ($1, $2, $3, $4, true, now(), clock_timestamp())
       ON CONFLICT (conversation_id, user_id) DO UPDATE
         SET is_active = true, left_at = NULL, role = EXCLUDED.role, updated_at = now(),
             last_read_at = CASE WHEN conversation_members.is_active THEN conversation_members.last_read_at ELSE now() END
       RETURNING *`,
      [member.projectId, member.conversationId, member.userId, member.role],
    );
    return hydrate(this.dataSource, ConversationMember, rows[0]);
  }

  /** Marks the membership ended; returns false when the user was not an active member. */
  async deactivateMember(manager: EntityManager, conversationId: string, userId: string): Promise<boolean> {
    if (!isUuid(userId)) return false;
    const result = await manager.update(
      ConversationMember,
      { conversationId, userId, isActive: true },
      { isActive: false, leftAt: () => 'now()' },
    );
    return (result.affected ?? 0) > 0;
  }

  /** Locks the conversation row for the rest of the transaction (membership changes of a group). */
  async lock(manager: EntityManager, conversationId: string): Promise<void> {
    await manager.query('SELECT 1 FROM conversations WHERE id = $1 FOR UPDATE', [conversationId]);
  }

  countActiveAdmins(manager: EntityManager, conversationId: string): Promise<number> {
    return manager.countBy(ConversationMember, { conversationId, isActive: true, role: 'admin' });
  }

  async update(
    projectId: string,
    conversationId: string,
    changes: Partial<Pick<Conversation, 'name' | 'description' | 'metadata' | 'postingPermission'>>,
  ): Promise<Conversation> {
    const where = { projectId, id: conversationId };
    await this.dataSource.manager.update(Conversation, where, changes as QueryDeepPartialEntity<Conversation>);
    return this.dataSource.manager.findOneByOrFail(Conversation, where);
  }

  async activeConversationIds(projectId: string, userId: string): Promise<string[]> {
    const rows: { conversation_id: string }[] = await this.dataSource.query(
      'SELECT conversation_id FROM conversation_members WHERE project_id = $1 AND user_id = $2 AND is_active',
      [projectId, userId],
    );
    return rows.map((row) => row.conversation_id);
  }

  async activeMemberIds(conversationId: string, manager = this.dataSource.manager): Promise<string[]> {
    const rows: { user_id: string }[] = await manager.query(
      'SELECT user_id FROM conversation_members WHERE conversation_id = $1 AND is_active',
      [conversationId],
    );
    return rows.map((row) => row.user_id);
  }

  /** A page of the active members, with their users, and how many there are. */
  async activeMembersPage(
    conversationId: string,
    options: { role: ConversationMemberRole | null; offset: number; limit: number },
  ): Promise<{ rows: { member: ConversationMember; user: User }[]; total: number }> {
    const [members, total] = await this.dataSource.manager
      .createQueryBuilder(ConversationMember, 'm')
      .innerJoinAndMapOne('m.user', User, 'u', 'u.id = m.user_id')
      .where('m.conversation_id = :conversationId AND m.is_active', { conversationId })
      .andWhere(options.role ? 'm.role = :role' : '1 = 1', { role: options.role })
      .orderBy('m.created_at', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .skip(options.offset)
      .take(options.limit)
      .getManyAndCount();
    return { rows: members.map((member) => ({ member, user: member.user! })), total };
  }

  async setRole(
    manager: EntityManager,
    projectId: string,
    memberId: string,
    role: ConversationMemberRole,
  ): Promise<ConversationMember> {
    const rows = await sqlRows<Record<string, unknown>>(
      manager,
      `UPDATE conversation_members SET role = $3, updated_at = now() WHERE id = $1 AND project_id = $2 RETURNING *`,
      [memberId, projectId, role],
    );
    return hydrate(this.dataSource, ConversationMember, rows[0]);
  }

  async delete(manager: EntityManager, projectId: string, conversationId: string): Promise<void> {
    await manager.delete(Conversation, { projectId, id: conversationId });
  }

  /** The conversation of a space; created when missing (the unique key settles a race). */
  async findOrCreateSpaceConversation(
    manager: EntityManager,
    projectId: string,
    spaceId: string,
  ): Promise<Conversation> {
    await manager.query(
      `INSERT INTO conversations (project_id, type, space_id, posting_permission) VALUES ($1, 'space', $2, 'members')
       ON CONFLICT (space_id) DO NOTHING`,
      [projectId, spaceId],
    );
    return manager.findOneByOrFail(Conversation, { projectId, spaceId });
  }

  findBySpace(manager: EntityManager, projectId: string, spaceId: string): Promise<Conversation | null> {
    return manager.findOneBy(Conversation, { projectId, spaceId });
  }
}
