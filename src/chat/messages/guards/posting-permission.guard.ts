import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { ConversationAccessService } from '../../conversations/conversation-access.service.js';
import '../../conversations/conversation-request.js';

/**
 * In a space conversation whose `postingPermission` is `admins`, only the space's admins and
 * moderators may post (403 `chat/posting-restricted`). Runs after `ConversationMemberGuard`,
 * whose lookup it reuses.
 */
@Injectable()
export class PostingPermissionGuard implements CanActivate {
  constructor(private readonly access: ConversationAccessService) {}

  canActivate(context: ExecutionContext): boolean {
    this.access.assertMayPost(context.switchToHttp().getRequest<Request>().conversationAccess!);
    return true;
  }
}
