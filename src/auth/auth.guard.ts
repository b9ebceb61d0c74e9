import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { takeQueryParams } from '../common/http/take-query-params.js';
import { AuthErrors } from './auth.errors.js';
import { AuthService } from './auth.service.js';

/**
 * Who may call a route:
 * - `user`: a user token, or an API key naming the acting user (`actingUserField`, default
 *   `userId`, in the JSON body or the query string);
 * - `apiKey`: the project's API key only (server-to-server routes);
 * - `any`: a user token or an API key, acting as no particular user.
 */
export type AuthPolicy = { kind: 'user'; actingUserField: string } | { kind: 'apiKey' } | { kind: 'any' };

export const AuthPolicyMetadata = Reflector.createDecorator<AuthPolicy>();

/** A route that declares no policy acts as a user, the strictest reading. */
const DEFAULT_POLICY: AuthPolicy = { kind: 'user', actingUserField: 'userId' };

/**
 * Authenticates the request for the project in its path and stores the principal on it. Runs
 * first among a route's guards: the membership and posting guards read the principal.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly auth: AuthService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy =
      this.reflector.getAllAndOverride(AuthPolicyMetadata, [context.getHandler(), context.getClass()]) ??
      DEFAULT_POLICY;
    const request = context.switchToHttp().getRequest<Request>();
    const projectId = String(request.params.projectId ?? '');
    const principal = await this.auth.authenticate(projectId, request.headers.authorization);

    if (policy.kind === 'apiKey' && principal.via !== 'apiKey') throw AuthErrors.apiKeyRequired();
    if (policy.kind !== 'user') {
      request.principal = principal;
      return true;
    }
    request.principal = await this.auth.actAsUser(
      principal,
      takeActingUserId(request, policy.actingUserField),
      policy.actingUserField,
    );
    return true;
  }
}

/**
 * Removes the acting-user field from the body and query, where it only names the acting user, so
 * the route's strict DTO validation does not see it as an unknown field. A multipart body is not
 * parsed yet when guards run, so multipart requests name the user in the query string.
 */
function takeActingUserId(request: Request, field: string): unknown {
  const body = request.body as Record<string, unknown> | undefined;
  let userId: unknown;
  if (body && typeof body === 'object' && field in body) {
    userId = body[field];
    delete body[field];
  }
  const fromQuery = takeQueryParams(request, [field]);
  if (field in fromQuery) userId ??= fromQuery[field];
  return userId;
}
