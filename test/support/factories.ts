import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { signUserToken } from '../../src/auth/user-token.js';
import type { PublicUser } from '../../src/users/user.mapper.js';
import { type HttpTarget, TEST_ADMIN_TOKEN } from './test-app.js';

/** A project created through the admin API, with helpers to make its users. */
export interface TestProject {
  projectId: string;
  apiKey: string;
  jwtSecret: string;
  /** `/v7/<projectId>` */
  base: string;
}

/** A user of a test project and a valid token for them. */
export interface TestUser extends PublicUser {
  token: string;
  auth: { Authorization: string };
}

export async function createProject(
  server: HttpTarget,
  name = `project ${randomUUID().slice(0, 8)}`,
): Promise<TestProject> {
  const response = await request(server.http)
    .post('/admin/projects')
    .set('Authorization', `Bearer ${TEST_ADMIN_TOKEN}`)
    .send({ name })
    .expect(201);
  const { project, apiKey, jwtSecret } = response.body as {
    project: { id: string };
    apiKey: string;
    jwtSecret: string;
  };
  return { projectId: project.id, apiKey, jwtSecret, base: `/${server.config.apiPrefix}/${project.id}` };
}

/** Creates a user with the project API key and signs them a token. */
export async function createUser(
  server: HttpTarget,
  project: TestProject,
  profile: { foreignId?: string; name?: string; username?: string } = {},
): Promise<TestUser> {
  const foreignId = profile.foreignId ?? `user-${randomUUID()}`;
  const response = await request(server.http)
    .post(`${project.base}/users`)
    .set('Authorization', `Bearer ${project.apiKey}`)
    .send({ foreignId, name: profile.name ?? foreignId, username: profile.username ?? foreignId.slice(0, 40) });
  if (response.status !== 201) throw new Error(`createUser: ${response.status} ${JSON.stringify(response.body)}`);
  const token = await signUserToken(project.jwtSecret, { sub: foreignId });
  return { ...(response.body as PublicUser), token, auth: { Authorization: `Bearer ${token}` } };
}

export function apiKeyAuth(project: TestProject): { Authorization: string } {
  return { Authorization: `Bearer ${project.apiKey}` };
}
