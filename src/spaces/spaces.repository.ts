import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { isUuid } from '../common/util/ids.js';
import { sqlRow, sqlRows } from '../database/sql.js';
import type { SpaceMemberStatus, SpaceRole } from './space-member.entity.js';
import type { Space, SpaceReadingPermission } from './space.entity.js';

/** The columns of `spaces s`, named as the entity's properties. */
const SPACE_COLUMNS = `s.id, s.project_id AS "projectId", s.parent_space_id AS "parentSpaceId", s.depth, s.name,
  s.slug, s.description, s.reading_permission AS "readingPermission",
  s.require_join_approval AS "requireJoinApproval", s.created_by_id AS "createdById", s.metadata,
  s.created_at AS "createdAt", s.updated_at AS "updatedAt"`;

/**
 * The columns of a space's preview. The API returns preview rows as they are, so this order is the
 * order of their keys in the JSON.
 */
const PREVIEW_COLUMNS = `s.id, s.name, s.slug, s.reading_permission AS "readingPermission",
  s.parent_space_id AS "parentSpaceId", s.depth`;

/** A space with its counts and the viewer's membership, as the API shows it. */
export interface SpaceView {
  space: Space;
  membersCount: number;
  childSpacesCount: number;
  /** The viewing user's membership row, of any status; null without a row or without a user. */
  viewer: { id: string; role: SpaceRole; status: SpaceMemberStatus; joinedAt: Date | null } | null;
}

/** The few fields of a space shown inside another (its parent, its children). */
export type SpacePreviewRow = Pick<Space, 'id' | 'name' | 'slug' | 'readingPermission' | 'parentSpaceId' | 'depth'>;

export interface NewSpace {
  projectId: string;
  parentSpaceId: string | null;
  depth: number;
  name: string;
  slug: string | null;
  description: string | null;
  readingPermission: SpaceReadingPermission;
  requireJoinApproval: boolean;
  createdById: string;
  metadata: Record<string, unknown>;
}

export type SpaceChanges = Partial<
  Pick<Space, 'name' | 'slug' | 'description' | 'readingPermission' | 'requireJoinApproval' | 'metadata'>
>;

interface SpaceViewRow extends Space {
  membersCount: number;
  childSpacesCount: number;
  viewerId: string | null;
  viewerRole: SpaceRole | null;
  viewerStatus: SpaceMemberStatus | null;
  viewerJoinedAt: Date | null;
}

