import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { isUuid } from '../common/util/ids.js';
import { sqlRow, sqlRows } from '../database/sql.js';
import type { SpaceMember, SpaceMemberStatus, SpaceRole } from './space-member.entity.js';
import type { SpaceReadingPermission } from './space.entity.js';

/** The columns of `space_members m`, named as the entity's properties. */
const MEMBER_COLUMNS = `m.id, m.project_id AS "projectId", m.space_id AS "spaceId", m.user_id AS "userId", m.role,
  m.status, m.joined_at AS "joinedAt", m.created_at AS "createdAt", m.updated_at AS "updatedAt"`;

/** A membership row as the writes address it: by id, and always inside its project. */
type MemberKey = Pick<SpaceMember, 'id' | 'projectId'>;

/** A space's reading permission and one user's membership of it. */
export interface ReadAccess {
  readingPermission: SpaceReadingPermission;
  member: Pick<SpaceMember, 'id' | 'role' | 'status' | 'joinedAt'> | null;
}

interface ReadAccessRow {
  readingPermission: SpaceReadingPermission;
  memberId: string | null;
  role: SpaceRole | null;
  status: SpaceMemberStatus | null;
  joinedAt: Date | null;
}

export interface MemberFilter {
  status: SpaceMemberStatus;
  role?: SpaceRole;
}

