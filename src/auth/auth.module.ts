import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module.js';
import { UsersModule } from '../users/users.module.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';

/** Verifies user tokens and API keys. Modules with routes import it for `AuthGuard`. */
@Module({
  imports: [ProjectsModule, UsersModule],
  providers: [AuthService, AuthGuard],
  exports: [AuthService, AuthGuard, UsersModule],
})
export class AuthModule {}
