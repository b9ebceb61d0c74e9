import { Injectable } from '@nestjs/common';
import { type PageRequest, type Paginated, paginated } from '../common/pagination/pagination.js';
import { isUniqueViolation } from '../database/sql.js';
import { toPublicUser } from '../users/user.mapper.js';
import { UsersService } from '../users/users.service.js';
import { SpaceChatMembership } from './space-chat-membership.js';
import type { SpaceMember, SpaceMemberStatus, SpaceRole } from './space-member.entity.js';
import { type ReadAccess, SpaceMembersRepository } from './space-members.repository.js';
import { SpaceModeration } from './space-moderation.js';
import {
  canReadSpace,
  isActiveAdmin,
  isActiveModerator,
  memberPermissions,
  type SpaceMemberPermissions,
} from './space-permissions.js';
import { MAX_SPACE_DEPTH, type Space, type SpaceReadingPermission } from './space.entity.js';
import { SpaceErrors } from './spaces.errors.js';
import {
  type MembershipResponse,
  type SpaceDetailedResponse,
  type SpaceMemberWithUser,
  type SpaceResponse,
  toMembership,
  toSpace,
  toSpaceDetailed,
  toSpaceMemberWithUser,
} from './spaces.mapper.js';
import { type SpaceChanges, SpacesRepository } from './spaces.repository.js';

/** Children shown inside a single space. */
const CHILD_PREVIEWS = 10;

export interface CreateSpaceInput {
  name: string;
  slug: string | null;
  description: string | null;
  readingPermission: SpaceReadingPermission;
  requireJoinApproval: boolean;
  metadata: Record<string, unknown>;
  parentSpaceId: string | null;
}

/**
 * Who reads a space: a user (token, or API key acting as a user), or the project's own server
 * with its API key (`trusted`), which sees every space whatever its reading permission.
 */
export interface SpaceViewer {
  userId: string | null;
  trusted: boolean;
}

/** `GET .../membership/me`. */
export interface MyMembershipResponse {
  isMember: boolean;
  role: SpaceRole | null;
  status: SpaceMemberStatus | null;
  joinedAt: string | null;
  permissions: Pick<SpaceMemberPermissions, 'canPost' | 'canModerate' | 'canRead' | 'isAdmin' | 'isModerator'>;
}

/**
 * Spaces: nested communities, their members and roles. The one service other modules use: Chat
 * asks it who may post in a space's chat, Reputation who may read a space.
 */
@Injectable()
export class SpacesService {
  constructor(
    private readonly spaces: SpacesRepository,
    private readonly members: SpaceMembersRepository,
    private readonly users: UsersService,
    private readonly chat: SpaceChatMembership,
    private readonly moderation: SpaceModeration,
  ) {}

  // --- Lookups for other modules -------------------------------------------------------------

  /** The user's membership of the space, of any status; null when they have none. */
  async membership(
    projectId: string,
    spaceId: string,
    userId: string,
  ): Promise<{ id: string; role: SpaceRole; status: SpaceMemberStatus } | null> {
    const member = await this.members.findByUser(projectId, spaceId, userId);
    return member ? { id: member.id, role: member.role, status: member.status } : null;
  }

  /** True when the space exists and its content is readable by the user (null: no user). */
  async canRead(projectId: string, spaceId: string, userId: string | null): Promise<boolean> {
    return (await this.readAccess(projectId, spaceId, userId)) === 'allowed';
  }

  /** Like `canRead`, telling an unknown space apart from one the user may not read. */
  async readAccess(
    projectId: string,
    spaceId: string,
    userId: string | null,
  ): Promise<'unknown' | 'allowed' | 'denied'> {
    const access = await this.members.findReadAccess(projectId, spaceId, userId);
    if (!access) return 'unknown';
    return canReadSpace(access.readingPermission, access.member?.status ?? null) ? 'allowed' : 'denied';
  }

  /** The space (entity), or null when the project has no such space. */
  findById(projectId: string, spaceId: string): Promise<Space | null> {
    return this.spaces.findById(projectId, spaceId);
  }

  /** The spaces among `spaceIds` that belong to the project (for mentions). */
  findByIds(projectId: string, spaceIds: readonly string[]): Promise<Space[]> {
    return this.spaces.findByIds(projectId, spaceIds);
  }

  // --- Spaces --------------------------------------------------------------------------------

