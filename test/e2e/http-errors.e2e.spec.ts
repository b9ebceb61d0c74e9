import { jest } from '@jest/globals';
import { Controller, Get, Logger } from '@nestjs/common';
import request from 'supertest';
import { apiKeyAuth, createProject, type TestProject } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

@Controller('explode')
class ExplodingController {
  @Get()
  explode(): never {
    throw new TypeError('secret internals: connection string postgres://user:pw@db');
  }
}

describe('the error format of the whole server', () => {
  let testApp: TestApp;
  let project: TestProject;

  beforeAll(async () => {
    testApp = await createTestApp({ controllers: [ExplodingController] });
    project = await createProject(testApp);
  });
  afterAll(() => testApp.close());

  it('answers an unknown route with 404 common/not-found', async () => {
    const response = await request(testApp.http).get('/v7/nothing/here').expect(404);
    expect(response.body).toEqual({ error: 'Route GET /v7/nothing/here not found.', code: 'common/not-found' });
  });

  it('answers a malformed JSON body with 400 common/invalid-json', async () => {
    const response = await request(testApp.http)
      .post(`${project.base}/users`)
      .set(apiKeyAuth(project))
      .set('Content-Type', 'application/json')
      .send('{"foreignId":')
      .expect(400);
    expect(response.body).toEqual({ error: 'The request body is not valid JSON.', code: 'common/invalid-json' });
  });

  it('answers a JSON body over 1 MB with 413 common/payload-too-large', async () => {
    const response = await request(testApp.http)
      .post(`${project.base}/users`)
      .set(apiKeyAuth(project))
      .send({ foreignId: 'big', metadata: { blob: 'x'.repeat(1024 * 1024 + 1) } })
      .expect(413);
    expect(response.body).toEqual({
      error: 'The request body is larger than the server accepts.',
      code: 'common/payload-too-large',
    });
  });

  it('answers a JSON body that is not an object with the route area invalid-body', async () => {
    const response = await request(testApp.http)
      .post(`${project.base}/users`)
      .set(apiKeyAuth(project))
      .set('Content-Type', 'application/json')
      .send('[1,2]')
      .expect(400);
    expect(response.body).toMatchObject({ code: 'user/invalid-body' });
  });

  it('turns an unexpected exception into 500 common/internal with an errorId it logs, and no internals', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => {});
    try {
      const response = await request(testApp.http).get('/explode').expect(500);
      expect(response.body).toEqual({
        error: 'An unexpected error occurred.',
        code: 'common/internal',
        errorId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      });
      expect(JSON.stringify(response.body)).not.toContain('secret');
      expect(logged).toHaveBeenCalledWith(
        expect.stringContaining(response.body.errorId),
        expect.stringContaining('TypeError'),
      );
    } finally {
      logged.mockRestore();
    }
  });
});
