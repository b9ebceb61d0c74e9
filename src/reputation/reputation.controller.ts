import { Body, Controller, HttpCode, Post, UseFilters, UsePipes } from '@nestjs/common';
import { CurrentPrincipal, RequiresApiKey } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { AppExceptionFilter } from '../common/filters/app-exception.filter.js';
import { AppValidationPipe } from '../common/validation/app-validation.pipe.js';
import { CreateGrantDto } from './dto/create-grant.dto.js';
import { type GrantResponse, toGrantResponse } from './reputation.mapper.js';
import { ReputationService } from './reputation.service.js';

@Controller(':projectId/reputation')
@UseFilters(AppExceptionFilter)
@UsePipes(new AppValidationPipe('reputation-grant'))
export class ReputationController {
  constructor(private readonly reputation: ReputationService) {}

  /** The host's server changes a user's reputation in one bucket. */
  @Post('grants')
  @HttpCode(201)
  @RequiresApiKey()
  async grant(@CurrentPrincipal() principal: Principal, @Body() body: CreateGrantDto): Promise<GrantResponse> {
    return toGrantResponse(
      await this.reputation.grant(principal.projectId, body.userId, body.spaceId ?? null, body.delta, body.reason),
    );
  }
}
