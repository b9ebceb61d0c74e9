import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type AfterCommit, SpaceChatMembership } from './space-chat-membership.js';
import type { SpaceMember, SpaceRole } from './space-member.entity.js';
import { SpaceMembersRepository } from './space-members.repository.js';
import { isActiveAdmin, isActiveModerator } from './space-permissions.js';
import type { Space } from './space.entity.js';
import { SpaceErrors } from './spaces.errors.js';
import { type MembershipResponse, toMembership } from './spaces.mapper.js';
import { SpacesRepository } from './spaces.repository.js';

/** A moderation step inside its transaction: the space (locked), who acts, and their membership. */
interface Acting {
  manager: EntityManager;
  space: Space;
  actorId: string;
  actor: SpaceMember | null;
}

/**
 * What moderators and admins do to other members: approve, decline, ban, unban, remove, change
 * roles; and a member leaving, which the same admin count constrains. Each runs in one transaction
 * holding the space's lock, so two of them on one space take turns and the counts they check (the
 * space's admins) cannot change underneath them.
 *
 * Rules, from the official API: moderators act on regular members only; only the space's creator
 * acts against another admin; a space always keeps an active admin; only admins change roles.
 */
@Injectable()
export class SpaceModeration {
  constructor(
    private readonly spaces: SpacesRepository,
    private readonly members: SpaceMembersRepository,
    private readonly chat: SpaceChatMembership,
  ) {}

  approve(projectId: string, spaceId: string, actorId: string, memberId: string): Promise<MembershipResponse> {
    return this.act(projectId, spaceId, actorId, async ({ manager, actor }) => {
      if (!isActiveModerator(actor)) throw SpaceErrors.moderatorRequired('approve members');
      const target = await this.target(manager, projectId, spaceId, memberId);
      if (target.status !== 'pending') throw SpaceErrors.notPending(target.status);
      return { membership: await this.members.setStatus(manager, target, 'active') };
    });
  }

  /** Declines a request. A pending member may have opened the space's chat: that ends too. */
  decline(projectId: string, spaceId: string, actorId: string, memberId: string): Promise<MembershipResponse> {
    return this.act(projectId, spaceId, actorId, async ({ manager, actor }) => {
      if (!isActiveModerator(actor)) throw SpaceErrors.moderatorRequired('decline members');
      const target = await this.target(manager, projectId, spaceId, memberId);
      if (target.status !== 'pending') throw SpaceErrors.notPending(target.status);
      const membership = await this.members.setStatus(manager, target, 'rejected');
      return { membership, after: await this.chat.ended(manager, membershipKey(target)) };
    });
  }

  /** Bans a member; banning twice changes nothing. The banned user leaves the space's chat. */
  ban(projectId: string, spaceId: string, actorId: string, memberId: string): Promise<MembershipResponse> {
    return this.act(projectId, spaceId, actorId, async (acting) => {
      const target = await this.removable(acting, memberId, 'ban');
      if (target.status === 'banned') return { membership: target };
      const membership = await this.members.setStatus(acting.manager, target, 'banned');
      return { membership, after: await this.chat.ended(acting.manager, membershipKey(target)) };
    });
  }

  unban(projectId: string, spaceId: string, actorId: string, memberId: string): Promise<MembershipResponse> {
    return this.act(projectId, spaceId, actorId, async ({ manager, actor }) => {
      if (!isActiveModerator(actor)) throw SpaceErrors.moderatorRequired('unban members');
      const target = await this.members.findById(manager, projectId, spaceId, memberId);
      if (!target || target.status !== 'banned') throw SpaceErrors.bannedMembershipNotFound();
      if (actor?.role === 'moderator' && target.role !== 'member') {
        throw SpaceErrors.moderatorsOnlyRegularMembers('unban');
      }
      return { membership: await this.members.setStatus(manager, target, 'active') };
    });
  }

  /** Deletes a membership: unlike a ban, the user may join again. */
  async remove(projectId: string, spaceId: string, actorId: string, memberId: string): Promise<void> {
    await this.act(projectId, spaceId, actorId, async (acting) => {
      const target = await this.removable(acting, memberId, 'remove');
      await this.members.delete(acting.manager, target);
      return { membership: target, after: await this.chat.ended(acting.manager, membershipKey(target)) };
    });
  }