/** Spaces and their hierarchy (the `space_closure` table). */
@Injectable()
export class SpacesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** The spaces among `spaceIds` that belong to the project. */
  findByIds(projectId: string, spaceIds: readonly string[]): Promise<Space[]> {
    const ids = [...new Set(spaceIds)].filter(isUuid);
    if (ids.length === 0) return Promise.resolve([]);
    return sqlRows<Space>(
      this.dataSource.manager,
      `SELECT ${SPACE_COLUMNS} FROM spaces s WHERE s.project_id = $1 AND s.id = ANY($2::uuid[])`,
      [projectId, ids],
    );
  }

  findById(projectId: string, spaceId: string): Promise<Space | null> {
    if (!isUuid(spaceId)) return Promise.resolve(null);
    return sqlRow<Space>(
      this.dataSource.manager,
      `SELECT ${SPACE_COLUMNS} FROM spaces s WHERE s.project_id = $1 AND s.id = $2`,
      [projectId, spaceId],
    );
  }

  /**
   * Reads the space and locks it against other membership changes until the transaction ends:
   * rules such as "a space keeps at least one admin" hold only if the changes that could break
   * them take turns. `NO KEY UPDATE` still lets other transactions reference the row.
   */
  lock(manager: EntityManager, projectId: string, spaceId: string): Promise<Space | null> {
    if (!isUuid(spaceId)) return Promise.resolve(null);
    return sqlRow<Space>(
      manager,
      `SELECT ${SPACE_COLUMNS} FROM spaces s WHERE s.project_id = $1 AND s.id = $2 FOR NO KEY UPDATE`,
      [projectId, spaceId],
    );
  }

  /**
   * Inserts the space and its closure rows: its parent's ancestors, the parent, and itself.
   * Returns null, inserting nothing, when the project has a space with that slug already.
   */
  async insert(manager: EntityManager, space: NewSpace): Promise<Space | null> {
    const created = await sqlRow<Space>(
      manager,
      `INSERT INTO spaces AS s (project_id, parent_space_id, depth, name, slug, description, reading_permission,
         require_join_approval, created_by_id, metadata)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (project_id, slug) DO NOTHING
       RETURNING ${SPACE_COLUMNS}`,
      [
        space.projectId,
        space.parentSpaceId,
        space.depth,
        space.name,
        space.slug,
        space.description,
        space.readingPermission,
        space.requireJoinApproval,
        space.createdById,
        JSON.stringify(space.metadata),
      ],
    );
    if (!created) return null;
    await sqlRows(
      manager,
      `INSERT INTO space_closure (ancestor_id, descendant_id, project_id, distance)
       SELECT ancestor_id, $1::uuid, $2::uuid, distance + 1 FROM space_closure WHERE descendant_id = $3::uuid
       UNION ALL SELECT $1::uuid, $1::uuid, $2::uuid, 0`,
      [created.id, space.projectId, space.parentSpaceId],
    );
    return created;
  }

  /** True when another space of the project has this slug. */
  async slugTaken(manager: EntityManager, projectId: string, slug: string, exceptSpaceId: string): Promise<boolean> {
    const row = await sqlRow(manager, `SELECT 1 FROM spaces WHERE project_id = $1 AND slug = $2 AND id <> $3`, [
      projectId,
      slug,
      exceptSpaceId,
    ]);
    return row !== null;
  }

  async update(manager: EntityManager, projectId: string, spaceId: string, changes: SpaceChanges): Promise<void> {
    const columns: Record<keyof SpaceChanges, string> = {
      name: 'name',
      slug: 'slug',
      description: 'description',
      readingPermission: 'reading_permission',
      requireJoinApproval: 'require_join_approval',
      metadata: 'metadata',
    };
    const entries = (Object.keys(columns) as (keyof SpaceChanges)[]).filter((key) => changes[key] !== undefined);
    if (entries.length === 0) return;
    const assignments = entries.map((key, i) => `${columns[key]} = $${i + 3}`);
    const values = entries.map((key) => (key === 'metadata' ? JSON.stringify(changes.metadata) : changes[key]));
    await sqlRows(
      manager,
      `UPDATE spaces SET ${assignments.join(', ')}, updated_at = now() WHERE project_id = $1 AND id = $2`,
      [projectId, spaceId, ...values],
    );
  }

  /** One space as the API shows it, seen by `viewerId` (null: no user). */
  async findView(projectId: string, spaceId: string, viewerId: string | null): Promise<SpaceView | null> {
    if (!isUuid(spaceId)) return null;
    const rows = await this.views(`s.project_id = $1 AND s.id = $3`, [projectId, viewerId, spaceId]);
    return rows[0] ?? null;
  }

  /** A page of the space's children, oldest first, with the total. */
  async findChildViews(
    projectId: string,
    parentId: string,
    viewerId: string | null,
    page: { limit: number; offset: number },
  ): Promise<{ items: SpaceView[]; total: number }> {
    const items = await this.views(
      `s.project_id = $1 AND s.parent_space_id = $3 ORDER BY s.created_at, s.id LIMIT $4 OFFSET $5`,
      [projectId, viewerId, parentId, page.limit, page.offset],
    );
    const count = await sqlRow<{ total: number }>(
      this.dataSource.manager,
      `SELECT count(*)::int AS total FROM spaces WHERE project_id = $1 AND parent_space_id = $2`,
      [projectId, parentId],
    );
    return { items, total: count?.total ?? 0 };
  }

  findPreview(projectId: string, spaceId: string): Promise<SpacePreviewRow | null> {
    return sqlRow<SpacePreviewRow>(
      this.dataSource.manager,
      `SELECT ${PREVIEW_COLUMNS} FROM spaces s WHERE s.project_id = $1 AND s.id = $2`,
      [projectId, spaceId],
    );
  }

  findChildPreviews(projectId: string, parentId: string, limit: number): Promise<SpacePreviewRow[]> {
    return sqlRows<SpacePreviewRow>(
      this.dataSource.manager,
      `SELECT ${PREVIEW_COLUMNS} FROM spaces s WHERE s.project_id = $1 AND s.parent_space_id = $2 ORDER BY s.created_at, s.id LIMIT $3`,
      [projectId, parentId, limit],
    );
  }

  /** `$1` is the project and `$2` the viewer; `where` adds its own parameters from `$3`. */
  private async views(where: string, parameters: unknown[]): Promise<SpaceView[]> {
    const rows = await sqlRows<SpaceViewRow>(
      this.dataSource.manager,
      `SELECT ${SPACE_COLUMNS},
         (SELECT count(*)::int FROM space_members m WHERE m.space_id = s.id AND m.status = 'active') AS "membersCount",
         (SELECT count(*)::int FROM spaces c WHERE c.parent_space_id = s.id) AS "childSpacesCount",
         v.id AS "viewerId", v.role AS "viewerRole", v.status AS "viewerStatus", v.joined_at AS "viewerJoinedAt"
       FROM spaces s
       LEFT JOIN space_members v ON v.space_id = s.id AND v.user_id = $2::uuid
       WHERE ${where}`,
      parameters,
    );
    return rows.map(
      ({ membersCount, childSpacesCount, viewerId, viewerRole, viewerStatus, viewerJoinedAt, ...space }) => ({
        space,
        membersCount,
        childSpacesCount,
        viewer:
          viewerId && viewerRole && viewerStatus
            ? { id: viewerId, role: viewerRole, status: viewerStatus, joinedAt: viewerJoinedAt }
            : null,
      }),
    );
  }
}