@Injectable()
export class SpaceMembersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findByUser(
    projectId: string,
    spaceId: string,
    userId: string,
    manager = this.dataSource.manager,
  ): Promise<SpaceMember | null> {
    if (!isUuid(spaceId) || !isUuid(userId)) return Promise.resolve(null);
    return sqlRow<SpaceMember>(
      manager,
      `SELECT ${MEMBER_COLUMNS} FROM space_members m WHERE m.project_id = $1 AND m.space_id = $2 AND m.user_id = $3`,
      [projectId, spaceId, userId],
    );
  }

  findById(manager: EntityManager, projectId: string, spaceId: string, memberId: string): Promise<SpaceMember | null> {
    if (!isUuid(memberId)) return Promise.resolve(null);
    return sqlRow<SpaceMember>(
      manager,
      `SELECT ${MEMBER_COLUMNS} FROM space_members m WHERE m.project_id = $1 AND m.space_id = $2 AND m.id = $3`,
      [projectId, spaceId, memberId],
    );
  }

  /**
   * The space's reading permission with the user's membership row, of any status (null: no row,
   * or no user); null when the project has no such space.
   */
  async findReadAccess(projectId: string, spaceId: string, userId: string | null): Promise<ReadAccess | null> {
    if (!isUuid(spaceId)) return null;
    const row = await sqlRow<ReadAccessRow>(
      this.dataSource.manager,
      `SELECT s.reading_permission AS "readingPermission", m.id AS "memberId", m.role, m.status,
         m.joined_at AS "joinedAt"
       FROM spaces s LEFT JOIN space_members m ON m.space_id = s.id AND m.user_id = $3::uuid
       WHERE s.project_id = $1 AND s.id = $2`,
      [projectId, spaceId, isUuid(userId) ? userId : null],
    );
    if (!row) return null;
    const { readingPermission, memberId, role, status, joinedAt } = row;
    return {
      readingPermission,
      member: memberId && role && status ? { id: memberId, role, status, joinedAt } : null,
    };
  }

  async addActive(
    manager: EntityManager,
    member: { projectId: string; spaceId: string; userId: string; role: SpaceRole },
  ): Promise<void> {
    await sqlRows(
      manager,
      `INSERT INTO space_members (project_id, space_id, user_id, role, status, joined_at)
       VALUES ($1, $2, $3, $4, 'active', now())`,
      [member.projectId, member.spaceId, member.userId, member.role],
    );
  }

  /** Gives the child space every active admin and moderator of its parent, in the same role. */
  async copyTeam(manager: EntityManager, projectId: string, parentId: string, childId: string): Promise<void> {
    await sqlRows(
      manager,
      `INSERT INTO space_members (project_id, space_id, user_id, role, status, joined_at)
       SELECT project_id, $3, user_id, role, 'active', now() FROM space_members
       WHERE project_id = $1 AND space_id = $2 AND status = 'active' AND role IN ('admin', 'moderator')
       ON CONFLICT (space_id, user_id) DO NOTHING`,
      [projectId, parentId, childId],
    );
  }

  /**
   * Creates the user's membership with `status`, or turns a rejected request into a new one. Any
   * other existing row is left alone and null is returned: the unique (space, user) key makes
   * concurrent joins of one user end with one row.
   */
  join(projectId: string, spaceId: string, userId: string, status: 'pending' | 'active'): Promise<SpaceMember | null> {
    return sqlRow<SpaceMember>(
      this.dataSource.manager,
      `INSERT INTO space_members AS m (project_id, space_id, user_id, role, status, joined_at)
       VALUES ($1, $2, $3, 'member', $4::varchar, CASE WHEN $4::varchar = 'active' THEN now() END)
       ON CONFLICT (space_id, user_id) DO UPDATE
         SET role = 'member', status = EXCLUDED.status, joined_at = EXCLUDED.joined_at, updated_at = now()
         WHERE m.status = 'rejected'
       RETURNING ${MEMBER_COLUMNS}`,
      [projectId, spaceId, userId, status],
    );
  }

  /** Sets the status; an activated membership gets `joined_at` unless it had one. */
  setStatus(manager: EntityManager, member: MemberKey, status: SpaceMemberStatus): Promise<SpaceMember | null> {
    return sqlRow<SpaceMember>(
      manager,
      `UPDATE space_members AS m SET status = $2::varchar,
         joined_at = CASE WHEN $2::varchar = 'active' THEN COALESCE(m.joined_at, now()) ELSE m.joined_at END,
         updated_at = now()
       WHERE m.id = $1 AND m.project_id = $3 RETURNING ${MEMBER_COLUMNS}`,
      [member.id, status, member.projectId],
    );
  }

  setRole(manager: EntityManager, member: MemberKey, role: SpaceRole): Promise<SpaceMember | null> {
    return sqlRow<SpaceMember>(
      manager,
      `UPDATE space_members AS m SET role = $2, updated_at = now()
       WHERE m.id = $1 AND m.project_id = $3 RETURNING ${MEMBER_COLUMNS}`,
      [member.id, role, member.projectId],
    );
  }

  async delete(manager: EntityManager, member: MemberKey): Promise<void> {
    await sqlRows(manager, `DELETE FROM space_members WHERE id = $1 AND project_id = $2`, [
      member.id,
      member.projectId,
    ]);
  }

  async countActiveAdmins(manager: EntityManager, spaceId: string): Promise<number> {
    const row = await sqlRow<{ count: number }>(
      manager,
      `SELECT count(*)::int AS count FROM space_members WHERE space_id = $1 AND status = 'active' AND role = 'admin'`,
      [spaceId],
    );
    return row?.count ?? 0;
  }

  /** A page of memberships in join order, with the total. */
  async list(
    projectId: string,
    spaceId: string,
    filter: MemberFilter,
    page: { limit: number; offset: number },
  ): Promise<{ items: SpaceMember[]; total: number }> {
    const where = `m.project_id = $1 AND m.space_id = $2 AND m.status = $3 AND ($4::varchar IS NULL OR m.role = $4::varchar)`;
    const parameters = [projectId, spaceId, filter.status, filter.role ?? null];
    const items = await sqlRows<SpaceMember>(
      this.dataSource.manager,
      `SELECT ${MEMBER_COLUMNS} FROM space_members m WHERE ${where} ORDER BY m.created_at, m.id LIMIT $5 OFFSET $6`,
      [...parameters, page.limit, page.offset],
    );
    const count = await sqlRow<{ total: number }>(
      this.dataSource.manager,
      `SELECT count(*)::int AS total FROM space_members m WHERE ${where}`,
      parameters,
    );
    return { items, total: count?.total ?? 0 };
  }

  /** Active admins, then active moderators, each in join order. */
  listTeam(projectId: string, spaceId: string): Promise<SpaceMember[]> {
    return sqlRows<SpaceMember>(
      this.dataSource.manager,
      `SELECT ${MEMBER_COLUMNS} FROM space_members m
       WHERE m.project_id = $1 AND m.space_id = $2 AND m.status = 'active' AND m.role IN ('admin', 'moderator')
       ORDER BY m.role = 'admin' DESC, m.created_at, m.id`,
      [projectId, spaceId],
    );
  }
}
