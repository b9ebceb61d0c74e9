import request from 'supertest';
import { createGroup, messagesPath, sendText, sql } from '../../support/chat.js';
import { createProject, createUser, type TestProject, type TestUser } from '../../support/factories.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';

describe('reacting to, editing and deleting messages', () => {
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

  const messagePath = (id: string) => `${messagesPath(project, conversationId)}/${id}`;

  describe('reactions', () => {
    it('toggles a reaction on and off, with the counts and the caller’s reactions', async () => {
      const message = await sendText(testApp, project, alice, conversationId);
      const on = await request(testApp.http)
        .post(`${messagePath(message.id)}/reactions`)
        .set(bob.auth)
        .send({ emoji: '👍' })
        .expect(200);
      expect(on.body).toEqual({ reactionCounts: { '👍': 1 }, userReactions: ['👍'], delta: 1 });
      await request(testApp.http)
        .post(`${messagePath(message.id)}/reactions`)
        .set(carol.auth)
        .send({ emoji: '👍' })
        .expect(200);
      const off = await request(testApp.http)
        .post(`${messagePath(message.id)}/reactions`)
        .set(bob.auth)
        .send({ emoji: '👍' })
        .expect(200);
      expect(off.body).toEqual({ reactionCounts: { '👍': 1 }, userReactions: [], delta: -1 });
      const fetched = await request(testApp.http).get(messagePath(message.id)).set(carol.auth).expect(200);
      expect(fetched.body).toMatchObject({ reactionCounts: { '👍': 1 }, userReactions: ['👍'] });
    });

    it('keeps one reaction per user and emoji under concurrent toggles', async () => {
      const message = await sendText(testApp, project, alice, conversationId);
      await Promise.all(
        Array.from({ length: 10 }, () =>
          request(testApp.http)
            .post(`${messagePath(message.id)}/reactions`)
            .set(bob.auth)
            .send({ emoji: '🎉' }),
        ),
      );
      const rows = await sql(testApp, 'SELECT count(*)::int AS n FROM chat_message_reactions WHERE message_id = $1', [
        message.id,
      ]);
      expect(rows[0].n).toBeLessThanOrEqual(1);
    });

    it('lists who reacted with an emoji, oldest first', async () => {
      const message = await sendText(testApp, project, alice, conversationId);
      for (const user of [carol, bob]) {
        await request(testApp.http)
          .post(`${messagePath(message.id)}/reactions`)
          .set(user.auth)
          .send({ emoji: '❤️' })
          .expect(200);
      }
      const response = await request(testApp.http)
        .get(`${messagePath(message.id)}/reactions`)
        .query({ emoji: '❤️', limit: 1 })
        .set(alice.auth)
        .expect(200);
      expect(response.body).toEqual({
        data: [
          {
            user: { id: carol.id, name: carol.name, username: carol.username, avatar: null },
            emoji: '❤️',
            createdAt: expect.any(String),
          },
        ],
        pagination: { page: 1, limit: 1, total: 2, hasMore: true },
      });
    });

    it('refuses anything but one grapheme, and unknown messages', async () => {
      const message = await sendText(testApp, project, alice, conversationId);
      for (const emoji of ['👍👍', '', 'ab']) {
        const response = await request(testApp.http)
          .post(`${messagePath(message.id)}/reactions`)
          .set(bob.auth)
          .send({ emoji })
          .expect(400);
        expect(response.body).toMatchObject({
          error: 'Emoji must be exactly one grapheme cluster.',
          code: 'chat/invalid-emoji',
        });
      }
      await request(testApp.http)
        .post(`${messagePath('00000000-0000-4000-8000-000000000000')}/reactions`)
        .set(bob.auth)
        .send({ emoji: '👍' })
        .expect(404);
    });
  });

  describe('edit', () => {
    it('lets the author change the content, stamping editedAt', async () => {
      const message = await sendText(testApp, project, alice, conversationId, { content: 'typo', metadata: { a: 1 } });
      const response = await request(testApp.http)
        .patch(messagePath(message.id))
        .set(alice.auth)
        .send({ content: 'fixed' })
        .expect(200);
      expect(response.body).toMatchObject({
        id: message.id,
        content: 'fixed',
        metadata: { a: 1 },
        editedAt: expect.any(String),
      });
    });

    it('leaves editedAt alone when nothing changes', async () => {
      const message = await sendText(testApp, project, alice, conversationId, { content: 'same' });
      const response = await request(testApp.http)
        .patch(messagePath(message.id))
        .set(alice.auth)
        .send({ content: 'same' })
        .expect(200);
      expect(response.body.editedAt).toBeNull();
    });

    it('refuses other users, deleted and emptied messages, and oversized metadata', async () => {
      const message = await sendText(testApp, project, alice, conversationId, { content: 'mine' });
      expect(
        (await request(testApp.http).patch(messagePath(message.id)).set(bob.auth).send({ content: 'x' }).expect(403))
          .body,
      ).toEqual({
        error: 'Only the message author can edit this message.',
        code: 'chat/forbidden',
      });
      expect(
        (await request(testApp.http).patch(messagePath(message.id)).set(alice.auth).send({ content: '' }).expect(400))
          .body.code,
      ).toBe('chat/empty-message');
      expect(
        (
          await request(testApp.http)
            .patch(messagePath(message.id))
            .set(alice.auth)
            .send({ metadata: { k: 'x'.repeat(10240) } })
            .expect(400)
        ).body.code,
      ).toBe('chat/metadata-too-large');
      await request(testApp.http).delete(messagePath(message.id)).set(alice.auth).expect(200);
      expect(
        (await request(testApp.http).patch(messagePath(message.id)).set(alice.auth).send({ content: 'x' }).expect(400))
          .body,
      ).toEqual({
        error: 'Deleted messages cannot be edited.',
        code: 'chat/message-deleted',
      });
    });
  });

  describe('delete', () => {
    it('lets the author delete: the row stays as an empty placeholder', async () => {
      const message = await sendText(testApp, project, bob, conversationId, { content: 'oops', metadata: { a: 1 } });
      const response = await request(testApp.http).delete(messagePath(message.id)).set(bob.auth).expect(200);
      expect(response.body).toEqual({ message: 'Message deleted.', userDeletedAt: expect.any(String) });
      const [row] = await sql(testApp, 'SELECT content, metadata, user_deleted_at FROM chat_messages WHERE id = $1', [
        message.id,
      ]);
      expect(row).toEqual({ content: null, metadata: {}, user_deleted_at: new Date(response.body.userDeletedAt) });
      const fetched = await request(testApp.http).get(messagePath(message.id)).set(alice.auth).expect(200);
      expect(fetched.body).toMatchObject({ content: null, userDeletedAt: response.body.userDeletedAt });
    });

    it('lets a group admin remove someone else’s message by moderation', async () => {
      const message = await sendText(testApp, project, bob, conversationId, { content: 'spam' });
      expect((await request(testApp.http).delete(messagePath(message.id)).set(alice.auth).expect(200)).body).toEqual({
        message: 'Message removed by admin.',
      });
      const [row] = await sql(
        testApp,
        'SELECT content, moderation_status, moderated_by_id FROM chat_messages WHERE id = $1',
        [message.id],
      );
      expect(row).toEqual({ content: 'spam', moderation_status: 'removed', moderated_by_id: alice.id });
      await request(testApp.http).get(messagePath(message.id)).set(bob.auth).expect(404);
    });

    it('refuses other members', async () => {
      const message = await sendText(testApp, project, bob, conversationId);
      expect((await request(testApp.http).delete(messagePath(message.id)).set(carol.auth).expect(403)).body).toEqual({
        error: 'You do not have permission to delete this message.',
        code: 'chat/forbidden',
      });
    });
  });
});