  /**
   * Creates the space with its creator as admin and its chat. A child space needs an admin of
   * its parent and inherits the parent's admins and moderators. The parent stays locked until
   * commit, so its team cannot change half-way through the copy.
   */
  async create(projectId: string, creatorId: string, input: CreateSpaceInput): Promise<SpaceResponse> {
    const space = await this.spaces.transaction(async (manager) => {
      let parent: Space | null = null;
      if (input.parentSpaceId !== null) {
        parent = await this.spaces.lock(manager, projectId, input.parentSpaceId);
        if (!parent) throw SpaceErrors.parentNotFound();
        if (!isActiveAdmin(await this.members.findByUser(projectId, parent.id, creatorId, manager))) {
          throw SpaceErrors.parentAdminRequired();
        }
        if (parent.depth >= MAX_SPACE_DEPTH) throw SpaceErrors.maxDepthExceeded();
      }
      const created = await this.spaces.insert(manager, {
        ...input,
        projectId,
        parentSpaceId: parent?.id ?? null,
        depth: parent ? parent.depth + 1 : 0,
        createdById: creatorId,
      });
      if (!created) throw SpaceErrors.slugTaken();
      await this.members.addActive(manager, { projectId, spaceId: created.id, userId: creatorId, role: 'admin' });
      if (parent) await this.members.copyTeam(manager, projectId, parent.id, created.id);
      await this.chat.created(manager, created);
      return created;
    });
    return toSpace(await this.view(projectId, space.id, creatorId), true);
  }

  async get(projectId: string, spaceId: string, viewerId: string | null): Promise<SpaceDetailedResponse> {
    const view = await this.view(projectId, spaceId, viewerId);
    const [parent, children] = await Promise.all([
      view.space.parentSpaceId ? this.spaces.findPreview(projectId, view.space.parentSpaceId) : null,
      this.spaces.findChildPreviews(projectId, view.space.id, CHILD_PREVIEWS),
    ]);
    return toSpaceDetailed(view, viewerId !== null, parent, children);
  }

  /** Changes the space's settings; admins only. */
  async update(
    projectId: string,
    spaceId: string,
    userId: string,
    changes: SpaceChanges,
  ): Promise<SpaceDetailedResponse> {
    await this.spaces.transaction(async (manager) => {
      const space = await this.spaces.lock(manager, projectId, spaceId);
      if (!space) throw SpaceErrors.notFound();
      if (!isActiveAdmin(await this.members.findByUser(projectId, spaceId, userId, manager))) {
        throw SpaceErrors.adminRequired('update it');
      }
      if (changes.slug && (await this.spaces.slugTaken(manager, projectId, changes.slug, spaceId))) {
        throw SpaceErrors.slugTaken();
      }
      // Two renames to one slug at once: the unique index decides, the loser gets the same 409.
      await this.spaces.update(manager, projectId, spaceId, changes).catch(rethrowSlugTaken);
    });
    return this.get(projectId, spaceId, userId);
  }

  /** The space's direct children, oldest first. */
  async children(
    projectId: string,
    spaceId: string,
    viewerId: string | null,
    page: PageRequest,
  ): Promise<Paginated<SpaceResponse>> {
    if (!(await this.spaces.findById(projectId, spaceId))) throw SpaceErrors.notFound();
    const { items, total } = await this.spaces.findChildViews(projectId, spaceId, viewerId, page);
    return paginated(
      items.map((view) => toSpace(view, viewerId !== null)),
      total,
      page,
    );
  }

  // --- The caller's own membership -----------------------------------------------------------

  /** Joins the space: active at once, or pending when the space approves its members. */
  async join(projectId: string, spaceId: string, userId: string): Promise<MembershipResponse> {
    const space = await this.spaces.findById(projectId, spaceId);
    if (!space) throw SpaceErrors.notFound();
    const status = space.requireJoinApproval ? 'pending' : 'active';
    // A second pass only happens when the row changed between the two statements below (it was
    // just removed, or just declined): the user may then join after all.
    for (let attempt = 0; ; attempt++) {
      const joined = await this.members.join(projectId, space.id, userId, status);
      if (joined) return toMembership(joined);
      const existing = await this.members.findByUser(projectId, space.id, userId);
      if (existing?.status === 'banned') throw SpaceErrors.banned();
      if (existing?.status === 'pending') throw SpaceErrors.alreadyRequested();
      if (existing?.status === 'active' || attempt >= 2) throw SpaceErrors.alreadyMember();
    }
  }

  /** Ends the caller's membership (see SpaceModeration). */
  leave(projectId: string, spaceId: string, userId: string): Promise<void> {
    return this.moderation.leave(projectId, spaceId, userId);
  }

  async myMembership(projectId: string, spaceId: string, userId: string): Promise<MyMembershipResponse> {
    const { readingPermission, member } = await this.requireReadAccess(projectId, spaceId, userId);
    const permissions = memberPermissions(readingPermission, member);
    return {
      isMember: member?.status === 'active',
      role: member?.role ?? null,
      status: member?.status ?? null,
      joinedAt: member?.joinedAt?.toISOString() ?? null,
      permissions: {
        canPost: permissions?.canPost ?? false,
        canModerate: permissions?.canModerate ?? false,
        canRead: canReadSpace(readingPermission, member?.status ?? null),
        isAdmin: permissions?.isAdmin ?? false,
        isModerator: permissions?.isModerator ?? false,
      },
    };
  }

