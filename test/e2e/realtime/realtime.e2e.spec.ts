import request from 'supertest';
import { signUserToken } from '../../../src/auth/user-token.js';
import { ChatEvents } from '../../../src/realtime/chat-events.js';
import { createGroup, sendText } from '../../support/chat.js';
import { createProject, createUser, type TestProject, type TestUser } from '../../support/factories.js';
import { SocketPool, type TestSocket } from '../../support/sockets.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';

const UNAUTHORIZED = { error: 'Missing or invalid credentials.', code: 'auth/unauthorized' };

// The socket contract of the official client, over real socket.io connections to a listening server.
describe('realtime', () => {
  let testApp: TestApp;
  let project: TestProject;
  let otherProject: TestProject;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  let stranger: TestUser;
  const sockets = new SocketPool();

  beforeAll(async () => {
    testApp = await createTestApp({ listen: true });
    [project, otherProject] = await Promise.all([createProject(testApp), createProject(testApp)]);
    [alice, bob, carol, stranger] = await Promise.all([
      createUser(testApp, project),
      createUser(testApp, project),
      createUser(testApp, project),
      createUser(testApp, otherProject),
    ]);
  });
  afterEach(() => sockets.closeAll());
  afterAll(() => testApp.close());

  const connect = (user: TestUser, inProject = project) =>
    sockets.connect(testApp.url, inProject.projectId, user.token);
  const conversationsPath = () => `${project.base}/chat/conversations`;

  /** Every socket has received all the server sent it so far. */
  const settleAll = (...all: TestSocket[]) => Promise.all(all.map((socket) => socket.settle()));

  describe('handshake', () => {
    it('admits a user token of the project named in the query', async () => {
      const socket = await connect(alice);
      expect(socket.socket.connected).toBe(true);
    });

    it.each([
      ['no token', () => ({ query: { projectId: project.projectId } })],
      ['a token that is not a string', () => ({ auth: { token: 42 }, query: { projectId: project.projectId } })],
      ['no projectId', () => ({ auth: { token: alice.token } })],
      ['a malformed projectId', () => ({ auth: { token: alice.token }, query: { projectId: 'nope' } })],
      [
        'a token of another project',
        () => ({ auth: { token: alice.token }, query: { projectId: otherProject.projectId } }),
      ],
      ['a garbage token', () => ({ auth: { token: 'not.a.jwt' }, query: { projectId: project.projectId } })],
      ['the API key', () => ({ auth: { token: project.apiKey }, query: { projectId: project.projectId } })],
    ])('refuses %s with auth/unauthorized in connect_error data', async (_, handshake) => {
      const refusal = await sockets.refusal(testApp.url, handshake());
      expect(refusal.message).toBe(UNAUTHORIZED.error);
      expect(refusal.data).toEqual(UNAUTHORIZED);
    });

    it('refuses an expired token', async () => {
      const expired = await signUserToken(project.jwtSecret, { sub: alice.foreignId }, -60);
      const refusal = await sockets.refusal(testApp.url, {
        auth: { token: expired },
        query: { projectId: project.projectId },
      });
      expect(refusal.data).toEqual(UNAUTHORIZED);
    });
  });

  describe('message:created', () => {
    it('reaches each member socket once with localId (the sender’s two tabs too), and no outsider or other project', async () => {
      const conversationId = await createGroup(testApp, project, alice, [bob]);
      const [aliceTab1, aliceTab2, bobSocket, carolSocket, strangerSocket] = await Promise.all([
        connect(alice),
        connect(alice),
        connect(bob),
        connect(carol),
        connect(stranger, otherProject),
      ]);

      const sent = await sendText(testApp, project, alice, conversationId, { content: 'hi all', localId: 'local-7' });
      expect(sent.localId).toBe('local-7');

      await settleAll(aliceTab1, aliceTab2, bobSocket, carolSocket, strangerSocket);
      for (const member of [aliceTab1, aliceTab2, bobSocket]) {
        expect(member.received).toEqual([{ event: 'message:created', payload: sent }]);
      }
      expect(carolSocket.received).toEqual([]);
      expect(strangerSocket.received).toEqual([]);
    });

    it('reaches a socket that also joined the conversation only once', async () => {
      const conversationId = await createGroup(testApp, project, alice, [bob]);
      const bobSocket = await connect(bob);
      expect(await bobSocket.join(conversationId)).toEqual({ joined: true });

      const sent = await sendText(testApp, project, alice, conversationId);
      await bobSocket.settle();
      expect(bobSocket.payloads('message:created')).toEqual([sent]);
    });

    it('keeps reaching a socket after it left the conversation room', async () => {
      const conversationId = await createGroup(testApp, project, alice, [bob]);
      const bobSocket = await connect(bob);
      await bobSocket.join(conversationId);
      await bobSocket.leave(conversationId);

      const sent = await sendText(testApp, project, alice, conversationId);
      expect(await bobSocket.waitFor('message:created')).toEqual([sent]);
    });

    it('reaches a connected socket of a user added to a new group from then on', async () => {
      const bobSocket = await connect(bob);
      const conversationId = await createGroup(testApp, project, alice, [bob]);
      const [created] = await bobSocket.waitFor('conversation:created');
      expect(created).toMatchObject({ id: conversationId, unreadCount: 0, lastMessage: null });

      const sent = await sendText(testApp, project, alice, conversationId);
      expect(await bobSocket.waitFor('message:created')).toEqual([sent]);
    });

    it('stops at once for a removed member, whose other events say so, and resumes when re-added', async () => {
      const conversationId = await createGroup(testApp, project, alice, [bob, carol]);
      const [bobSocket, carolSocket] = await Promise.all([connect(bob), connect(carol)]);
      await bobSocket.join(conversationId);

      await request(testApp.http)
        .delete(`${conversationsPath()}/${conversationId}/members/${bob.id}`)
        .set(alice.auth)
        .expect(200);
      const whileOut = await sendText(testApp, project, alice, conversationId, { content: 'bob is out' });

      await settleAll(bobSocket, carolSocket);
      const left = { conversationId, userId: bob.id };
      expect(bobSocket.received).toEqual([{ event: 'member:left', payload: left }]);
      expect(carolSocket.received).toEqual([
        { event: 'member:left', payload: left },
        { event: 'message:created', payload: whileOut },
      ]);

      await request(testApp.http)
        .post(`${conversationsPath()}/${conversationId}/members`)
        .set(alice.auth)
        .send({ userId: bob.id })
        .expect(201);
      const back = await sendText(testApp, project, alice, conversationId, { content: 'bob is back' });
      expect(await bobSocket.waitFor('message:created')).toEqual([back]);
    });
  });

  describe('thread:reply_count', () => {
    it('carries the parent’s new count after each reply, to every member socket', async () => {
      const conversationId = await createGroup(testApp, project, alice, [bob]);
      const [aliceSocket, bobSocket] = await Promise.all([connect(alice), connect(bob)]);
      const parent = await sendText(testApp, project, alice, conversationId, { content: 'thread' });
      await sendText(testApp, project, bob, conversationId, { content: 'reply 1', parentMessageId: parent.id });
      await sendText(testApp, project, alice, conversationId, { content: 'reply 2', parentMessageId: parent.id });

      const counts = [1, 2].map((threadReplyCount) => ({ messageId: parent.id, conversationId, threadReplyCount }));
      for (const socket of [aliceSocket, bobSocket]) {
        expect(await socket.waitFor('thread:reply_count', 2)).toEqual(counts);
        expect(socket.payloads('message:created')).toHaveLength(3);
      }
    });
  });

  describe('ChatEvents', () => {
    it('delivers an event for no user to nobody (not to every socket)', async () => {
      const aliceSocket = await connect(alice);
      testApp.app
        .get(ChatEvents)
        .emit('member:left', { projectId: project.projectId, userIds: [] }, { conversationId: 'c', userId: 'u' });
      await aliceSocket.settle();
      expect(aliceSocket.received).toEqual([]);
    });
  });

  describe('join:conversation and typing', () => {
    let conversationId: string;
    beforeEach(async () => {
      conversationId = await createGroup(testApp, project, alice, [bob]);
    });

    const typing = (user: TestUser) => ({ userId: user.id, conversationId });

    it('relays typing:start and typing:stop to the other sockets that joined, and to no other socket', async () => {
      const [aliceTab1, aliceTab2, bobTyping, bobOtherTab, bobNotJoined, carolSocket] = await Promise.all([
        connect(alice),
        connect(alice),
        connect(bob),
        connect(bob),
        connect(bob),
        connect(carol),
      ]);
      for (const socket of [aliceTab1, aliceTab2, bobTyping, bobOtherTab]) {
        expect(await socket.join(conversationId)).toEqual({ joined: true });
      }
      expect(await carolSocket.join(conversationId)).toEqual({ joined: false });

      bobTyping.socket.emit('typing:start', { conversationId });
      bobTyping.socket.emit('typing:stop', { conversationId });

      for (const socket of [aliceTab1, aliceTab2, bobOtherTab]) {
        await socket.waitFor('typing:stop');
        expect(socket.received).toEqual([
          { event: 'typing:start', payload: typing(bob) },
          { event: 'typing:stop', payload: typing(bob) },
        ]);
      }
      await settleAll(bobTyping, bobNotJoined, carolSocket);
      expect(bobTyping.received).toEqual([]);
      expect(bobNotJoined.received).toEqual([]);
      expect(carolSocket.received).toEqual([]);
    });

    it('ignores typing from a non-member', async () => {
      const [aliceSocket, carolSocket] = await Promise.all([connect(alice), connect(carol)]);
      await aliceSocket.join(conversationId);
      carolSocket.socket.emit('typing:start', { conversationId });
      await carolSocket.settle();
      await aliceSocket.settle();
      expect(aliceSocket.received).toEqual([]);
    });

    it('ignores malformed payloads', async () => {
      const [aliceSocket, bobSocket] = await Promise.all([connect(alice), connect(bob)]);
      await aliceSocket.join(conversationId);
      // Untyped, as a misbehaving client would send them.
      const untyped = bobSocket.socket as unknown as {
        emit(event: string, payload: unknown): void;
        timeout(ms: number): { emitWithAck(event: string, payload: unknown): Promise<unknown> };
      };
      for (const payload of [undefined, 'x', { conversationId: 'not-a-uuid' }, { conversationId: 7 }]) {
        untyped.emit('typing:start', payload);
      }
      expect(await untyped.timeout(5000).emitWithAck('join:conversation', {})).toEqual({ joined: false });
      await aliceSocket.settle();
      expect(aliceSocket.received).toEqual([]);
    });

    it('stops relaying typing to a socket that left the conversation room', async () => {
      const [aliceSocket, bobSocket] = await Promise.all([connect(alice), connect(bob)]);
      await aliceSocket.join(conversationId);
      await aliceSocket.leave(conversationId);
      bobSocket.socket.emit('typing:start', { conversationId });
      await bobSocket.settle();
      await aliceSocket.settle();
      expect(aliceSocket.received).toEqual([]);
    });

    it('throttles a flood of typing:start from one socket to a single relay', async () => {
      const [aliceSocket, bobSocket] = await Promise.all([connect(alice), connect(bob)]);
      await aliceSocket.join(conversationId);
      for (let i = 0; i < 50; i++) bobSocket.socket.emit('typing:start', { conversationId });
      for (let i = 0; i < 50; i++) bobSocket.socket.emit('typing:stop', { conversationId });

      // The first stop is relayed after whatever starts got through.
      await aliceSocket.waitFor('typing:stop');
      await bobSocket.settle();
      await aliceSocket.settle();
      expect(aliceSocket.received).toEqual([
        { event: 'typing:start', payload: typing(bob) },
        { event: 'typing:stop', payload: typing(bob) },
      ]);
    });

    it('announces typing:stop when the typing socket disconnects', async () => {
      const [aliceSocket, bobSocket] = await Promise.all([connect(alice), connect(bob)]);
      await aliceSocket.join(conversationId);
      bobSocket.socket.emit('typing:start', { conversationId });
      await aliceSocket.waitFor('typing:start');
      bobSocket.close();
      expect(await aliceSocket.waitFor('typing:stop')).toEqual([typing(bob)]);
    });

    it('announces typing:stop by itself 5 s after the last typing:start', async () => {
      const [aliceSocket, bobSocket] = await Promise.all([connect(alice), connect(bob)]);
      await aliceSocket.join(conversationId);
      bobSocket.socket.emit('typing:start', { conversationId });
      await aliceSocket.waitFor('typing:start');
      const startedAt = Date.now();

      expect(await aliceSocket.waitFor('typing:stop', 1, 8000)).toEqual([typing(bob)]);
      expect(Date.now() - startedAt).toBeGreaterThanOrEqual(4500);
    }, 15_000);

    it('stops relaying the typing of a removed member, and to them', async () => {
      const [aliceSocket, bobSocket] = await Promise.all([connect(alice), connect(bob)]);
      await Promise.all([aliceSocket.join(conversationId), bobSocket.join(conversationId)]);
      await request(testApp.http)
        .delete(`${conversationsPath()}/${conversationId}/members/${bob.id}`)
        .set(alice.auth)
        .expect(200);
      await bobSocket.waitFor('member:left');

      bobSocket.socket.emit('typing:start', { conversationId });
      aliceSocket.socket.emit('typing:start', { conversationId });
      await settleAll(aliceSocket, bobSocket);
      expect(aliceSocket.payloads('typing:start')).toEqual([]);
      expect(bobSocket.payloads('typing:start')).toEqual([]);
    });
  });
});
