import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../common/errors/app-error.js';
import { MAX_SPACE_DEPTH } from './space.entity.js';

export const SpaceErrors = {
  notFound: () => new NotFoundError('space/not-found', 'Space not found.'),
  parentNotFound: () =>
    new NotFoundError('space/parent-not-found', 'Parent space not found.', { field: 'parentSpaceId' }),
  parentAdminRequired: () =>
    new ForbiddenError('space/parent-admin-required', 'Only admins of the parent space can create child spaces.'),
  maxDepthExceeded: () =>
    new BadRequestError('space/max-depth-exceeded', `Maximum nesting depth (${MAX_SPACE_DEPTH}) exceeded.`, {
      field: 'parentSpaceId',
    }),
  slugTaken: () => new ConflictError('space/slug-taken', 'A space with this slug already exists.', { field: 'slug' }),
  adminRequired: (action: string) =>
    new ForbiddenError('space/insufficient-permissions', `Only admins of this space can ${action}.`),
  moderatorRequired: (action: string) =>
    new ForbiddenError('space/insufficient-permissions', `Only moderators and admins of this space can ${action}.`),
  moderatorsOnlyRegularMembers: (action: string) =>
    new ForbiddenError('space/insufficient-permissions', `Moderators can only ${action} regular members.`),
  creatorRequired: (action: string) =>
    new ForbiddenError('space/creator-required', `Only the space creator can ${action} admins.`),
  lastAdmin: () =>
    new BadRequestError('space/last-admin', 'Cannot remove the last admin. Promote another member to admin first.'),
  alreadyMember: () => new ConflictError('space/already-member', 'You are already a member of this space.'),
  alreadyRequested: () =>
    new ConflictError('space/already-member', 'Your request to join this space is already pending.'),
  banned: () => new ForbiddenError('space/banned', 'You are banned from this space.'),
  notAMember: () => new NotFoundError('space/membership-not-found', 'You are not a member of this space.'),
  membershipNotFound: () => new NotFoundError('space/membership-not-found', 'Membership not found.'),
  bannedMembershipNotFound: () => new NotFoundError('space/membership-not-found', 'Banned membership not found.'),
  notPending: (status: string) =>
    new BadRequestError(
      'space/not-pending',
      status === 'active' ? 'Membership is already active.' : 'Membership is not pending.',
    ),
  notActive: () => new BadRequestError('space/membership-not-active', 'Only active members can be given a role.'),
  cannotTargetSelf: () =>
    new BadRequestError(
      'space/cannot-target-self',
      'You cannot do this to your own membership; leave the space instead.',
    ),
  membersOnly: () => new ForbiddenError('space/not-a-member', 'Only members of this space can see its members.'),
} as const;
