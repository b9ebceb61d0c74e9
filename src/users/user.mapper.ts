import type { User } from './user.entity.js';

/** The User as any project member may see it. */
export interface PublicUser {
  id: string;
  projectId: string;
  foreignId: string;
  name: string | null;
  username: string | null;
  avatar: string | null;
  metadata: Record<string, unknown>;
  /** Total of all of the user's reputation buckets. */
  reputation: number;
  /** The user's reputation in the requested space (or subtree); only when asked for. */
  spaceReputation?: number;
  createdAt: string;
}

export function toPublicUser(user: User): PublicUser {
  return {
    id: user.id,
    projectId: user.projectId,
    foreignId: user.foreignId,
    name: user.name,
    username: user.username,
    avatar: user.avatar,
    metadata: user.metadata,
    reputation: user.reputation,
    createdAt: user.createdAt.toISOString(),
  };
}
