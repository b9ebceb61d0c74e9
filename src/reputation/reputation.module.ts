import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { SpacesModule } from '../spaces/spaces.module.js';
import { ReputationController } from './reputation.controller.js';
import { ReputationRepository } from './reputation.repository.js';
import { ReputationService } from './reputation.service.js';

/**
 * Users' reputation: a general bucket and one per space, and the grants that change them. Exports
 * `ReputationService`; `SpaceReputationGuard` and its decorators (in `space-reputation/`) are
 * used by the routes of other modules that return users.
 */
@Module({
  imports: [AuthModule, SpacesModule],
  controllers: [ReputationController],
  providers: [ReputationRepository, ReputationService],
  exports: [ReputationService],
})
export class ReputationModule {}
