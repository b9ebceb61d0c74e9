import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { UserPrincipal } from '../../../auth/principal.js';
import { reputationViewOf } from '../../conversations/conversation-access.decorators.js';
import '../../conversations/conversation-request.js';
import '../../../files/uploads/stored-upload.js';
import type { RawSendMessage } from '../send-message.request.js';

/**
 * One parameter that carries everything the send pipes need: the conversation the guards found, the body and the stored uploads. Pipes bound to it run in order, after the guards
 * and the upload interceptor.
 */
export const SendMessageRequest = createParamDecorator((_: unknown, context: ExecutionContext): RawSendMessage => {
  const request = context.switchToHttp().getRequest<Request>();
  return {
    conversation: request.conversationAccess!.conversation,
    sender: (request.principal as UserPrincipal).user,
    encoding: request.is('multipart/form-data') ? 'multipart' : 'json',
    body: request.body ?? {},
    uploads: request.uploads ?? [],
    reputation: reputationViewOf(request),
  };
});
