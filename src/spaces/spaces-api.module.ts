import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { ReputationModule } from '../reputation/reputation.module.js';
import { SpaceMembersController } from './space-members.controller.js';
import { SpacesController } from './spaces.controller.js';
import { SpacesModule } from './spaces.module.js';

/** The HTTP routes of Spaces. Separate from `SpacesModule` because Reputation depends on that. */
@Module({
  imports: [AuthModule, SpacesModule, ReputationModule],
  controllers: [SpacesController, SpaceMembersController],
})
export class SpacesApiModule {}
