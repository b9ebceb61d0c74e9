import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminTokenGuard } from './admin/admin-token.guard.js';
import { AdminController } from './admin/admin.controller.js';
import { ApiKey } from './api-key.entity.js';
import { Project } from './project.entity.js';
import { ProjectsRepository } from './projects.repository.js';
import { ProjectsService } from './projects.service.js';

/** Tenants: projects, their API keys and JWT secrets, and the operator routes that create them. */
@Module({
  imports: [TypeOrmModule.forFeature([Project, ApiKey])],
  controllers: [AdminController],
  providers: [ProjectsRepository, ProjectsService, AdminTokenGuard],
  exports: [ProjectsService],
})
export class ProjectsModule {}
