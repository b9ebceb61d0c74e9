import request from 'supertest';
import { signUserToken } from '../../../src/auth/user-token.js';
import { createGroup, messagesPath, sendText } from '../../support/chat.js';
import { createProject, createUser, type TestProject, type TestUser } from '../../support/factories.js';
import { SocketPool } from '../../support/sockets.js';
import { addMember, createSpace } from '../../support/spaces.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';

// The events of the chat features beyond sending, each after its change, to each member socket once.
describe('chat events over sockets', () => {
  let testApp: TestApp;
  let project: TestProject;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  const sockets = new SocketPool();

  beforeAll(async () => {
    testApp = await createTestApp({ listen: true });
    project = await createProject(testApp);
    [alice, bob, carol] = await Promise.all([
      createUser(testApp, project),
      createUser(testApp, project),
      createUser(testApp, project),
    ]);
  });
  afterEach(() => sockets.closeAll());
  afterAll(() => testApp.close());

  const connect = (user: TestUser) => sockets.connect(testApp.url, project.projectId, user.token);

  it('announces an edit, a reaction, an author’s delete and an admin’s removal', async () => {
    const conversationId = await createGroup(testApp, project, alice, [bob]);
    const [bobSocket, carolSocket] = await Promise.all([connect(bob), connect(carol)]);
    const path = messagesPath(project, conversationId);

    const own = await sendText(testApp, project, alice, conversationId, { content: 'typo' });
    const edited = await request(testApp.http)
      .patch(`${path}/${own.id}`)
      .set(alice.auth)
      .send({ content: 'fixed' })
      .expect(200);
    await request(testApp.http).post(`${path}/${own.id}/reactions`).set(bob.auth).send({ emoji: '👍' }).expect(200);
    const deleted = await request(testApp.http).delete(`${path}/${own.id}`).set(alice.auth).expect(200);
    const bobs = await sendText(testApp, project, bob, conversationId, { content: 'spam' });
    await request(testApp.http).delete(`${path}/${bobs.id}`).set(alice.auth).expect(200);

    await Promise.all([bobSocket.settle(), carolSocket.settle()]);
    expect(bobSocket.payloads('message:updated')).toEqual([
      {
        messageId: own.id,
        conversationId,
        content: 'fixed',
        gif: null,
        mentions: [],
        metadata: {},
        editedAt: edited.body.editedAt,
      },
    ]);
    expect(bobSocket.payloads('message:reaction')).toEqual([
      { messageId: own.id, conversationId, emoji: '👍', userId: bob.id, delta: 1, reactionCounts: { '👍': 1 } },
    ]);
    expect(bobSocket.payloads('message:deleted')).toEqual([
      { messageId: own.id, conversationId, userDeletedAt: deleted.body.userDeletedAt },
    ]);
    expect(bobSocket.payloads('message:removed')).toEqual([{ messageId: bobs.id, conversationId }]);
    expect(carolSocket.received).toEqual([]);
  });

  it('disconnects a socket when the token it connected with expires', async () => {
    const shortLived = await signUserToken(project.jwtSecret, { sub: bob.foreignId }, 2);
    const socket = await sockets.connect(testApp.url, project.projectId, shortLived);
    const started = Date.now();
    const reason = await new Promise<string>((resolve) => socket.socket.once('disconnect', resolve));
    expect(reason).toBe('io server disconnect');
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('tells the members when a group is deleted, and stops its events for them', async () => {
    const conversationId = await createGroup(testApp, project, alice, [bob]);
    const bobSocket = await connect(bob);
    await request(testApp.http)
      .delete(`${project.base}/chat/conversations/${conversationId}`)
      .set(alice.auth)
      .expect(200);
    expect(await bobSocket.waitFor('conversation:deleted')).toEqual([{ conversationId }]);
  });

  it('follows the space chat: a lazy join is announced, a ban ends delivery at once', async () => {
    const space = await createSpace(testApp, project, alice);
    const membershipId = await addMember(testApp, project, space, alice, bob);
    const opened = await request(testApp.http)
      .get(`${project.base}/chat/spaces/${space.id}/conversation`)
      .set(alice.auth)
      .expect(200);
    const conversationId = opened.body.id as string;
    const [aliceSocket, bobSocket] = await Promise.all([connect(alice), connect(bob)]);

    await request(testApp.http).get(`${project.base}/chat/spaces/${space.id}/conversation`).set(bob.auth).expect(200);
    const [joined] = (await aliceSocket.waitFor('member:joined')) as {
      conversationId: string;
      member: { userId: string };
    }[];
    expect(joined).toMatchObject({ conversationId, member: { userId: bob.id } });

    const before = await sendText(testApp, project, alice, conversationId, { content: 'welcome' });
    expect(await bobSocket.waitFor('message:created')).toEqual([before]);

    await request(testApp.http)
      .patch(`${project.base}/spaces/${space.id}/members/${membershipId}/ban`)
      .set(alice.auth)
      .expect(200);
    expect(await bobSocket.waitFor('member:left')).toEqual([{ conversationId, userId: bob.id }]);
    await sendText(testApp, project, alice, conversationId, { content: 'after the ban' });
    await bobSocket.settle();
    expect(bobSocket.payloads('message:created')).toEqual([before]);
  });
});