  // --- Members -------------------------------------------------------------------------------

  /**
   * A page of the space's members, active ones unless `status` says otherwise. Seeing pending,
   * banned or declined memberships is for moderators; a members-only space shows its members
   * to its members only.
   */
  async listMembers(
    projectId: string,
    spaceId: string,
    viewer: SpaceViewer,
    filter: { status?: SpaceMemberStatus; role?: SpaceRole },
    page: PageRequest,
  ): Promise<Paginated<SpaceMemberWithUser>> {
    const viewerMembership = await this.assertCanSeeMembers(projectId, spaceId, viewer);
    const status = filter.status ?? 'active';
    if (status !== 'active' && !viewer.trusted && !isActiveModerator(viewerMembership)) {
      throw SpaceErrors.moderatorRequired(`see ${status} memberships`);
    }
    const { items, total } = await this.members.list(projectId, spaceId, { status, role: filter.role }, page);
    return paginated(await this.withUsers(projectId, items), total, page);
  }

  /** The space's active admins and moderators. */
  async team(projectId: string, spaceId: string, viewer: SpaceViewer): Promise<SpaceMemberWithUser[]> {
    await this.assertCanSeeMembers(projectId, spaceId, viewer);
    return this.withUsers(projectId, await this.members.listTeam(projectId, spaceId));
  }

  // --- Moderation (see SpaceModeration) ------------------------------------------------------

  approve(projectId: string, spaceId: string, actorId: string, memberId: string): Promise<MembershipResponse> {
    return this.moderation.approve(projectId, spaceId, actorId, memberId);
  }

  decline(projectId: string, spaceId: string, actorId: string, memberId: string): Promise<MembershipResponse> {
    return this.moderation.decline(projectId, spaceId, actorId, memberId);
  }

  ban(projectId: string, spaceId: string, actorId: string, memberId: string): Promise<MembershipResponse> {
    return this.moderation.ban(projectId, spaceId, actorId, memberId);
  }

  unban(projectId: string, spaceId: string, actorId: string, memberId: string): Promise<MembershipResponse> {
    return this.moderation.unban(projectId, spaceId, actorId, memberId);
  }

  remove(projectId: string, spaceId: string, actorId: string, memberId: string): Promise<void> {
    return this.moderation.remove(projectId, spaceId, actorId, memberId);
  }

  changeRole(
    projectId: string,
    spaceId: string,
    actorId: string,
    memberId: string,
    role: SpaceRole,
  ): Promise<MembershipResponse> {
    return this.moderation.changeRole(projectId, spaceId, actorId, memberId, role);
  }

  // --- Helpers -------------------------------------------------------------------------------

  private async view(projectId: string, spaceId: string, viewerId: string | null) {
    const view = await this.spaces.findView(projectId, spaceId, viewerId);
    if (!view) throw SpaceErrors.notFound();
    return view;
  }

  /** `findReadAccess`, for a space that must exist: an unknown one is a 404. */
  private async requireReadAccess(projectId: string, spaceId: string, userId: string | null): Promise<ReadAccess> {
    const access = await this.members.findReadAccess(projectId, spaceId, userId);
    if (!access) throw SpaceErrors.notFound();
    return access;
  }

  private async assertCanSeeMembers(projectId: string, spaceId: string, viewer: SpaceViewer) {
    const { readingPermission, member } = await this.requireReadAccess(projectId, spaceId, viewer.userId);
    if (viewer.trusted) return member;
    if (member?.status === 'banned') throw SpaceErrors.banned();
    if (!canReadSpace(readingPermission, member?.status ?? null)) throw SpaceErrors.membersOnly();
    return member;
  }

  private async withUsers(projectId: string, members: SpaceMember[]): Promise<SpaceMemberWithUser[]> {
    const users = new Map(
      (
        await this.users.findByIds(
          projectId,
          members.map((member) => member.userId),
        )
      ).map((user) => [user.id, user]),
    );
    return members.flatMap((member) => {
      const user = users.get(member.userId);
      // A membership row goes with its user (ON DELETE CASCADE); a miss is a user deleted meanwhile.
      return user ? [toSpaceMemberWithUser(member, toPublicUser(user))] : [];
    });
  }
}

function rethrowSlugTaken(error: unknown): never {
  if (isUniqueViolation(error, 'uq_spaces_project_slug')) throw SpaceErrors.slugTaken();
  throw error;
}
