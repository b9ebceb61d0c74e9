import type { PublicUser } from '../users/user.mapper.js';
import { memberPermissions, type SpaceMemberPermissions } from './space-permissions.js';
import type { SpaceMember, SpaceMemberStatus, SpaceRole } from './space-member.entity.js';
import type { SpaceReadingPermission } from './space.entity.js';
import type { SpacePreviewRow, SpaceView } from './spaces.repository.js';

/** A space as the API returns it in lists and on create. */
export interface SpaceResponse {
  id: string;
  projectId: string;
  slug: string | null;
  name: string;
  description: string | null;
  /** The creator; null once their account is gone. */
  userId: string | null;
  readingPermission: SpaceReadingPermission;
  requireJoinApproval: boolean;
  parentSpaceId: string | null;
  depth: number;
  metadata: Record<string, unknown>;
  membersCount: number;
  childSpacesCount: number;
  /** Whether the calling user is an active member; absent when no user is calling. */
  isMember?: boolean;
  createdAt: string;
  updatedAt: string;
}

/** The few fields of a space shown inside another, returned as the repository reads them. */
export type SpacePreview = SpacePreviewRow;

/** A single space, with the caller's permissions and its neighbours. */
export interface SpaceDetailedResponse extends SpaceResponse {
  memberPermissions: SpaceMemberPermissions | null;
  parentSpace: SpacePreview | null;
  childSpaces: SpacePreview[];
}

/** A membership record. */
export interface MembershipResponse {
  id: string;
  spaceId: string;
  userId: string;
  role: SpaceRole;
  status: SpaceMemberStatus;
  joinedAt: string | null;
}

/** A membership with its user, as member lists show it. */
export interface SpaceMemberWithUser {
  membershipId: string;
  role: SpaceRole;
  status: SpaceMemberStatus;
  joinedAt: string | null;
  user: PublicUser;
}

export function toSpace(view: SpaceView, hasViewer: boolean): SpaceResponse {
  const { space } = view;
  const response: SpaceResponse = {
    id: space.id,
    projectId: space.projectId,
    slug: space.slug,
    name: space.name,
    description: space.description,
    userId: space.createdById,
    readingPermission: space.readingPermission,
    requireJoinApproval: space.requireJoinApproval,
    parentSpaceId: space.parentSpaceId,
    depth: space.depth,
    metadata: space.metadata,
    membersCount: view.membersCount,
    childSpacesCount: view.childSpacesCount,
    createdAt: space.createdAt.toISOString(),
    updatedAt: space.updatedAt.toISOString(),
  };
  if (hasViewer) response.isMember = view.viewer?.status === 'active';
  return response;
}

export function toSpaceDetailed(
  view: SpaceView,
  hasViewer: boolean,
  parent: SpacePreview | null,
  children: SpacePreview[],
): SpaceDetailedResponse {
  return {
    ...toSpace(view, hasViewer),
    memberPermissions: memberPermissions(view.space.readingPermission, view.viewer),
    parentSpace: parent,
    childSpaces: children,
  };
}

export function toMembership(member: SpaceMember): MembershipResponse {
  return {
    id: member.id,
    spaceId: member.spaceId,
    userId: member.userId,
    role: member.role,
    status: member.status,
    joinedAt: member.joinedAt?.toISOString() ?? null,
  };
}

export function toSpaceMemberWithUser(member: SpaceMember, user: PublicUser): SpaceMemberWithUser {
  return {
    membershipId: member.id,
    role: member.role,
    status: member.status,
    joinedAt: member.joinedAt?.toISOString() ?? null,
    user,
  };
}
