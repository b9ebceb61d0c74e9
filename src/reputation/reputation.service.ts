import { Injectable } from '@nestjs/common';
import { isUuid } from '../common/util/ids.js';
import { isNumericOutOfRange } from '../database/sql.js';
import { SpacesService } from '../spaces/spaces.service.js';
import type { ReputationGrant } from './reputation-grant.entity.js';
import { MAX_GRANT_DELTA, ReputationErrors } from './reputation.errors.js';
import { ReputationRepository } from './reputation.repository.js';
import type { SpaceReputationSelection } from './space-reputation/space-reputation-selection.js';

/** The outcome of a grant: the bucket's new value, the user's new total, and the logged grant. */
export interface GrantResult {
  value: number;
  reputation: number;
  grant: ReputationGrant;
}

/**
 * Users' reputation: a general bucket and one bucket per space, whose sum is `users.reputation`.
 * Other modules and the host change it through `grant` and read it through `spaceReputation` or,
 * for the `spaceReputationId` query parameters, `resolveSpaceReputation`.
 */
@Injectable()
export class ReputationService {
  constructor(
    private readonly reputation: ReputationRepository,
    private readonly spaces: SpacesService,
  ) {}

  /**
   * Adds `delta` (a non-zero whole number within ±1,000,000; negative values are allowed, and
   * buckets may go below zero) to the user's bucket of `spaceId`, or to their general bucket
   * when `spaceId` is null, and to their total, in one transaction.
   */
  async grant(
    projectId: string,
    userId: string,
    spaceId: string | null,
    delta: number,
    reason?: string | null,
  ): Promise<GrantResult> {
    if (!Number.isInteger(delta) || delta === 0 || Math.abs(delta) > MAX_GRANT_DELTA) {
      throw ReputationErrors.invalidDelta();
    }
    if (!isUuid(userId)) throw ReputationErrors.userNotFound();
    if (spaceId !== null && !isUuid(spaceId)) throw ReputationErrors.spaceNotFound();
    try {
      return await this.reputation.transaction(async (manager) => {
        const reputation = await this.reputation.addToUserTotal(manager, projectId, userId, delta);
        if (reputation === null) throw ReputationErrors.userNotFound();
        const value =
          spaceId === null
            ? await this.reputation.addToGeneralBucket(manager, projectId, userId, delta)
            : await this.reputation.addToSpaceBucket(manager, projectId, userId, spaceId, delta);
        if (value === null) throw ReputationErrors.spaceNotFound();
        const grant = await this.reputation.recordGrant(manager, {
          projectId,
          userId,
          spaceId,
          delta,
          reason: reason ?? null,
        });
        return { value, reputation, grant };
      });
    } catch (error) {
      if (isNumericOutOfRange(error)) throw ReputationErrors.outOfRange();
      throw error;
    }
  }

  /**
   * Each user's reputation in `spaceId` (with `descendants`, summed over the space's subtree), or
   * in their general bucket when `spaceId` is null. One query; every id asked for is in the
   * answer, 0 when the user has no such bucket, the space is unknown, or the id is not a user's.
   */
  async spaceReputation(
    projectId: string,
    userIds: readonly string[],
    spaceId: string | null,
    options: { descendants: boolean },
  ): Promise<Map<string, number>> {
    const result = new Map(userIds.map((id) => [id, 0]));
    const ids = [...new Set(userIds.filter(isUuid))];
    if (ids.length === 0 || (spaceId !== null && !isUuid(spaceId))) return result;
    const values =
      spaceId !== null && options.descendants
        ? await this.reputation.subtreeValues(projectId, ids, spaceId)
        : await this.reputation.bucketValues(projectId, ids, spaceId);
    for (const [id, value] of values) result.set(id, value);
    return result;
  }

  /**
   * The `spaceReputation` values a response should carry for `userIds`, or null when it should
   * carry none: the parameters were absent, or they name a members-only space the viewer cannot
   * read (left out silently, so the answer does not reveal who belongs to a private space).
   * `context` means `contextSpaceId`'s bucket, or the general bucket where the endpoint has no
   * space (direct and group chats). `viewerUserId` null is a caller with no user; `trusted` is
   * the project's own server (API key), which may read every space.
   */
  async resolveSpaceReputation(
    projectId: string,
    viewerUserId: string | null,
    request: SpaceReputationSelection | null,
    contextSpaceId: string | null,
    userIds: readonly string[],
    options: { trusted?: boolean } = {},
  ): Promise<Map<string, number> | null> {
    if (!request) return null;
    switch (request.kind) {
      case 'general':
        return this.spaceReputation(projectId, userIds, null, { descendants: false });
      case 'context':
        return this.spaceReputation(projectId, userIds, contextSpaceId, { descendants: false });
      case 'space': {
        if (!options.trusted && (await this.spaces.readAccess(projectId, request.spaceId, viewerUserId)) === 'denied') {
          return null;
        }
        return this.spaceReputation(projectId, userIds, request.spaceId, { descendants: request.descendants });
      }
    }
  }
}

/** `user` with `spaceReputation` from `values`, when there are values to add. */
export function withSpaceReputation<T extends { id: string }>(
  user: T,
  values: Map<string, number> | null,
): T & { spaceReputation?: number } {
  return values ? { ...user, spaceReputation: values.get(user.id) ?? 0 } : user;
}
