import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { UserPrincipal } from '../../../auth/principal.js';
import { ConversationAccessService } from '../conversation-access.service.js';
import '../conversation-request.js';

/** The caller is a member of the route's conversation, active or former (who reads up to leaving). */
@Injectable()
export class ConversationReaderGuard implements CanActivate {
  constructor(private readonly access: ConversationAccessService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const { user } = request.principal as UserPrincipal;
    request.conversationAccess = await this.access.requireReader(
      String(request.params.projectId),
      String(request.params.conversationId),
      user.id,
    );
    return true;
  }
}
