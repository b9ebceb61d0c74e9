import type { User } from '../users/user.entity.js';

/** Who is calling: a user with their token, or the project's server with an API key. */
export interface Principal {
  projectId: string;
  via: 'token' | 'apiKey';
  /**
   * The user the request acts as: the token's user, or for an API key the user named by `userId`.
   * Null only for API-key requests to routes that act as no user.
   */
  user: User | null;
}

/** A principal acting as a user. */
export interface UserPrincipal extends Principal {
  user: User;
}

/**
 * Who reads on behalf of the principal: its user, if any, and whether it is the project's own
 * server (API key), which may read what users cannot.
 */
export function viewerOf(principal: Principal): { userId: string | null; trusted: boolean } {
  return { userId: principal.user?.id ?? null, trusted: principal.via === 'apiKey' };
}

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
  }
}
