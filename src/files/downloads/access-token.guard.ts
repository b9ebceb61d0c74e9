import { applyDecorators, type CanActivate, type ExecutionContext, Injectable, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import { AuthGuard, AuthPolicyMetadata } from '../../auth/auth.guard.js';
import { API_KEY_PREFIX } from '../../projects/projects.service.js';

/** The query parameter that may carry a user token on download routes. */
const ACCESS_TOKEN_PARAM = 'access_token';

/**
 * Lets a download URL carry the user token as `?access_token=`, because an `<img>` or `<video>`
 * cannot send an `Authorization` header. A header, when present, wins. API keys are never taken
 * from a URL (URLs end up in logs and browser history; a user token expires, a key does not).
 */
@Injectable()
export class AccessTokenQueryGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    const token = request.query[ACCESS_TOKEN_PARAM];
    if (request.headers.authorization === undefined && typeof token === 'string' && !token.startsWith(API_KEY_PREFIX)) {
      request.headers.authorization = `Bearer ${token}`;
    }
    return true;
  }
}

/**
 * `@ActsAsUser()` for download routes: the token may also come from the query. The query guard
 * must run before `AuthGuard`, which reads the header; one `UseGuards` keeps that order.
 */
export const ActsAsUserWithQueryToken = () =>
  applyDecorators(
    AuthPolicyMetadata({ kind: 'user', actingUserField: 'userId' }),
    UseGuards(AccessTokenQueryGuard, AuthGuard),
  );
