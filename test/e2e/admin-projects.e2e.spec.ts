import request from 'supertest';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../support/test-app.js';

describe('POST /admin/projects', () => {
  describe('with ADMIN_TOKEN configured', () => {
    let testApp: TestApp;
    beforeAll(async () => (testApp = await createTestApp()));
    afterAll(() => testApp.close());

    it('creates a project and returns its id, API key and JWT secret once', async () => {
      const response = await request(testApp.http)
        .post('/admin/projects')
        .set('Authorization', `Bearer ${TEST_ADMIN_TOKEN}`)
        .send({ name: 'Acme' })
        .expect(201);
      expect(response.body).toEqual({
        project: { id: expect.any(String), name: 'Acme', createdAt: expect.any(String) },
        apiKey: expect.stringMatching(/^ck_[A-Za-z0-9_-]{43}$/),
        jwtSecret: expect.any(String),
      });
    });

    it('stores only a hash of the API key', async () => {
      const response = await request(testApp.http)
        .post('/admin/projects')
        .set('Authorization', `Bearer ${TEST_ADMIN_TOKEN}`)
        .send({ name: 'Hashed' })
        .expect(201);
      const { DataSource } = await import('typeorm');
      const dataSource = testApp.app.get(DataSource);
      const rows: { key_hash: string }[] = await dataSource.query(
        'SELECT key_hash FROM api_keys WHERE project_id = $1',
        [response.body.project.id],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0].key_hash).not.toContain(response.body.apiKey);
      expect(rows[0].key_hash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('is 401 with a wrong admin token, and with none', async () => {
      for (const authorization of ['Bearer wrong-token-wrong-token', undefined]) {
        const req = request(testApp.http).post('/admin/projects').send({ name: 'x' });
        if (authorization) req.set('Authorization', authorization);
        expect((await req.expect(401)).body).toEqual({
          error: 'Missing or invalid credentials.',
          code: 'auth/unauthorized',
        });
      }
    });

    it('validates the name', async () => {
      const response = await request(testApp.http)
        .post('/admin/projects')
        .set('Authorization', `Bearer ${TEST_ADMIN_TOKEN}`)
        .send({ name: '' })
        .expect(400);
      expect(response.body).toMatchObject({ code: 'project/invalid-body', field: 'name' });
    });
  });

  describe('without ADMIN_TOKEN', () => {
    let testApp: TestApp;
    beforeAll(async () => (testApp = await createTestApp({ env: { ADMIN_TOKEN: '' } })));
    afterAll(() => testApp.close());

    it('does not exist: 404 like any unknown route, whatever the token', async () => {
      const response = await request(testApp.http)
        .post('/admin/projects')
        .set('Authorization', `Bearer ${TEST_ADMIN_TOKEN}`)
        .send({ name: 'Acme' })
        .expect(404);
      expect(response.body).toEqual({ error: 'Route POST /admin/projects not found.', code: 'common/not-found' });
    });
  });
});
