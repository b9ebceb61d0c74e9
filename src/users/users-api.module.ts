import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { ReputationModule } from '../reputation/reputation.module.js';
import { UsersController } from './users.controller.js';

/** The users' HTTP routes. Separate from `UsersModule` because authentication depends on that. */
@Module({
  imports: [AuthModule, ReputationModule],
  controllers: [UsersController],
})
export class UsersApiModule {}
