import request from 'supertest';
import { createGroup, messagesPath, sendText, sql } from '../../support/chat.js';
import { createProject, createUser, type TestProject, type TestUser } from '../../support/factories.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';

describe('message history', () => {
  let testApp: TestApp;
  let project: TestProject;
  let alice: TestUser;
  let bob: TestUser;
  let conversationId: string;
  let sent: Record<string, any>[];
  let parent: Record<string, any>;

  beforeAll(async () => {
    testApp = await createTestApp();
    project = await createProject(testApp);
    alice = await createUser(testApp, project);
    bob = await createUser(testApp, project);
    conversationId = await createGroup(testApp, project, alice, [bob]);
    sent = [];
    for (let i = 0; i < 12; i++)
      sent.push(await sendText(testApp, project, i % 2 ? bob : alice, conversationId, { content: `m${i}` }));
    parent = sent[3];
    for (let i = 0; i < 4; i++) {
      await sendText(testApp, project, bob, conversationId, { content: `reply ${i}`, parentMessageId: parent.id });
    }
  });
  afterAll(() => testApp.close());

  const list = (query: Record<string, string | number> = {}, user: TestUser = bob) =>
    request(testApp.http).get(messagesPath(project, conversationId)).query(query).set(user.auth);

  it('lists the main stream newest first, without replies, with the page bounds', async () => {
    const response = await list().expect(200);
    expect(response.body.messages.map((m: { content: string }) => m.content)).toEqual(
      sent.map((m) => m.content).reverse(),
    );
    expect(response.body).toMatchObject({
      hasMore: false,
      oldestCreatedAt: sent[0].createdAt,
      newestCreatedAt: sent[11].createdAt,
    });
    expect(response.body.messages.find((m: { id: string }) => m.id === parent.id).threadReplyCount).toBe(4);
  });

  it('walks back with before= and limit=, skipping and repeating nothing', async () => {
    const seen: string[] = [];
    let before: string | undefined;
    for (;;) {
      const page = await list(before ? { limit: 5, before } : { limit: 5 }).expect(200);
      seen.push(...page.body.messages.map((m: { content: string }) => m.content));
      if (!page.body.hasMore) break;
      before = page.body.oldestCreatedAt;
    }
    expect(seen).toEqual(sent.map((m) => m.content).reverse());
  });

  it('catches up with after= in ascending order', async () => {
    const response = await list({ after: sent[8].createdAt, sort: 'asc' }).expect(200);
    expect(response.body.messages.map((m: { content: string }) => m.content)).toEqual(['m9', 'm10', 'm11']);
  });

  it('lists a thread with parentId=, oldest first', async () => {
    const response = await list({ parentId: parent.id }).expect(200);
    expect(response.body.messages.map((m: { content: string }) => m.content)).toEqual([
      'reply 0',
      'reply 1',
      'reply 2',
      'reply 3',
    ]);
  });

  it('filters by replies, and explains why hasReplies=true finds nothing inside a thread', async () => {
    const withReplies = await list({ 'filters[hasReplies]': 'true' }).expect(200);
    expect(withReplies.body.messages.map((m: { id: string }) => m.id)).toEqual([parent.id]);
    const without = await list({ 'filters[hasReplies]': 'false' }).expect(200);
    expect(without.body.messages).toHaveLength(11);
    const inThread = await list({ parentId: parent.id, 'filters[hasReplies]': 'true' }).expect(200);
    expect(inThread.body).toMatchObject({ messages: [], hasMore: false, notice: expect.any(String) });
  });

  it('populates each message with its sender, quote and reactions', async () => {
    const quoting = await sendText(testApp, project, alice, conversationId, {
      content: 'q',
      quotedMessageId: sent[0].id,
    });
    await sql(
      testApp,
      `INSERT INTO chat_message_reactions (project_id, message_id, user_id, emoji) VALUES ($1, $2, $3, '👍'), ($1, $2, $4, '👍'), ($1, $2, $4, '🎉')`,
      [project.projectId, quoting.id, alice.id, bob.id],
    );
    const response = await list({ limit: 1 }).expect(200);
    expect(response.body.messages[0]).toMatchObject({
      id: quoting.id,
      user: { id: alice.id },
      quotedMessage: { id: sent[0].id, content: 'm0' },
      reactionCounts: { '👍': 2, '🎉': 1 },
    });
    expect([...response.body.messages[0].userReactions].sort()).toEqual(['👍', '🎉'].sort());
    expect(response.body.hasMore).toBe(true);
  });

  it('hides messages removed by moderation', async () => {
    const removed = await sendText(testApp, project, alice, conversationId, { content: 'bad' });
    await sql(testApp, `UPDATE chat_messages SET moderation_status = 'removed' WHERE id = $1`, [removed.id]);
    const response = await list({ limit: 3 }).expect(200);
    expect(response.body.messages.map((m: { id: string }) => m.id)).not.toContain(removed.id);
    await request(testApp.http)
      .get(`${messagesPath(project, conversationId)}/${removed.id}`)
      .set(bob.auth)
      .expect(404);
  });

  it.each([
    [{ limit: 101 }, 'limit'],
    [{ limit: 0 }, 'limit'],
    [{ before: 'yesterday' }, 'before'],
    [{ sort: 'up' }, 'sort'],
    [{ include: 'avatars' }, 'include'],
    [{ parentId: 'x' }, 'parentId'],
  ])('refuses the query %j with chat/invalid-query', async (query, field) => {
    const response = await list(query).expect(400);
    expect(response.body).toMatchObject({ code: 'chat/invalid-query', field });
  });

  it('refuses before and after together', async () => {
    expect((await list({ before: sent[5].createdAt, after: sent[1].createdAt }).expect(400)).body.code).toBe(
      'chat/invalid-query',
    );
  });

  it('is 403 for non-members', async () => {
    const outsider = await createUser(testApp, project);
    expect((await list({}, outsider).expect(403)).body).toEqual({
      error: 'You are not a member of this conversation.',
      code: 'chat/not-a-member',
    });
  });

  describe('GET .../messages/:messageId', () => {
    it('returns one message with its current reply count and its files', async () => {
      const response = await request(testApp.http)
        .get(`${messagesPath(project, conversationId)}/${parent.id}`)
        .set(alice.auth)
        .expect(200);
      expect(response.body).toMatchObject({
        id: parent.id,
        threadReplyCount: 4,
        files: [],
        reactionCounts: {},
        user: { id: parent.userId },
      });
    });

    it('is 404 chat/message-not-found for unknown, malformed and other conversations’ messages', async () => {
      const elsewhere = await sendText(testApp, project, alice, await createGroup(testApp, project, alice, [bob]));
      for (const id of ['00000000-0000-4000-8000-000000000000', 'nope', elsewhere.id]) {
        const response = await request(testApp.http)
          .get(`${messagesPath(project, conversationId)}/${id}`)
          .set(bob.auth)
          .expect(404);
        expect(response.body).toEqual({ error: 'Message not found.', code: 'chat/message-not-found' });
      }
    });
  });
});
