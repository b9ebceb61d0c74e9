import { Injectable } from '@nestjs/common';
import { TtlCache } from '../common/util/ttl-cache.js';
import type { User } from './user.entity.js';
import { UserErrors } from './users.errors.js';
import { type UserProfile, UsersRepository } from './users.repository.js';

/** Who a request acts as, as far as authentication is concerned. */
export interface IdentityClaims {
  name?: string;
  username?: string;
  avatar?: string;
}

interface CachedIdentity {
  user: User;
  claimsKey: string;
}

// A user token arrives with every request; re-reading or re-writing the user each time would
// double the cost of small requests. Within this window a known token maps to the cached row.
// Nothing that changes often (reputation) is read from this cache.
const IDENTITY_CACHE_MS = 30_000;
const IDENTITY_CACHE_MAX = 10_000;

@Injectable()
export class UsersService {
  private readonly identities = new TtlCache<string, CachedIdentity>({ maxEntries: IDENTITY_CACHE_MAX });

  constructor(private readonly users: UsersRepository) {}

  async get(projectId: string, userId: string): Promise<User> {
    const user = await this.users.findById(projectId, userId);
    if (!user) throw UserErrors.notFound();
    return user;
  }

  findById(projectId: string, userId: string): Promise<User | null> {
    return this.users.findById(projectId, userId);
  }

  async getByForeignId(projectId: string, foreignId: string): Promise<User> {
    const user = await this.users.findByForeignId(projectId, foreignId);
    if (!user) throw UserErrors.notFound();
    return user;
  }

  findByIds(projectId: string, userIds: readonly string[]): Promise<User[]> {
    return this.users.findByIds(projectId, userIds);
  }

  /** Creates or updates the user the host knows as `foreignId`. */
  upsert(projectId: string, foreignId: string, profile: UserProfile): Promise<{ user: User; created: boolean }> {
    this.identities.delete(`${projectId}:${foreignId}`);
    return this.users.upsert(projectId, foreignId, profile);
  }

  /**
   * The user a verified token speaks for: created on its first token, and updated when the token
   * carries profile claims that differ from what is stored.
   */
  async fromToken(projectId: string, foreignId: string, claims: IdentityClaims): Promise<User> {
    const key = `${projectId}:${foreignId}`;
    const claimsKey = JSON.stringify([claims.name, claims.username, claims.avatar]);
    const cached = this.identities.get(key);
    if (cached?.claimsKey === claimsKey) return cached.user;

    const { user } = await this.users.upsert(projectId, foreignId, {
      name: claims.name,
      username: claims.username,
      avatar: claims.avatar,
    });
    this.identities.set(key, { user, claimsKey }, Date.now() + IDENTITY_CACHE_MS);
    return user;
  }
}
