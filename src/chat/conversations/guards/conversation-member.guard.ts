import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { UserPrincipal } from '../../../auth/principal.js';
import { ConversationAccessService } from '../conversation-access.service.js';
import '../conversation-request.js';

/**
 * The caller is an active member of the route's conversation (`:conversationId`): 404 for an
 * unknown conversation, 403 `chat/not-a-member` otherwise. Runs before the body is validated, so a
 * non-member learns nothing from body errors.
 */
@Injectable()
export class ConversationMemberGuard implements CanActivate {
  constructor(private readonly access: ConversationAccessService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const { user } = request.principal as UserPrincipal;
    request.conversationAccess = await this.access.requireActiveMember(
      String(request.params.projectId),
      String(request.params.conversationId),
      user.id,
    );
    return true;
  }
}