  changeRole(
    projectId: string,
    spaceId: string,
    actorId: string,
    memberId: string,
    role: SpaceRole,
  ): Promise<MembershipResponse> {
    return this.act(projectId, spaceId, actorId, async ({ manager, space, actor }) => {
      if (!isActiveAdmin(actor)) throw SpaceErrors.adminRequired('change member roles');
      const target = await this.target(manager, projectId, spaceId, memberId);
      if (target.status !== 'active') throw SpaceErrors.notActive();
      if (target.role === role) return { membership: target };
      if (target.role === 'admin') {
        // Stepping down oneself is fine; demoting another admin is the creator's call.
        if (target.userId !== actorId && space.createdById !== actorId) throw SpaceErrors.creatorRequired('demote');
        await this.assertAnotherAdmin(manager, space.id);
      }
      return { membership: await this.members.setRole(manager, target, role) };
    });
  }

  /**
   * Ends the actor's own membership (a pending request is withdrawn). The last admin must hand
   * over first; a ban is not something one can leave.
   */
  async leave(projectId: string, spaceId: string, userId: string): Promise<void> {
    await this.act(projectId, spaceId, userId, async ({ manager, actor }) => {
      if (!actor) throw SpaceErrors.notAMember();
      if (actor.status === 'banned') throw SpaceErrors.banned();
      if (isActiveAdmin(actor)) await this.assertAnotherAdmin(manager, spaceId);
      await this.members.delete(manager, actor);
      return { membership: actor, after: await this.chat.ended(manager, { projectId, spaceId, userId }) };
    });
  }

  /** The target of a ban or removal, after the rules on who may act against whom. */
  private async removable({ manager, space, actorId, actor }: Acting, memberId: string, action: 'ban' | 'remove') {
    if (!isActiveModerator(actor)) throw SpaceErrors.moderatorRequired(`${action} members`);
    const target = await this.target(manager, space.projectId, space.id, memberId);
    if (target.userId === actorId) throw SpaceErrors.cannotTargetSelf();
    if (actor?.role === 'moderator' && target.role !== 'member') {
      throw SpaceErrors.moderatorsOnlyRegularMembers('remove');
    }
    if (target.role === 'admin') {
      if (space.createdById !== actorId) throw SpaceErrors.creatorRequired(action);
      if (target.status === 'active') await this.assertAnotherAdmin(manager, space.id);
    }
    return target;
  }

  private async target(manager: EntityManager, projectId: string, spaceId: string, memberId: string) {
    const target = await this.members.findById(manager, projectId, spaceId, memberId);
    if (!target) throw SpaceErrors.membershipNotFound();
    return target;
  }

  /** Called before an active admin stops being one. */
  private async assertAnotherAdmin(manager: EntityManager, spaceId: string): Promise<void> {
    if ((await this.members.countActiveAdmins(manager, spaceId)) <= 1) throw SpaceErrors.lastAdmin();
  }

  /** Runs `step` in a transaction on the locked space, then its after-commit work. */
  private async act(
    projectId: string,
    spaceId: string,
    actorId: string,
    step: (acting: Acting) => Promise<{ membership: SpaceMember | null; after?: AfterCommit | null }>,
  ): Promise<MembershipResponse> {
    const { membership, after } = await this.spaces.transaction(async (manager) => {
      const space = await this.spaces.lock(manager, projectId, spaceId);
      if (!space) throw SpaceErrors.notFound();
      const actor = await this.members.findByUser(projectId, spaceId, actorId, manager);
      return step({ manager, space, actorId, actor });
    });
    this.chat.runAfterCommit(after ?? null);
    // Null only when the row vanished with its user while this ran.
    if (!membership) throw SpaceErrors.membershipNotFound();
    return toMembership(membership);
  }
}

function membershipKey(member: SpaceMember): { projectId: string; spaceId: string; userId: string } {
  return { projectId: member.projectId, spaceId: member.spaceId, userId: member.userId };
}
