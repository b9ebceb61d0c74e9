import { Body, Controller, Delete, HttpCode, Param, Post, UseFilters, UseGuards, UsePipes } from '@nestjs/common';
import { AppExceptionFilter } from '../../common/filters/app-exception.filter.js';
import { AppValidationPipe } from '../../common/validation/app-validation.pipe.js';
import { CreateProjectDto } from '../dto/create-project.dto.js';
import { ProjectsService } from '../projects.service.js';
import { AdminTokenGuard } from './admin-token.guard.js';

/** Operator routes: create projects, issue and revoke API keys. Enabled by ADMIN_TOKEN. */
@Controller('admin/projects')
@UseGuards(AdminTokenGuard)
@UseFilters(AppExceptionFilter)
@UsePipes(new AppValidationPipe('project'))
export class AdminController {
  constructor(private readonly projects: ProjectsService) {}

  @Post()
  create(@Body() body: CreateProjectDto) {
    return this.projects.create(body.name);
  }

  @Post(':projectId/api-keys')
  createApiKey(@Param('projectId') projectId: string) {
    return this.projects.createApiKey(projectId);
  }

  @Delete(':projectId/api-keys/:keyId')
  @HttpCode(204)
  async revokeApiKey(@Param('projectId') projectId: string, @Param('keyId') keyId: string): Promise<void> {
    await this.projects.revokeApiKey(projectId, keyId);
  }
}
