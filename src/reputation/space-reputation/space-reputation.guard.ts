import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { takeQueryParams } from '../../common/http/take-query-params.js';
import {
  parseSpaceReputation,
  SPACE_REPUTATION_DESCENDANTS_PARAM,
  SPACE_REPUTATION_ID_PARAM,
  type SpaceReputationOptions,
  type SpaceReputationSelection,
} from './space-reputation-selection.js';

/** How a route takes the space-reputation parameters. Read by `SpaceReputationGuard`. */
export const SpaceReputationPolicy = Reflector.createDecorator<SpaceReputationOptions>();

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by `SpaceReputationGuard`: the parsed parameters, or null when absent. */
    spaceReputation?: SpaceReputationSelection | null;
  }
}

/**
 * Validates `spaceReputationId` / `spaceReputationDescendants` and moves them from the query onto
 * the request (`request.spaceReputation`). A guard rather than a pipe because the contract wants
 * these parameters checked before anything reads data, and Nest runs pipes after every guard
 * (membership guards included). Place it right after `AuthGuard`, so a missing credential still
 * answers 401 first.
 *
 * Routes without `SpaceReputationPolicy` metadata are treated as user-direct (no `context`).
 * Running twice on a request is harmless: the second run keeps the first result.
 */
@Injectable()
export class SpaceReputationGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    if (request.spaceReputation !== undefined) return true;
    const options = this.reflector.getAllAndOverride(SpaceReputationPolicy, [context.getHandler(), context.getClass()]);
    request.spaceReputation = parseSpaceReputation(request.query, options ?? { context: false });
    // The route's own strict query DTO must not see the parameters as unknown fields.
    takeQueryParams(request, [SPACE_REPUTATION_ID_PARAM, SPACE_REPUTATION_DESCENDANTS_PARAM]);
    return true;
  }
}
