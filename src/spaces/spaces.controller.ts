import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, UseFilters, UsePipes } from '@nestjs/common';
import { ActingUser, ActsAsUser, AnyCredential, CurrentPrincipal } from '../auth/auth.decorators.js';
import { type Principal, type UserPrincipal, viewerOf } from '../auth/principal.js';
import { type Paginated, pageRequest } from '../common/pagination/pagination.js';
import { AppExceptionFilter } from '../common/filters/app-exception.filter.js';
import { AppValidationPipe } from '../common/validation/app-validation.pipe.js';
import { CreateSpaceDto } from './dto/create-space.dto.js';
import { GetSpaceQuery, ListChildrenQuery } from './dto/space-queries.js';
import { UpdateSpaceDto } from './dto/update-space.dto.js';
import type { SpaceDetailedResponse, SpaceResponse } from './spaces.mapper.js';
import { SpacesService } from './spaces.service.js';

/** Spaces themselves: create, read, update, and their children. */
@Controller(':projectId/spaces')
@UseFilters(AppExceptionFilter)
@UsePipes(new AppValidationPipe('space'))
export class SpacesController {
  constructor(private readonly spaces: SpacesService) {}

  /** Creates a space (a child when `parentSpaceId` is set); the caller becomes its admin. */
  @Post()
  @HttpCode(201)
  @ActsAsUser()
  create(@ActingUser() principal: UserPrincipal, @Body() body: CreateSpaceDto): Promise<SpaceResponse> {
    return this.spaces.create(principal.projectId, principal.user.id, {
      name: body.name,
      slug: body.slug ?? null,
      description: body.description ?? null,
      readingPermission: body.readingPermission ?? 'anyone',
      requireJoinApproval: body.requireJoinApproval ?? true,
      metadata: body.metadata ?? {},
      parentSpaceId: body.parentSpaceId ?? null,
    });
  }

  @Get(':spaceId')
  @AnyCredential()
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('spaceId') spaceId: string,
    @Query() _query: GetSpaceQuery,
  ): Promise<SpaceDetailedResponse> {
    return this.spaces.get(principal.projectId, spaceId, viewerOf(principal).userId);
  }

  @Patch(':spaceId')
  @ActsAsUser()
  update(
    @ActingUser() principal: UserPrincipal,
    @Param('spaceId') spaceId: string,
    @Body() body: UpdateSpaceDto,
  ): Promise<SpaceDetailedResponse> {
    return this.spaces.update(principal.projectId, spaceId, principal.user.id, body);
  }

  @Get(':spaceId/children')
  @AnyCredential()
  children(
    @CurrentPrincipal() principal: Principal,
    @Param('spaceId') spaceId: string,
    @Query() query: ListChildrenQuery,
  ): Promise<Paginated<SpaceResponse>> {
    return this.spaces.children(principal.projectId, spaceId, viewerOf(principal).userId, pageRequest(query));
  }
}
