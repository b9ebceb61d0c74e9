import {
  applyDecorators,
  type CanActivate,
  createParamDecorator,
  type ExecutionContext,
  type Type,
  UseGuards,
} from '@nestjs/common';
import type { Request } from 'express';
import { ActsAsUser } from '../../auth/auth.decorators.js';
import type { SpaceReputationSelection } from '../../reputation/space-reputation/space-reputation-selection.js';
import {
  SpaceReputationGuard,
  SpaceReputationPolicy,
} from '../../reputation/space-reputation/space-reputation.guard.js';
import { PostingPermissionGuard } from '../messages/guards/posting-permission.guard.js';
import { ConversationMemberGuard } from './guards/conversation-member.guard.js';
import { ConversationReaderGuard } from './guards/conversation-reader.guard.js';
import type { ConversationAccess } from './conversation-access.service.js';
import './conversation-request.js';

// Each access policy applies its guards in one fixed order: authenticate; check the
// space-reputation parameters (before anything reads conversation data); then the conversation
// rules, the most general first. Conversation routes have a space in context, so `context` is
// accepted.
const conversationGuards = (...guards: Type<CanActivate>[]) =>
  applyDecorators(SpaceReputationPolicy({ context: true }), UseGuards(SpaceReputationGuard, ...guards));

/** An active member of `:conversationId` acting. */
export const ActiveMemberAccess = (options: { actingUserField?: string } = {}) =>
  applyDecorators(ActsAsUser(options), conversationGuards(ConversationMemberGuard));

/** A member of `:conversationId`, active or former (reads history up to leaving). */
export const ReaderAccess = () => applyDecorators(ActsAsUser(), conversationGuards(ConversationReaderGuard));

/** An active member who may post in `:conversationId`. */
export const PostingAccess = () =>
  applyDecorators(ActsAsUser(), conversationGuards(ConversationMemberGuard, PostingPermissionGuard));

/** How the route's users get their `spaceReputation`: the parsed parameters, and who asks. */
export interface ReputationView {
  selection: SpaceReputationSelection | null;
  /** The project's server (API key) reads every space; a user only those they may read. */
  trusted: boolean;
}

export function reputationViewOf(request: Request): ReputationView {
  return { selection: request.spaceReputation ?? null, trusted: request.principal?.via === 'apiKey' };
}

export const CurrentReputationView = createParamDecorator((_: unknown, context: ExecutionContext): ReputationView =>
  reputationViewOf(context.switchToHttp().getRequest<Request>()),
);

/** The conversation and membership the route's conversation guard found. */
export const CurrentConversation = createParamDecorator(
  (_: unknown, context: ExecutionContext): ConversationAccess =>
    context.switchToHttp().getRequest<Request>().conversationAccess!,
);
