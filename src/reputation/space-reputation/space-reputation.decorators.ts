import { applyDecorators, createParamDecorator, type ExecutionContext, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import type { SpaceReputationOptions, SpaceReputationSelection } from './space-reputation-selection.js';
import { SpaceReputationGuard, SpaceReputationPolicy } from './space-reputation.guard.js';

/**
 * The route accepts `spaceReputationId` / `spaceReputationDescendants` (`context: true` on
 * endpoints with a space in context; `false` on user-direct ones, which refuse `context`).
 *
 * Nest runs method guards in the order their decorators are applied, and decorators apply from
 * the bottom up: put this one **above** the authentication decorator so that authentication runs
 * first. Composite access decorators can instead list `SpaceReputationGuard` explicitly after
 * `AuthGuard` in one `UseGuards(...)`, with `SpaceReputationPolicy(options)` for the options.
 */
export const AcceptsSpaceReputation = (options: SpaceReputationOptions) =>
  applyDecorators(SpaceReputationPolicy(options), UseGuards(SpaceReputationGuard));

/** The parsed space-reputation parameters of the request; null when none were given. */
export const SpaceReputationRequest = createParamDecorator(
  (_: unknown, context: ExecutionContext): SpaceReputationSelection | null =>
    context.switchToHttp().getRequest<Request>().spaceReputation ?? null,
);
