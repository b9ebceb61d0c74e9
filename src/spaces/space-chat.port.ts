import type { EntityManager } from 'typeorm';
import type { Space } from './space.entity.js';

/**
 * What Spaces needs from the chat of a space. Chat implements it and provides it under
 * `SPACE_CHAT_PORT`; Spaces never imports Chat. Both methods run inside the Spaces transaction
 * (on `manager`), so a space and its conversation are created, and memberships ended, together.
 */
export interface SpaceChatPort {
  /** Creates the space's conversation (`type: 'space'`, `postingPermission: 'members'`). */
  createSpaceConversation(manager: EntityManager, space: Space): Promise<void>;

  /**
   * The user stopped being a member of the space (left, banned, removed): deactivate their
   * membership of the space conversation. Returns work to run after the transaction commits
   * (realtime notifications), or nothing.
   */
  endSpaceConversationMembership(
    manager: EntityManager,
    membership: { projectId: string; spaceId: string; userId: string },
  ): Promise<(() => void) | void>;
}

export const SPACE_CHAT_PORT = Symbol('SPACE_CHAT_PORT');
