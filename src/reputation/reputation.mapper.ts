import type { GrantResult } from './reputation.service.js';

/** A grant as the API returns it: what was applied, and the numbers it left. */
export interface GrantResponse {
  id: string;
  userId: string;
  spaceId: string | null;
  delta: number;
  reason: string | null;
  createdAt: string;
  /** The bucket's value after the grant. */
  value: number;
  /** The user's total reputation after the grant. */
  reputation: number;
}

export function toGrantResponse({ grant, value, reputation }: GrantResult): GrantResponse {
  return {
    id: grant.id,
    userId: grant.userId,
    spaceId: grant.spaceId,
    delta: grant.delta,
    reason: grant.reason,
    createdAt: grant.createdAt.toISOString(),
    value,
    reputation,
  };
}
