import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { sqlRow, sqlRows } from '../database/sql.js';
import type { ReputationGrant } from './reputation-grant.entity.js';

/** Bucket values summed per user; users without a row have nothing there. */
type UserValues = Map<string, number>;

/**
 * Reputation buckets, the grants log, and `users.reputation`, the total kept in step with the
 * buckets. Every change adds in SQL (`value = value + delta`), so concurrent grants never lose one.
 */
@Injectable()
export class ReputationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * Adds to the user's total and returns it; null when the project has no such user. Runs first
   * in a grant, so concurrent grants to one user queue on this row in one order and cannot
   * deadlock on their buckets.
   */
  async addToUserTotal(
    manager: EntityManager,
    projectId: string,
    userId: string,
    delta: number,
  ): Promise<number | null> {
    const row = await sqlRow<{ reputation: number }>(
      manager,
      `UPDATE users SET reputation = reputation + $3 WHERE project_id = $1 AND id = $2 RETURNING reputation`,
      [projectId, userId, delta],
    );
    return row?.reputation ?? null;
  }

  /** Adds to the user's general bucket, creating it at 0 first; returns the new value. */
  async addToGeneralBucket(manager: EntityManager, projectId: string, userId: string, delta: number): Promise<number> {
    const row = await sqlRow<{ value: number }>(
      manager,
      `INSERT INTO reputation_buckets AS b (project_id, user_id, space_id, value) VALUES ($1, $2, NULL, $3)
       ON CONFLICT (user_id) WHERE space_id IS NULL
       DO UPDATE SET value = b.value + EXCLUDED.value, updated_at = now()
       RETURNING value`,
      [projectId, userId, delta],
    );
    if (!row) throw new Error('The general bucket upsert returned no row');
    return row.value;
  }

  /** Adds to the user's bucket of the space; null when the project has no such space. */
  async addToSpaceBucket(
    manager: EntityManager,
    projectId: string,
    userId: string,
    spaceId: string,
    delta: number,
  ): Promise<number | null> {
    const row = await sqlRow<{ value: number }>(
      manager,
      `INSERT INTO reputation_buckets AS b (project_id, user_id, space_id, value)
       SELECT $1, $2, s.id, $4 FROM spaces s WHERE s.project_id = $1 AND s.id = $3
       ON CONFLICT (user_id, space_id) WHERE space_id IS NOT NULL
       DO UPDATE SET value = b.value + EXCLUDED.value, updated_at = now()
       RETURNING value`,
      [projectId, userId, spaceId, delta],
    );
    return row?.value ?? null;
  }

  async recordGrant(
    manager: EntityManager,
    grant: Pick<ReputationGrant, 'projectId' | 'userId' | 'spaceId' | 'delta' | 'reason'>,
  ): Promise<ReputationGrant> {
    const row = await sqlRow<ReputationGrant>(
      manager,
      `INSERT INTO reputation_grants (project_id, user_id, space_id, delta, reason) VALUES ($1, $2, $3, $4, $5)
       RETURNING id, project_id AS "projectId", user_id AS "userId", space_id AS "spaceId", delta, reason,
         created_at AS "createdAt"`,
      [grant.projectId, grant.userId, grant.spaceId, grant.delta, grant.reason],
    );
    if (!row) throw new Error('INSERT INTO reputation_grants returned no row');
    return row;
  }

  /** Each user's bucket of one space, or their general bucket (`spaceId` null). */
  async bucketValues(projectId: string, userIds: readonly string[], spaceId: string | null): Promise<UserValues> {
    // Two statements rather than `IS NOT DISTINCT FROM`, which no index (they are partial) serves.
    const rows = await sqlRows<{ userId: string; value: number }>(
      this.dataSource.manager,
      spaceId === null
        ? `SELECT user_id AS "userId", value FROM reputation_buckets
           WHERE project_id = $1 AND user_id = ANY($2::uuid[]) AND space_id IS NULL`
        : `SELECT user_id AS "userId", value FROM reputation_buckets
           WHERE project_id = $1 AND user_id = ANY($2::uuid[]) AND space_id = $3`,
      spaceId === null ? [projectId, userIds] : [projectId, userIds, spaceId],
    );
    return new Map(rows.map((row) => [row.userId, row.value]));
  }

  /**
   * Each user's buckets summed over the space and all its descendants, through the closure table.
   *
   * Only the buckets are filtered by project: a bucket only ever points at a space of its own
   * project (`addToSpaceBucket` checks), so a space of another project matches none of them.
   * Filtering the closure rows by project as well would cost a heap visit per descendant, where
   * the primary key alone (ancestor, descendant) answers by an index-only scan: 3x slower at the
   * root of 10,000 spaces. Keep this an unnamed statement too: planned with the actual root,
   * PostgreSQL knows a root has the whole tree below it, where a cached generic plan would assume
   * a handful of descendants.
   */
  async subtreeValues(projectId: string, userIds: readonly string[], rootSpaceId: string): Promise<UserValues> {
    const rows = await sqlRows<{ userId: string; value: string }>(
      this.dataSource.manager,
      `SELECT b.user_id AS "userId", sum(b.value) AS value
       FROM reputation_buckets b
       JOIN space_closure c ON c.descendant_id = b.space_id
       WHERE c.ancestor_id = $3 AND b.project_id = $1 AND b.user_id = ANY($2::uuid[])
       GROUP BY b.user_id`,
      [projectId, userIds, rootSpaceId],
    );
    // sum() of integers is a bigint, which pg hands over as a string.
    return new Map(rows.map((row) => [row.userId, Number(row.value)]));
  }
}
