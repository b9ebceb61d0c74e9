import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module.js';
import { SpaceChatMembership } from './space-chat-membership.js';
import { SpaceMembersRepository } from './space-members.repository.js';
import { SpaceModeration } from './space-moderation.js';
import { SpacesRepository } from './spaces.repository.js';
import { SpacesService } from './spaces.service.js';

/**
 * Nested communities and their members. Other modules use `SpacesService` only. The routes are
 * in `SpacesApiModule`, which also needs Reputation (which itself needs this module).
 */
@Module({
  imports: [UsersModule],
  providers: [SpacesRepository, SpaceMembersRepository, SpaceModeration, SpaceChatMembership, SpacesService],
  exports: [SpacesService],
})
export class SpacesModule {}
