import { Controller, Get, Param, UseFilters } from '@nestjs/common';
import { ActingUser, ActsAsUser } from '../../auth/auth.decorators.js';
import type { UserPrincipal } from '../../auth/principal.js';
import { AppExceptionFilter } from '../../common/filters/app-exception.filter.js';
import type { ConversationResponse } from './conversation.mapper.js';
import { SpaceConversationService } from './space-conversation.service.js';

/** The chat of a space, at the official client's path and at the documented one. */
@Controller(':projectId')
@UseFilters(AppExceptionFilter)
export class SpaceConversationController {
  constructor(private readonly spaceConversations: SpaceConversationService) {}

  @Get(['chat/spaces/:spaceId/conversation', 'spaces/:spaceId/conversation'])
  @ActsAsUser()
  open(@ActingUser() principal: UserPrincipal, @Param('spaceId') spaceId: string): Promise<ConversationResponse> {
    return this.spaceConversations.open(principal.projectId, spaceId, principal.user);
  }
}
