import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  UseFilters,
  UsePipes,
} from '@nestjs/common';
import { ActingUser, ActsAsUser, AnyCredential, CurrentPrincipal } from '../auth/auth.decorators.js';
import { type Principal, type UserPrincipal, viewerOf } from '../auth/principal.js';
import { type Paginated, pageRequest } from '../common/pagination/pagination.js';
import { AppExceptionFilter } from '../common/filters/app-exception.filter.js';
import { AppValidationPipe } from '../common/validation/app-validation.pipe.js';
import { ReputationService, withSpaceReputation } from '../reputation/reputation.service.js';
import {
  AcceptsSpaceReputation,
  SpaceReputationRequest,
} from '../reputation/space-reputation/space-reputation.decorators.js';
import type { SpaceReputationSelection } from '../reputation/space-reputation/space-reputation-selection.js';
import { ListMembersQuery } from './dto/space-queries.js';
import { UpdateMemberRoleDto } from './dto/update-member-role.dto.js';
import type { MembershipResponse, SpaceMemberWithUser } from './spaces.mapper.js';
import { type MyMembershipResponse, SpacesService } from './spaces.service.js';

interface MembershipChange {
  message: string;
  membership: MembershipResponse;
}

/**
 * Membership of a space: joining and leaving, the member lists, and moderation. `:memberId` is
 * the membership's id. Decorator order matters where `@AcceptsSpaceReputation` appears: it sits
 * above the credential decorator so that authentication runs first.
 */
@Controller(':projectId/spaces/:spaceId')
@UseFilters(AppExceptionFilter)
@UsePipes(new AppValidationPipe('space'))
export class SpaceMembersController {
  constructor(
    private readonly spaces: SpacesService,
    private readonly reputation: ReputationService,
  ) {}

  @Post('join')
  @HttpCode(201)
  @ActsAsUser()
  async join(@ActingUser() principal: UserPrincipal, @Param('spaceId') spaceId: string): Promise<MembershipChange> {
    const membership = await this.spaces.join(principal.projectId, spaceId, principal.user.id);
    const message = membership.status === 'active' ? 'Joined the space.' : 'Join request sent; awaiting approval.';
    return { message, membership };
  }

  @Delete('leave')
  @ActsAsUser()
  async leave(@ActingUser() principal: UserPrincipal, @Param('spaceId') spaceId: string): Promise<{ message: string }> {
    await this.spaces.leave(principal.projectId, spaceId, principal.user.id);
    return { message: 'Left the space.' };
  }

  @Get('membership/me')
  @ActsAsUser()
  me(@ActingUser() principal: UserPrincipal, @Param('spaceId') spaceId: string): Promise<MyMembershipResponse> {
    return this.spaces.myMembership(principal.projectId, spaceId, principal.user.id);
  }

  @Get('members')
  @AcceptsSpaceReputation({ context: true })
  @AnyCredential()
  async members(
    @CurrentPrincipal() principal: Principal,
    @Param('spaceId') spaceId: string,
    @Query() query: ListMembersQuery,
    @SpaceReputationRequest() spaceReputation: SpaceReputationSelection | null,
  ): Promise<Paginated<SpaceMemberWithUser>> {
    const page = await this.spaces.listMembers(
      principal.projectId,
      spaceId,
      viewerOf(principal),
      { status: query.status, role: query.role },
      pageRequest(query),
    );
    return { ...page, data: await this.withSpaceReputation(principal, spaceId, spaceReputation, page.data) };
  }

  @Get('team')
  @AcceptsSpaceReputation({ context: true })
  @AnyCredential()
  async team(
    @CurrentPrincipal() principal: Principal,
    @Param('spaceId') spaceId: string,
    @SpaceReputationRequest() spaceReputation: SpaceReputationSelection | null,
  ): Promise<{ data: SpaceMemberWithUser[] }> {
    const team = await this.spaces.team(principal.projectId, spaceId, viewerOf(principal));
    return { data: await this.withSpaceReputation(principal, spaceId, spaceReputation, team) };
  }

  @Patch('members/:memberId/approve')
  @ActsAsUser()
  async approve(
    @ActingUser() principal: UserPrincipal,
    @Param('spaceId') spaceId: string,
    @Param('memberId') memberId: string,
  ): Promise<MembershipChange> {
    const membership = await this.spaces.approve(principal.projectId, spaceId, principal.user.id, memberId);
    return { message: 'Member approved.', membership };
  }

  @Patch('members/:memberId/decline')
  @ActsAsUser()
  async decline(
    @ActingUser() principal: UserPrincipal,
    @Param('spaceId') spaceId: string,
    @Param('memberId') memberId: string,
  ): Promise<MembershipChange> {
    const membership = await this.spaces.decline(principal.projectId, spaceId, principal.user.id, memberId);
    return { message: 'Membership request declined.', membership };
  }

  @Patch('members/:memberId/ban')
  @ActsAsUser()
  async ban(
    @ActingUser() principal: UserPrincipal,
    @Param('spaceId') spaceId: string,
    @Param('memberId') memberId: string,
  ): Promise<MembershipChange> {
    const membership = await this.spaces.ban(principal.projectId, spaceId, principal.user.id, memberId);
    return { message: 'Member banned.', membership };
  }

  @Patch('members/:memberId/unban')
  @ActsAsUser()
  async unban(
    @ActingUser() principal: UserPrincipal,
    @Param('spaceId') spaceId: string,
    @Param('memberId') memberId: string,
  ): Promise<MembershipChange> {
    const membership = await this.spaces.unban(principal.projectId, spaceId, principal.user.id, memberId);
    return { message: 'Member unbanned.', membership };
  }

  @Patch('members/:memberId/role')
  @ActsAsUser()
  async role(
    @ActingUser() principal: UserPrincipal,
    @Param('spaceId') spaceId: string,
    @Param('memberId') memberId: string,
    @Body() body: UpdateMemberRoleDto,
  ): Promise<MembershipChange> {
    const membership = await this.spaces.changeRole(
      principal.projectId,
      spaceId,
      principal.user.id,
      memberId,
      body.role,
    );
    return { message: 'Member role updated.', membership };
  }

  @Delete('members/:memberId')
  @ActsAsUser()
  async remove(
    @ActingUser() principal: UserPrincipal,
    @Param('spaceId') spaceId: string,
    @Param('memberId') memberId: string,
  ): Promise<{ message: string }> {
    await this.spaces.remove(principal.projectId, spaceId, principal.user.id, memberId);
    return { message: 'Member removed.' };
  }

  /** Member lists are about one space: `context` means that space. */
  private async withSpaceReputation(
    principal: Principal,
    spaceId: string,
    selection: SpaceReputationSelection | null,
    members: SpaceMemberWithUser[],
  ): Promise<SpaceMemberWithUser[]> {
    const viewer = viewerOf(principal);
    const values = await this.reputation.resolveSpaceReputation(
      principal.projectId,
      viewer.userId,
      selection,
      spaceId,
      members.map((member) => member.user.id),
      { trusted: viewer.trusted },
    );
    return members.map((member) => ({ ...member, user: withSpaceReputation(member.user, values) }));
  }
}
