import { type DynamicModule, type INestApplication, Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import request from 'supertest';
import {
  type ChatEventAudience,
  type ChatEventMap,
  type ChatEventName,
  ChatEvents,
  ChatModule,
  confabEntities,
} from '../../src/index.js';
import { createGroup, sendText } from '../support/chat.js';
import { createProject, createUser } from '../support/factories.js';
import { SocketPool } from '../support/sockets.js';
import { TEST_ADMIN_TOKEN, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

// Fixture host applications choosing how ChatModule delivers its events: the built-in socket.io
// gateway on the host's own HTTP server, or the host's own `ChatEvents` with no gateway at all.
/** A service of the host application: its own event transport, which the host's ChatEvents feeds. */
@Injectable()
class HostEventLog {
  readonly entries: unknown[] = [];
}

@Module({ providers: [HostEventLog], exports: [HostEventLog] })
class HostEventLogModule {}

@Injectable()
class HostChatEvents extends ChatEvents {
  constructor(private readonly log: HostEventLog) {
    super();
  }

  emit<E extends ChatEventName>(event: E, audience: ChatEventAudience, payload: ChatEventMap[E]): void {
    this.log.entries.push({ event, audience, payload });
  }

  membersJoined(projectId: string, conversationId: string, userIds: readonly string[]): void {
    this.log.entries.push({ membersJoined: { projectId, conversationId, userIds } });
  }

  membersLeft(projectId: string, conversationId: string, userIds: readonly string[]): void {
    this.log.entries.push({ membersLeft: { projectId, conversationId, userIds } });
  }
}

describe('ChatModule realtime in a host application', () => {
  let database: TestDatabase;
  let app: INestApplication;
  const sockets = new SocketPool();

  beforeAll(async () => (database = await createTestDatabase()));
  afterEach(async () => {
    sockets.closeAll();
    await app?.close();
  });
  afterAll(() => database.drop());

  async function startHost(chat: DynamicModule): Promise<TestApp> {
    @Module({})
    class HostAppModule {}
    const moduleRef = await Test.createTestingModule({
      imports: [
        {
          module: HostAppModule,
          imports: [TypeOrmModule.forRoot({ type: 'postgres', url: database.url, entities: confabEntities }), chat],
        },
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as { port: number };
    // Enough of a TestApp for the factories.
    return { app, http: app.getHttpServer(), url: `http://127.0.0.1:${port}`, config: { apiPrefix: 'v7' } } as TestApp;
  }

  /** What socket.io's HTTP long-polling handshake answers on the host's server. */
  const pollingHandshake = (host: TestApp) => request(host.http).get('/socket.io/?EIO=4&transport=polling');

  it('serves the built-in gateway on the host’s HTTP server by default', async () => {
    const host = await startHost(ChatModule.forRoot({ adminToken: TEST_ADMIN_TOKEN }));
    const project = await createProject(host);
    const [alice, bob] = await Promise.all([createUser(host, project), createUser(host, project)]);
    const conversationId = await createGroup(host, project, alice, [bob]);
    expect((await pollingHandshake(host)).status).toBe(200);
    const bobSocket = await sockets.connect(host.url, project.projectId, bob.token);

    const sent = await sendText(host, project, alice, conversationId, { content: 'hosted', localId: 'h-1' });
    expect(await bobSocket.waitFor('message:created')).toEqual([sent]);
  });

  it('with the gateway off, routes every event to the host’s ChatEvents and serves no socket.io', async () => {
    const host = await startHost(
      ChatModule.forRootAsync({
        realtime: { gateway: false, events: HostChatEvents },
        imports: [HostEventLogModule],
        useFactory: () => ({ adminToken: TEST_ADMIN_TOKEN }),
      }),
    );
    const project = await createProject(host);
    const [alice, bob] = await Promise.all([createUser(host, project), createUser(host, project)]);
    const conversationId = await createGroup(host, project, alice, [bob]);
    const sent = await sendText(host, project, alice, conversationId, { content: 'to the host', localId: 'h-2' });

    const { projectId } = project;
    expect(host.app.get(HostEventLog).entries).toEqual([
      { membersJoined: { projectId, conversationId, userIds: [alice.id, bob.id] } },
      {
        event: 'conversation:created',
        audience: { projectId, userIds: [alice.id, bob.id] },
        payload: expect.objectContaining({ id: conversationId, unreadCount: 0, lastMessage: null }),
      },
      { event: 'message:created', audience: { projectId, conversationId }, payload: sent },
    ]);
    expect((await pollingHandshake(host)).status).toBe(404);
  });

  it('with the gateway off and no ChatEvents, sends messages and serves no socket.io', async () => {
    const host = await startHost(ChatModule.forRoot({ adminToken: TEST_ADMIN_TOKEN, realtime: { gateway: false } }));
    const project = await createProject(host);
    const alice = await createUser(host, project);
    const conversationId = await createGroup(host, project, alice);
    await sendText(host, project, alice, conversationId);
    expect((await pollingHandshake(host)).status).toBe(404);
  });
});
