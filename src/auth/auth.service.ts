import { Injectable } from '@nestjs/common';
import { CommonErrors } from '../common/errors/common.errors.js';
import { bearerToken } from '../common/http/bearer-token.js';
import { TtlCache } from '../common/util/ttl-cache.js';
import { API_KEY_PREFIX, ProjectsService } from '../projects/projects.service.js';
import type { User } from '../users/user.entity.js';
import { UsersService } from '../users/users.service.js';
import { AuthErrors } from './auth.errors.js';
import type { Principal } from './principal.js';
import { type UserTokenClaims, verifyUserToken } from './user-token.js';

// A client sends the same token with every request until it expires. Its signature, once checked,
// stays valid until `exp`, so the verdict is kept (keyed by project and token) instead of
// re-running the HMAC each time. Failures are never cached.
const VERIFIED_TOKENS_MAX = 10_000;

/** Turns credentials into a principal. Every failure is the same 401, so nothing leaks. */
@Injectable()
export class AuthService {
  private readonly verifiedTokens = new TtlCache<string, UserTokenClaims>({ maxEntries: VERIFIED_TOKENS_MAX });

  constructor(
    private readonly projects: ProjectsService,
    private readonly users: UsersService,
  ) {}

  /** Verifies a `Bearer` credential (user token or API key) for `projectId`. */
  async authenticate(projectId: string, authorization: string | undefined): Promise<Principal> {
    const credential = bearerToken(authorization);
    if (!credential) throw CommonErrors.unauthorized();
    if (credential.startsWith(API_KEY_PREFIX)) {
      if (!(await this.projects.isValidApiKey(projectId, credential))) throw CommonErrors.unauthorized();
      return { projectId, via: 'apiKey', user: null };
    }
    return { projectId, via: 'token', user: (await this.tokenSession(projectId, credential)).user };
  }

  /** The user of a user token and when the token expires (a socket must not outlive it). */
  async tokenSession(projectId: string, token: string): Promise<{ user: User; expiresAt: Date }> {
    const claims = await this.verify(projectId, token);
    if (!claims) throw CommonErrors.unauthorized();
    return { user: await this.users.fromToken(projectId, claims.sub, claims), expiresAt: new Date(claims.exp * 1000) };
  }

  private async verify(projectId: string, token: string): Promise<UserTokenClaims | null> {
    const key = `${projectId}\n${token}`;
    const known = this.verifiedTokens.get(key);
    if (known) return known;
    // An expired verdict must not hold a slot while the token is checked again (and perhaps fails).
    this.verifiedTokens.delete(key);
    const secret = await this.projects.jwtSecret(projectId);
    const claims = secret ? await verifyUserToken(token, secret) : null;
    if (claims) this.verifiedTokens.set(key, claims, claims.exp * 1000);
    return claims;
  }

  /**
   * Completes a principal for a route that acts as a user. With an API key the acting user is
   * `userId` from the request; with a token, a `userId` other than the token's own is refused.
   */
  async actAsUser(principal: Principal, userId: unknown, field = 'userId'): Promise<Principal & { user: User }> {
    if (principal.via === 'token') {
      const user = principal.user as User;
      if (userId !== undefined && userId !== null && userId !== user.id) throw AuthErrors.userMismatch(field);
      return { ...principal, user };
    }
    if (userId === undefined || userId === null || userId === '') throw AuthErrors.missingUserId(field);
    const user = typeof userId === 'string' ? await this.users.findById(principal.projectId, userId) : null;
    if (!user) throw AuthErrors.unknownUserId(field);
    return { ...principal, user };
  }
}
