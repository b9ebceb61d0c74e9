import type { SpaceMemberStatus, SpaceRole } from './space-member.entity.js';
import type { SpaceReadingPermission } from './space.entity.js';

/** A membership as far as permissions go: a role and a status. */
export interface MembershipState {
  role: SpaceRole;
  status: SpaceMemberStatus;
}

/** The caller's resolved permissions in a space, as the official client expects them. */
export interface SpaceMemberPermissions {
  isAdmin: boolean;
  /** True for admins too: an admin has every moderator power, and clients derive moderation from this flag. */
  isModerator: boolean;
  isMember: boolean;
  status: 'pending' | 'active' | 'banned' | null;
  /** Active members post; Confab has no per-space posting rule beyond its chat's own. */
  canPost: boolean;
  canModerate: boolean;
  canRead: boolean;
}

export function isActiveAdmin(membership: MembershipState | null): boolean {
  return membership?.status === 'active' && membership.role === 'admin';
}

/** Admins and moderators, while active. */
export function isActiveModerator(membership: MembershipState | null): boolean {
  return membership?.status === 'active' && (membership.role === 'admin' || membership.role === 'moderator');
}

/** A space's content is readable when anyone may read it, or by its active members; never when banned. */
export function canReadSpace(readingPermission: SpaceReadingPermission, status: SpaceMemberStatus | null): boolean {
  if (status === 'banned') return false;
  return readingPermission === 'anyone' || status === 'active';
}

/**
 * What the caller may do in a space; null when they have no membership (a declined request
 * counts as none: they may ask again).
 */
export function memberPermissions(
  readingPermission: SpaceReadingPermission,
  membership: MembershipState | null,
): SpaceMemberPermissions | null {
  if (!membership || membership.status === 'rejected') return null;
  const active = membership.status === 'active';
  return {
    isAdmin: isActiveAdmin(membership),
    isModerator: isActiveModerator(membership),
    isMember: active,
    status: membership.status,
    canPost: active,
    canModerate: isActiveModerator(membership),
    canRead: canReadSpace(readingPermission, membership.status),
  };
}
