import request from 'supertest';
import { apiKeyAuth, createProject, createUser, type TestProject } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('users', () => {
  let testApp: TestApp;
  let project: TestProject;
  let other: TestProject;

  beforeAll(async () => {
    testApp = await createTestApp();
    project = await createProject(testApp);
    other = await createProject(testApp);
  });
  afterAll(() => testApp.close());

  it('upserts by foreignId: 201 the first time, 200 with the same user after', async () => {
    const first = await request(testApp.http)
      .post(`${project.base}/users`)
      .set(apiKeyAuth(project))
      .send({ foreignId: 'u-1', name: 'Ann', metadata: { plan: 'pro' } })
      .expect(201);
    expect(first.body).toEqual({
      id: expect.any(String),
      projectId: project.projectId,
      foreignId: 'u-1',
      name: 'Ann',
      username: null,
      avatar: null,
      metadata: { plan: 'pro' },
      reputation: 0,
      createdAt: expect.any(String),
    });

    const second = await request(testApp.http)
      .post(`${project.base}/users`)
      .set(apiKeyAuth(project))
      .send({ foreignId: 'u-1', username: 'ann' })
      .expect(200);
    expect(second.body).toMatchObject({ id: first.body.id, name: 'Ann', username: 'ann', metadata: { plan: 'pro' } });
  });

  it('gives concurrent upserts of one foreignId a single user', async () => {
    const responses = await Promise.all(
      Array.from({ length: 8 }, () =>
        request(testApp.http).post(`${project.base}/users`).set(apiKeyAuth(project)).send({ foreignId: 'racer' }),
      ),
    );
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
  });

  it('finds a user by id and by foreignId', async () => {
    const alice = await createUser(testApp, project, { foreignId: 'alice' });
    const byId = await request(testApp.http).get(`${project.base}/users/${alice.id}`).set(alice.auth).expect(200);
    expect(byId.body.foreignId).toBe('alice');
    const byForeignId = await request(testApp.http)
      .get(`${project.base}/users/by-foreign-id`)
      .query({ foreignId: 'alice' })
      .set(apiKeyAuth(project))
      .expect(200);
    expect(byForeignId.body.id).toBe(alice.id);
  });

  it('keeps the users of two projects apart', async () => {
    const mine = await createUser(testApp, project, { foreignId: 'shared-id' });
    const theirs = await createUser(testApp, other, { foreignId: 'shared-id' });
    expect(mine.id).not.toBe(theirs.id);

    const notFound = { error: 'User not found.', code: 'user/not-found' };
    expect(
      (await request(testApp.http).get(`${project.base}/users/${theirs.id}`).set(mine.auth).expect(404)).body,
    ).toEqual(notFound);
    const found = await request(testApp.http)
      .get(`${other.base}/users/by-foreign-id`)
      .query({ foreignId: 'shared-id' })
      .set(apiKeyAuth(other))
      .expect(200);
    expect(found.body.id).toBe(theirs.id);
  });

  it('answers a malformed user id with the 404 of a user', async () => {
    const response = await request(testApp.http).get(`${project.base}/users/nope`).set(apiKeyAuth(project)).expect(404);
    expect(response.body.code).toBe('user/not-found');
  });

  it.each([
    [{}, 'foreignId'],
    [{ foreignId: 'x'.repeat(256) }, 'foreignId'],
    [{ foreignId: 'x', avatar: 'javascript:alert(1)' }, 'avatar'],
    [{ foreignId: 'x', metadata: [1, 2] }, 'metadata'],
    [{ foreignId: 'x', role: 'admin' }, 'role'],
  ])('rejects the body %j on field %s', async (body, field) => {
    const response = await request(testApp.http)
      .post(`${project.base}/users`)
      .set(apiKeyAuth(project))
      .send(body)
      .expect(400);
    expect(response.body).toMatchObject({ code: 'user/invalid-body', field, error: expect.any(String) });
  });
});
