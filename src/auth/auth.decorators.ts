import { applyDecorators, createParamDecorator, type ExecutionContext, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import { AuthGuard, AuthPolicyMetadata } from './auth.guard.js';
import type { Principal, UserPrincipal } from './principal.js';

/**
 * The route acts as a user: a user token, or an API key naming the user in `actingUserField`
 * (`userId` unless the route uses `userId` for something else, as add-member does).
 */
export const ActsAsUser = (options: { actingUserField?: string } = {}) =>
  applyDecorators(
    AuthPolicyMetadata({ kind: 'user', actingUserField: options.actingUserField ?? 'userId' }),
    UseGuards(AuthGuard),
  );

/** The route is for the host's server: the project API key only. */
export const RequiresApiKey = () => applyDecorators(AuthPolicyMetadata({ kind: 'apiKey' }), UseGuards(AuthGuard));

/** Any valid credential of the project; the route acts as no particular user. */
export const AnyCredential = () => applyDecorators(AuthPolicyMetadata({ kind: 'any' }), UseGuards(AuthGuard));

/** The authenticated principal (set by `AuthGuard`). */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal =>
    context.switchToHttp().getRequest<Request>().principal as Principal,
);

/** The principal of a route declared with `@ActsAsUser()`: its `user` is always set. */
export const ActingUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): UserPrincipal =>
    context.switchToHttp().getRequest<Request>().principal as UserPrincipal,
);
