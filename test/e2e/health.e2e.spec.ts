import { createServer, type Server, type Socket, connect } from 'node:net';
import request from 'supertest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/** A TCP relay to the test PostgreSQL that can be cut, to make the database "go away". */
async function relayTo(url: string): Promise<{ url: string; cut(): Promise<void> }> {
  const target = new URL(url);
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => sockets.delete(socket));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const relayed = new URL(url);
  relayed.hostname = '127.0.0.1';
  relayed.port = String((server.address() as { port: number }).port);
  return {
    url: relayed.toString(),
    cut: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('GET /health', () => {
  let database: TestDatabase;
  let relay: Awaited<ReturnType<typeof relayTo>>;
  let testApp: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase();
    relay = await relayTo(database.url);
    testApp = await createTestApp({ databaseUrl: relay.url });
  });
  afterAll(async () => {
    await testApp.close();
    await database.drop();
  });

  it('is 200 {status: ok} while the database answers', async () => {
    expect((await request(testApp.http).get('/health').expect(200)).body).toEqual({ status: 'ok' });
  });

  it('turns 503 when the database goes away, and the server keeps serving', async () => {
    await relay.cut();
    const response = await request(testApp.http).get('/health').expect(503);
    expect(response.body).toEqual({
      status: 'unavailable',
      error: 'The database is not reachable.',
      code: 'common/unavailable',
    });
    await request(testApp.http).get('/health').expect(503);
    await request(testApp.http).get('/v7/unknown').expect(404);
  });
});
