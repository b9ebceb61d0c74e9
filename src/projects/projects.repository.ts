import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, type Repository } from 'typeorm';
import { isUuid } from '../common/util/ids.js';
import { ApiKey } from './api-key.entity.js';
import { Project } from './project.entity.js';

@Injectable()
export class ProjectsRepository {
  constructor(
    @InjectRepository(Project) private readonly projects: Repository<Project>,
    @InjectRepository(ApiKey) private readonly apiKeys: Repository<ApiKey>,
  ) {}

  async createWithKey(project: Pick<Project, 'name' | 'jwtSecret'>, key: Pick<ApiKey, 'keyHash' | 'keyPrefix'>) {
    return this.projects.manager.transaction(async (manager) => {
      const saved = await manager.getRepository(Project).save(manager.create(Project, project));
      const apiKey = await manager.getRepository(ApiKey).save(manager.create(ApiKey, { ...key, projectId: saved.id }));
      return { project: saved, apiKey };
    });
  }

  findById(projectId: string): Promise<Project | null> {
    if (!isUuid(projectId)) return Promise.resolve(null);
    return this.projects.findOneBy({ id: projectId });
  }

  /** The live (not revoked) key with this hash, if it belongs to `projectId`. */
  findActiveKey(projectId: string, keyHash: string): Promise<ApiKey | null> {
    if (!isUuid(projectId)) return Promise.resolve(null);
    return this.apiKeys.findOneBy({ projectId, keyHash, revokedAt: IsNull() });
  }

  addKey(key: Pick<ApiKey, 'projectId' | 'keyHash' | 'keyPrefix'>): Promise<ApiKey> {
    return this.apiKeys.save(this.apiKeys.create(key));
  }

  /** Marks the key revoked; false when the project has no such live key. */
  async revokeKey(projectId: string, keyId: string): Promise<boolean> {
    if (!isUuid(projectId) || !isUuid(keyId)) return false;
    const result = await this.apiKeys.update({ id: keyId, projectId, revokedAt: IsNull() }, { revokedAt: new Date() });
    return (result.affected ?? 0) > 0;
  }
}
