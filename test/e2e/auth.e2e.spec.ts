import { SignJWT, UnsecuredJWT } from 'jose';
import request from 'supertest';
import { signUserToken } from '../../src/auth/user-token.js';
import { apiKeyAuth, createProject, createUser, type TestProject } from '../support/factories.js';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../support/test-app.js';

const UNAUTHORIZED = { error: 'Missing or invalid credentials.', code: 'auth/unauthorized' };
const secretOf = (project: TestProject) => new TextEncoder().encode(project.jwtSecret);
const inOneHour = () => Math.floor(Date.now() / 1000) + 3600;

describe('authentication', () => {
  let testApp: TestApp;
  let project: TestProject;
  let other: TestProject;

  beforeAll(async () => {
    testApp = await createTestApp();
    project = await createProject(testApp);
    other = await createProject(testApp);
    await createUser(testApp, project, { foreignId: 'alice' });
  });
  afterAll(() => testApp.close());

  const lookup = (authorization?: string, projectId = project.projectId) => {
    const req = request(testApp.http).get(`/v7/${projectId}/users/by-foreign-id`).query({ foreignId: 'alice' });
    return authorization === undefined ? req : req.set('Authorization', authorization);
  };

  it('accepts a valid user token and a valid API key', async () => {
    const token = await signUserToken(project.jwtSecret, { sub: 'alice' });
    await lookup(`Bearer ${token}`).expect(200);
    await lookup(`Bearer ${project.apiKey}`).expect(200);
  });

  const badCredentials: [string, () => Promise<string | undefined>][] = [
    ['no Authorization header', async () => undefined],
    ['an empty bearer', async () => 'Bearer '],
    ['a non-bearer scheme', async () => `Basic ${Buffer.from('a:b').toString('base64')}`],
    ['garbage', async () => 'Bearer not.a.jwt'],
    [
      'a token signed with the wrong secret',
      async () => `Bearer ${await signUserToken('wrong-secret-'.repeat(4), { sub: 'alice' })}`,
    ],
    [
      'an expired token',
      async () =>
        `Bearer ${await new SignJWT({})
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject('alice')
          .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
          .sign(secretOf(project))}`,
    ],
    [
      'a token without exp',
      async () =>
        `Bearer ${await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('alice').sign(secretOf(project))}`,
    ],
    [
      'a token without sub',
      async () =>
        `Bearer ${await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(inOneHour()).sign(secretOf(project))}`,
    ],
    [
      'an alg:none token',
      async () => `Bearer ${new UnsecuredJWT({}).setSubject('alice').setExpirationTime(inOneHour()).encode()}`,
    ],
    [
      'an HS512 token signed with the right secret',
      async () =>
        `Bearer ${await new SignJWT({}).setProtectedHeader({ alg: 'HS512' }).setSubject('alice').setExpirationTime(inOneHour()).sign(secretOf(project))}`,
    ],
    ['a token of another project', async () => `Bearer ${await signUserToken(other.jwtSecret, { sub: 'alice' })}`],
    ['an API key of another project', async () => `Bearer ${other.apiKey}`],
    ['an unknown API key', async () => `Bearer ck_${'x'.repeat(43)}`],
  ];

  it.each(badCredentials)('refuses %s with 401 auth/unauthorized', async (_, credential) => {
    const response = await lookup(await credential()).expect(401);
    expect(response.body).toEqual(UNAUTHORIZED);
  });

  it('refuses a revoked API key at once', async () => {
    const created = await request(testApp.http)
      .post(`/admin/projects/${project.projectId}/api-keys`)
      .set('Authorization', `Bearer ${TEST_ADMIN_TOKEN}`)
      .expect(201);
    const { id, apiKey } = created.body as { id: string; apiKey: string };
    await lookup(`Bearer ${apiKey}`).expect(200);
    await request(testApp.http)
      .delete(`/admin/projects/${project.projectId}/api-keys/${id}`)
      .set('Authorization', `Bearer ${TEST_ADMIN_TOKEN}`)
      .expect(204);
    expect((await lookup(`Bearer ${apiKey}`).expect(401)).body).toEqual(UNAUTHORIZED);
  });

  it('answers an unknown or malformed project id with the same 401', async () => {
    const token = await signUserToken(project.jwtSecret, { sub: 'alice' });
    for (const projectId of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      expect((await lookup(`Bearer ${token}`, projectId).expect(401)).body).toEqual(UNAUTHORIZED);
    }
  });

  it('creates the user on their first token, with the profile claims', async () => {
    const token = await signUserToken(project.jwtSecret, { sub: 'newcomer', name: 'New Comer', username: 'newc' });
    const me = await request(testApp.http)
      .get(`${project.base}/users/by-foreign-id`)
      .query({ foreignId: 'newcomer' })
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(me.body).toMatchObject({ foreignId: 'newcomer', name: 'New Comer', username: 'newc', reputation: 0 });
  });

  it('keeps server-only routes for the API key', async () => {
    const token = await signUserToken(project.jwtSecret, { sub: 'alice' });
    const response = await request(testApp.http)
      .post(`${project.base}/users`)
      .set('Authorization', `Bearer ${token}`)
      .send({ foreignId: 'mallory' })
      .expect(403);
    expect(response.body.code).toBe('auth/api-key-required');
    await request(testApp.http)
      .post(`${project.base}/users`)
      .set(apiKeyAuth(project))
      .send({ foreignId: 'ok' })
      .expect(201);
  });
});
