import request from 'supertest';
import { RealtimeRedis } from '../../../src/realtime/realtime-redis.js';
import { createGroup, sendText } from '../../support/chat.js';
import { createProject, createUser, type TestProject, type TestUser } from '../../support/factories.js';
import { SocketPool } from '../../support/sockets.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';

// Two server instances on different ports, one database, one Redis: what a deployment behind a
// load balancer looks like. Needs a Redis: TEST_REDIS_URL (set by .ci/run). When it is set, an
// unreachable Redis fails these tests; when it is unset, they are skipped.
const REDIS_URL = process.env.TEST_REDIS_URL;
const describeWithRedis = REDIS_URL ? describe : describe.skip;
// Straight to stderr: jest drops the console output of a file whose tests are all skipped.
if (!REDIS_URL) process.stderr.write('\nSkipping the multi-instance realtime tests: TEST_REDIS_URL is not set.\n');

describeWithRedis(`two instances sharing Redis${REDIS_URL ? '' : ' (skipped: TEST_REDIS_URL is not set)'}`, () => {
  let instanceA: TestApp;
  let instanceB: TestApp;
  let project: TestProject;
  let alice: TestUser;
  let bob: TestUser;
  const sockets = new SocketPool();

  beforeAll(async () => {
    // Before any instance starts: set but unreachable is a failure, and this one says why.
    await RealtimeRedis.connect(REDIS_URL!).then(
      (redis) => redis.onApplicationShutdown(),
      (error: Error) => {
        throw new Error(`TEST_REDIS_URL is set, but its Redis cannot be reached: ${error.message}`);
      },
    );
    const env = { REDIS_URL: REDIS_URL! };
    instanceA = await createTestApp({ listen: true, env });
    instanceB = await createTestApp({ listen: true, env, databaseUrl: instanceA.db.url });
    project = await createProject(instanceA);
    [alice, bob] = await Promise.all([createUser(instanceA, project), createUser(instanceA, project)]);
  });
  afterEach(() => sockets.closeAll());
  afterAll(async () => {
    await instanceB?.close();
    await instanceA?.close();
  });

  const onA = (user: TestUser) => sockets.connect(instanceA.url, project.projectId, user.token);
  const onB = (user: TestUser) => sockets.connect(instanceB.url, project.projectId, user.token);

  it('delivers a message sent through instance A to a client of instance B, once', async () => {
    expect(instanceA.url).not.toBe(instanceB.url);
    const conversationId = await createGroup(instanceA, project, alice, [bob]);
    const bobOnB = await onB(bob);

    const first = await sendText(instanceA, project, alice, conversationId, { content: 'one', localId: 'l-1' });
    const second = await sendText(instanceA, project, alice, conversationId, { content: 'two' });
    // Redis keeps A's messages in order: a duplicate of the first would arrive before the second.
    expect(await bobOnB.waitFor('message:created', 2)).toEqual([first, second]);
    expect(bobOnB.received.map((item) => item.event)).toEqual(['message:created', 'message:created']);
  });

  it('lets a socket on B receive a conversation it was added to through A', async () => {
    const bobOnB = await onB(bob);
    const conversationId = await createGroup(instanceA, project, alice, [bob]);
    await bobOnB.waitFor('conversation:created');

    const sent = await sendText(instanceA, project, alice, conversationId);
    expect(await bobOnB.waitFor('message:created')).toEqual([sent]);
  });

  it('stops delivering to a socket on B once its user is removed through A', async () => {
    const conversationId = await createGroup(instanceA, project, alice, [bob]);
    const bobOnB = await onB(bob);
    await request(instanceA.http)
      .delete(`${project.base}/chat/conversations/${conversationId}/members/${bob.id}`)
      .set(alice.auth)
      .expect(200);
    await sendText(instanceA, project, alice, conversationId, { content: 'not for bob' });
    // Published through Redis after that message, so it arrives after it would have.
    const direct = await request(instanceA.http)
      .post(`${project.base}/chat/conversations/direct`)
      .set(alice.auth)
      .send({ userId: bob.id })
      .expect(201);

    await bobOnB.waitFor('conversation:created');
    expect(bobOnB.received.map((item) => item.event)).toEqual(['member:left', 'conversation:created']);
    expect(bobOnB.payloads('conversation:created')).toEqual([expect.objectContaining({ id: direct.body.id })]);
  });

  it('relays typing from a socket on B to a socket on A', async () => {
    const conversationId = await createGroup(instanceA, project, alice, [bob]);
    const [aliceOnA, bobOnB] = await Promise.all([onA(alice), onB(bob)]);
    await aliceOnA.join(conversationId);

    bobOnB.socket.emit('typing:start', { conversationId });
    expect(await aliceOnA.waitFor('typing:start')).toEqual([{ userId: bob.id, conversationId }]);
  });
});
