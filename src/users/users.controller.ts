import { Body, Controller, Get, Param, Post, Query, Res, UseFilters, UsePipes } from '@nestjs/common';
import type { Response } from 'express';
import { AnyCredential, CurrentPrincipal, RequiresApiKey } from '../auth/auth.decorators.js';
import { type Principal, viewerOf } from '../auth/principal.js';
import { AppExceptionFilter } from '../common/filters/app-exception.filter.js';
import { AppValidationPipe } from '../common/validation/app-validation.pipe.js';
import { ReputationService, withSpaceReputation } from '../reputation/reputation.service.js';
import {
  AcceptsSpaceReputation,
  SpaceReputationRequest,
} from '../reputation/space-reputation/space-reputation.decorators.js';
import type { SpaceReputationSelection } from '../reputation/space-reputation/space-reputation-selection.js';
import { FindByForeignIdQuery } from './dto/find-by-foreign-id.query.js';
import { UpsertUserDto } from './dto/upsert-user.dto.js';
import type { User } from './user.entity.js';
import { type PublicUser, toPublicUser } from './user.mapper.js';
import { UsersService } from './users.service.js';

@Controller(':projectId/users')
@UseFilters(AppExceptionFilter)
@UsePipes(new AppValidationPipe('user'))
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly reputation: ReputationService,
  ) {}

  /** Creates the user (201) or updates the existing one with that `foreignId` (200). */
  @Post()
  @RequiresApiKey()
  async upsert(
    @CurrentPrincipal() principal: Principal,
    @Body() body: UpsertUserDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PublicUser> {
    const { foreignId, ...profile } = body;
    const { user, created } = await this.users.upsert(principal.projectId, foreignId, profile);
    response.status(created ? 201 : 200);
    return toPublicUser(user);
  }

  // Declared before `:userId` so the literal path wins. The reading routes are user-direct: they
  // take `spaceReputationId=<uuid>|none` but not `context`. `@AcceptsSpaceReputation` sits above
  // the credential decorator so that authentication runs first.
  @Get('by-foreign-id')
  @AcceptsSpaceReputation({ context: false })
  @AnyCredential()
  async byForeignId(
    @CurrentPrincipal() principal: Principal,
    @Query() query: FindByForeignIdQuery,
    @SpaceReputationRequest() spaceReputation: SpaceReputationSelection | null,
  ): Promise<PublicUser> {
    const user = await this.users.getByForeignId(principal.projectId, query.foreignId);
    return this.present(principal, user, spaceReputation);
  }

  @Get(':userId')
  @AcceptsSpaceReputation({ context: false })
  @AnyCredential()
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('userId') userId: string,
    @SpaceReputationRequest() spaceReputation: SpaceReputationSelection | null,
  ): Promise<PublicUser> {
    return this.present(principal, await this.users.get(principal.projectId, userId), spaceReputation);
  }

  private async present(
    principal: Principal,
    user: User,
    spaceReputation: SpaceReputationSelection | null,
  ): Promise<PublicUser> {
    const viewer = viewerOf(principal);
    const values = await this.reputation.resolveSpaceReputation(
      principal.projectId,
      viewer.userId,
      spaceReputation,
      null,
      [user.id],
      { trusted: viewer.trusted },
    );
    return withSpaceReputation(toPublicUser(user), values);
  }
}
