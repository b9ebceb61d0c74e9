import { createHash, timingSafeEqual } from 'node:crypto';
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { InjectConfabOptions, type ResolvedChatModuleOptions } from '../../common/config/confab-options.js';
import { CommonErrors } from '../../common/errors/common.errors.js';
import { bearerToken } from '../../common/http/bearer-token.js';

/**
 * Admits requests bearing the configured admin token. Without one configured the admin routes do
 * not exist: they answer 404 like any unknown route.
 */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  private readonly expected: Buffer | null;

  constructor(@InjectConfabOptions() options: ResolvedChatModuleOptions) {
    this.expected = options.adminToken ? digest(options.adminToken) : null;
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    if (!this.expected) throw CommonErrors.routeNotFound(request.method, request.path);
    const token = bearerToken(request.headers.authorization);
    // Comparing digests keeps the comparison constant-time whatever the token's length.
    if (!token || !timingSafeEqual(digest(token), this.expected)) throw CommonErrors.unauthorized();
    return true;
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
