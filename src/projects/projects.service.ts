import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { TtlCache } from '../common/util/ttl-cache.js';
import { ProjectErrors } from './projects.errors.js';
import { ProjectsRepository } from './projects.repository.js';

export const API_KEY_PREFIX = 'ck_';

/** A newly created project with the only copies of its secrets. */
export interface CreatedProject {
  project: { id: string; name: string; createdAt: string };
  apiKey: string;
  jwtSecret: string;
}

// Project secrets never change once created, so a short cache only delays the (unsupported) case
// of a project being deleted while in use. It saves a query on every authenticated request.
const SECRET_CACHE_MS = 60_000;

@Injectable()
export class ProjectsService {
  /** Each project's JWT secret, by project id: what authentication needs, cached briefly. */
  private readonly secrets = new TtlCache<string, string>();

  constructor(private readonly projects: ProjectsRepository) {}

  async create(name: string): Promise<CreatedProject> {
    const jwtSecret = randomBytes(48).toString('base64url');
    const apiKey = newApiKey();
    const { project } = await this.projects.createWithKey(
      { name, jwtSecret },
      { keyHash: hashApiKey(apiKey), keyPrefix: apiKey.slice(0, 10) },
    );
    return {
      project: { id: project.id, name: project.name, createdAt: project.createdAt.toISOString() },
      apiKey,
      jwtSecret,
    };
  }

  async createApiKey(projectId: string): Promise<{ id: string; apiKey: string }> {
    if (!(await this.projects.findById(projectId))) throw ProjectErrors.notFound();
    const apiKey = newApiKey();
    const saved = await this.projects.addKey({
      projectId,
      keyHash: hashApiKey(apiKey),
      keyPrefix: apiKey.slice(0, 10),
    });
    return { id: saved.id, apiKey };
  }

  async revokeApiKey(projectId: string, keyId: string): Promise<void> {
    if (!(await this.projects.revokeKey(projectId, keyId))) throw ProjectErrors.apiKeyNotFound();
  }

  /** The secret that signs the project's user tokens, or null for an unknown project. */
  async jwtSecret(projectId: string): Promise<string | null> {
    const cached = this.secrets.get(projectId);
    if (cached !== undefined) return cached;
    const project = await this.projects.findById(projectId);
    if (!project) return null;
    this.secrets.set(projectId, project.jwtSecret, Date.now() + SECRET_CACHE_MS);
    return project.jwtSecret;
  }

  /** True when `apiKey` is a live key of `projectId`. Revocation takes effect at once. */
  async isValidApiKey(projectId: string, apiKey: string): Promise<boolean> {
    if (!apiKey.startsWith(API_KEY_PREFIX)) return false;
    return (await this.projects.findActiveKey(projectId, hashApiKey(apiKey))) !== null;
  }
}

function newApiKey(): string {
  return API_KEY_PREFIX + randomBytes(32).toString('base64url');
}

/** Keys are 256 random bits, so a fast unsalted hash is enough to make a stolen table useless. */
function hashApiKey(apiKey: string): string {
  return createHash('sha256').update(apiKey).digest('hex');
}
