import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SPACE_CHAT_PORT, type SpaceChatPort } from './space-chat.port.js';
import type { Space } from './space.entity.js';

/** Work to run once the transaction that prepared it has committed. */
export type AfterCommit = () => void;

/**
 * The space's side of its chat, through the port Chat provides. Without Chat (Spaces used alone,
 * or in tests) there is no space conversation and both calls do nothing.
 */
@Injectable()
export class SpaceChatMembership {
  private readonly logger = new Logger('Confab');

  constructor(@Optional() @Inject(SPACE_CHAT_PORT) private readonly chat?: SpaceChatPort) {}

  async created(manager: EntityManager, space: Space): Promise<void> {
    await this.chat?.createSpaceConversation(manager, space);
  }

  /** The user stopped being a member of the space; returns what to run after commit. */
  async ended(
    manager: EntityManager,
    membership: { projectId: string; spaceId: string; userId: string },
  ): Promise<AfterCommit | null> {
    const after = await this.chat?.endSpaceConversationMembership(manager, membership);
    return after ?? null;
  }

  /** Runs after-commit work; its failure is logged, since the change it reports has happened. */
  runAfterCommit(after: AfterCommit | null): void {
    if (!after) return;
    try {
      after();
    } catch (error) {
      this.logger.error('Space chat notification failed after commit', error instanceof Error ? error.stack : error);
    }
  }
}
