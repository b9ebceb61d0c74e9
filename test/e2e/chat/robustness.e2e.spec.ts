import request from 'supertest';
import { createGroup, messagesPath, sendText, sql } from '../../support/chat.js';
import { createProject, createUser, type TestProject, type TestUser } from '../../support/factories.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';

// Hostile input and racing requests: a clear 4xx or a consistent result, never a 500.
describe('chat under hostile input and races', () => {
  let testApp: TestApp;
  let project: TestProject;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  let conversationId: string;

  beforeAll(async () => {
    testApp = await createTestApp();
    project = await createProject(testApp);
    [alice, bob, carol] = await Promise.all([
      createUser(testApp, project),
      createUser(testApp, project),
      createUser(testApp, project),
    ]);
    conversationId = await createGroup(testApp, project, alice, [bob, carol]);
  });
  afterAll(() => testApp.close());

  const conversations = () => `${project.base}/chat/conversations`;

  describe('input PostgreSQL could not store', () => {
    it.each([
      ['a NUL in content', { content: 'a\u0000b' }, 'content'],
      ['a NUL in metadata', { content: 'x', metadata: { k: 'a\u0000b' } }, 'metadata.k'],
      ['a NUL in a metadata key', { content: 'x', metadata: { ['k\u0000']: 1 } }, 'metadata'],
    ])('refuses %s with 400 chat/invalid-body', async (_, body, field) => {
      const response = await request(testApp.http)
        .post(messagesPath(project, conversationId))
        .set(alice.auth)
        .send(body)
        .expect(400);
      expect(response.body).toMatchObject({ code: 'chat/invalid-body', field });
    });

    it('refuses metadata nested 20,000 deep (about 40 KB) with 400, not a stack overflow', async () => {
      const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
      const response = await request(testApp.http)
        .post(messagesPath(project, conversationId))
        .set(alice.auth)
        .set('Content-Type', 'application/json')
        .send(`{"content":"x","metadata":{"a":${deep}}}`)
        .expect(400);
      expect(response.body.code).toBe('chat/invalid-body');
    });

    it('counts characters as PostgreSQL does: 201 emoji with selectors overflow a 200-character name', async () => {
      const response = await request(testApp.http)
        .post(conversations())
        .set(alice.auth)
        .send({ type: 'group', name: '❤️'.repeat(101) })
        .expect(400);
      expect(response.body).toMatchObject({ code: 'chat/invalid-body', field: 'name' });
      await request(testApp.http)
        .post(conversations())
        .set(alice.auth)
        .send({ type: 'group', name: '❤️'.repeat(100) })
        .expect(201);
    });

    it.each([
      [
        'a user upsert',
        'POST',
        '/users',
        { foreignId: 'nulls', name: null, username: null, avatar: null, metadata: null },
      ],
      [
        'a group',
        'POST',
        '/chat/conversations',
        { type: 'group', name: null, description: null, memberIds: null, metadata: null },
      ],
      [
        'a conversation update',
        'PATCH',
        '/chat/conversations/CONVERSATION',
        { name: null, description: null, metadata: null, postingPermission: null },
      ],
      [
        'a space',
        'POST',
        '/spaces',
        {
          name: 'Nulls',
          slug: null,
          description: null,
          readingPermission: null,
          requireJoinApproval: null,
          metadata: null,
          parentSpaceId: null,
        },
      ],
    ])(
      'takes null in every optional field of %s as absent or refuses it with a 400, never a 500',
      async (_, method, route, body) => {
        const path = `${project.base}${route.replace('CONVERSATION', conversationId)}`;
        const auth = route === '/users' ? { Authorization: `Bearer ${project.apiKey}` } : alice.auth;
        const response = await request(testApp.http)[method === 'POST' ? 'post' : 'patch'](path).set(auth).send(body);
        expect(response.status).toBeLessThan(500);
        if (response.status >= 400) expect(response.body.code).toMatch(/\/invalid-body$/);
      },
    );

    it('answers an absurd page with 400, and malformed ids with the 404 of the resource', async () => {
      expect(
        (
          await request(testApp.http)
            .get(`${conversations()}/${conversationId}/members`)
            .query({ page: '1e300' })
            .set(alice.auth)
            .expect(400)
        ).body.code,
      ).toBe('chat/invalid-query');
      expect(
        (
          await request(testApp.http)
            .delete(`${conversations()}/${conversationId}/members/not-a-uuid`)
            .set(alice.auth)
            .expect(404)
        ).body.code,
      ).toBe('chat/member-not-found');
      expect(
        (await request(testApp.http).get(`${conversations()}/not-a-uuid/preview`).set(alice.auth).expect(404)).body
          .code,
      ).toBe('chat/not-found');
      expect(
        (
          await request(testApp.http)
            .get(`${conversations()}/00000000-0000-4000-8000-000000000000/preview`)
            .set(alice.auth)
            .expect(404)
        ).body.code,
      ).toBe('chat/not-found');
    });
  });

  describe('races', () => {
    it('keeps a group’s last admin when two admins remove each other at once', async () => {
      const group = await createGroup(testApp, project, alice, [bob, carol]);
      await request(testApp.http)
        .patch(`${conversations()}/${group}/members/${bob.id}/role`)
        .set(alice.auth)
        .send({ role: 'admin' })
        .expect(200);
      const [first, second] = await Promise.all([
        request(testApp.http).delete(`${conversations()}/${group}/members/${bob.id}`).set(alice.auth),
        request(testApp.http).delete(`${conversations()}/${group}/members/${alice.id}`).set(bob.auth),
      ]);
      expect([first.status, second.status].sort()).toEqual([200, 403]);
      const [{ admins }] = await sql(
        testApp,
        `SELECT count(*)::int AS admins FROM conversation_members WHERE conversation_id = $1 AND is_active AND role = 'admin'`,
        [group],
      );
      expect(admins).toBe(1);
    });

    it('answers every one of many concurrent deletes of a message alike, and tells once', async () => {
      const message = await sendText(testApp, project, alice, conversationId);
      const responses = await Promise.all(
        Array.from({ length: 12 }, () =>
          request(testApp.http)
            .delete(`${messagesPath(project, conversationId)}/${message.id}`)
            .set(alice.auth),
        ),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(12).fill(200));
      expect(new Set(responses.map((r) => r.body.userDeletedAt)).size).toBe(1);
    });

    it('reports each toggle of a double-tapped reaction truthfully: the deltas add up to what is stored', async () => {
      const message = await sendText(testApp, project, alice, conversationId);
      const path = `${messagesPath(project, conversationId)}/${message.id}/reactions`;
      const responses = await Promise.all(
        Array.from({ length: 10 }, () => request(testApp.http).post(path).set(bob.auth).send({ emoji: '🎉' })),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
      const [{ n }] = await sql(
        testApp,
        'SELECT count(*)::int AS n FROM chat_message_reactions WHERE message_id = $1',
        [message.id],
      );
      expect(responses.reduce((sum, r) => sum + (r.body.delta as number), 0)).toBe(n);
    });

    it('never brings back the text of a message its author deleted during an edit', async () => {
      for (let round = 0; round < 5; round++) {
        const message = await sendText(testApp, project, alice, conversationId, { content: 'original' });
        const path = `${messagesPath(project, conversationId)}/${message.id}`;
        await Promise.all([
          request(testApp.http)
            .patch(path)
            .set(alice.auth)
            .send({ content: `edit ${round}` }),
          request(testApp.http).delete(path).set(alice.auth),
        ]);
        const [row] = await sql(testApp, 'SELECT content, user_deleted_at FROM chat_messages WHERE id = $1', [
          message.id,
        ]);
        expect(row).toMatchObject({ content: null, user_deleted_at: expect.any(Date) });
      }
    });
  });

  describe('a migration while the server runs', () => {
    // The statements on the send path are prepared on each pooled connection. A column added to a
    // table they read must not fail those prepared copies ("cached plan must not change result
    // type"), as it would a statement returning `message.*`.
    const tables = ['chat_messages', 'users', 'conversations', 'conversation_members'];

    it('keeps sending after columns are added to and dropped from the tables a send reads', async () => {
      // A message, then a reply quoting it: every prepared statement of the send path runs. One
      // request after the other, so the pool hands back the connection that prepared them.
      const send = async (label: string) => {
        const root = await sendText(testApp, project, alice, conversationId, { content: label });
        expect(root).toMatchObject({ content: label, user: { id: alice.id }, conversationId });
        const reply = await sendText(testApp, project, alice, conversationId, {
          content: `${label}, replied`,
          parentMessageId: root.id,
          quotedMessageId: root.id,
        });
        expect(reply).toMatchObject({ parentMessageId: root.id, quotedMessage: { id: root.id, content: label } });
      };
      await send('before');
      for (const table of tables) await sql(testApp, `ALTER TABLE ${table} ADD COLUMN migration_probe integer`);
      try {
        await send('after adding');
      } finally {
        for (const table of tables) await sql(testApp, `ALTER TABLE ${table} DROP COLUMN IF EXISTS migration_probe`);
      }
      await send('after dropping');
    });
  });
});
