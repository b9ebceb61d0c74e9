import request from 'supertest';
import { DataSource } from 'typeorm';
import { chatState, createGroup, messagesPath, sendText, sql } from '../../support/chat.js';
import { apiKeyAuth, createProject, createUser, type TestProject, type TestUser } from '../../support/factories.js';
import { type Encoding, sendAs } from '../../support/send-encodings.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';

const ENCODINGS: Encoding[] = ['json', 'multipart'];

const GIF = {
  id: 'xT9IgG50Fb7Mi0prBC',
  url: 'https://giphy.com/gifs/xT9IgG50Fb7Mi0prBC',
  gifUrl: 'https://media.giphy.com/media/xT9IgG50Fb7Mi0prBC/giphy.gif',
  gifPreviewUrl: 'https://media.giphy.com/media/xT9IgG50Fb7Mi0prBC/giphy_s.gif',
  altText: 'A cat typing',
  aspectRatio: '1.333',
};

const ERRORS = {
  notMember: { error: 'You are not a member of this conversation.', code: 'chat/not-a-member' },
  notFound: { error: 'Conversation not found.', code: 'chat/not-found' },
  empty: { error: 'Message must have content, a GIF, or at least one file.', code: 'chat/empty-message' },
  invalidParent: {
    error: 'Parent message not found, not in this conversation, already removed, or is itself a reply.',
    code: 'chat/invalid-parent',
  },
  invalidQuote: {
    error: 'Quoted message not found, not in this conversation, or removed.',
    code: 'chat/invalid-quote',
  },
  metadataTooLarge: { error: 'Metadata must not exceed 10 KB.', code: 'chat/metadata-too-large' },
};

describe('POST /v7/:projectId/chat/conversations/:conversationId/messages', () => {
  let testApp: TestApp;
  let project: TestProject;
  let alice: TestUser;
  let bob: TestUser;
  let outsider: TestUser;
  let conversationId: string;
  let otherConversationId: string;

  beforeAll(async () => {
    testApp = await createTestApp();
    project = await createProject(testApp);
    alice = await createUser(testApp, project, { foreignId: 'alice', username: 'alice' });
    bob = await createUser(testApp, project, { foreignId: 'bob', username: 'bob' });
    outsider = await createUser(testApp, project, { foreignId: 'outsider' });
    conversationId = await createGroup(testApp, project, alice, [bob]);
    otherConversationId = await createGroup(testApp, project, alice, [bob]);
  });
  afterAll(() => testApp.close());

  const path = () => messagesPath(project, conversationId);

  /** Sends `body`, expects the error, and that nothing changed. */
  async function expectRejected(
    encoding: Encoding,
    body: Record<string, unknown>,
    status: number,
    expected: Record<string, unknown>,
    sender: TestUser = alice,
  ): Promise<void> {
    const before = await chatState(testApp, conversationId);
    const response = await sendAs(testApp, encoding, path(), sender.auth, body);
    expect({ status: response.status, body: response.body }).toEqual({
      status,
      body: expect.objectContaining(expected),
    });
    expect(await chatState(testApp, conversationId)).toEqual(before);
  }

  describe('the created message', () => {
    it('comes back fully populated, with its effects on the conversation', async () => {
      const response = await request(testApp.http)
        .post(path())
        .set(alice.auth)
        .send({ content: 'Hello, Bob', localId: 'local-1', metadata: { kind: 'greeting' } })
        .expect(201);
      expect(response.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        localId: 'local-1',
        projectId: project.projectId,
        conversationId,
        userId: alice.id,
        content: 'Hello, Bob',
        gif: null,
        mentions: [],
        metadata: { kind: 'greeting' },
        parentMessageId: null,
        quotedMessageId: null,
        threadReplyCount: 0,
        reactionCounts: {},
        userReactions: [],
        editedAt: null,
        userDeletedAt: null,
        moderationStatus: null,
        moderatedAt: null,
        moderatedById: null,
        moderatedByType: null,
        moderationReason: null,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        user: {
          id: alice.id,
          projectId: project.projectId,
          foreignId: 'alice',
          name: 'alice',
          username: 'alice',
          avatar: null,
          metadata: {},
          reputation: 0,
          createdAt: alice.createdAt,
        },
        quotedMessage: null,
        files: [],
      });
      const [conversation] = await sql(testApp, 'SELECT last_message_at FROM conversations WHERE id = $1', [
        conversationId,
      ]);
      expect(conversation.last_message_at.toISOString()).toBe(response.body.createdAt);
      const [member] = await sql(
        testApp,
        'SELECT last_read_at FROM conversation_members WHERE conversation_id = $1 AND user_id = $2',
        [conversationId, alice.id],
      );
      expect(member.last_read_at.toISOString()).toBe(response.body.createdAt);
    });

    it('gives each message of a conversation a later createdAt than the one before', async () => {
      const sent = await Promise.all(
        Array.from({ length: 20 }, (_, i) => sendText(testApp, project, bob, conversationId, { content: `n${i}` })),
      );
      const times = sent.map((message) => Date.parse(message.createdAt)).sort((a, b) => a - b);
      expect(new Set(times).size).toBe(times.length);
    });

    it('creates two messages for the same localId, and never stores it', async () => {
      const first = await sendText(testApp, project, alice, conversationId, {
        content: 'twice',
        localId: 'dup-local-id-7',
      });
      const second = await sendText(testApp, project, alice, conversationId, {
        content: 'twice',
        localId: 'dup-local-id-7',
      });
      expect(first.id).not.toBe(second.id);
      expect([first.localId, second.localId]).toEqual(['dup-local-id-7', 'dup-local-id-7']);
      const stored = await sql(
        testApp,
        `SELECT count(*)::int AS n FROM chat_messages m WHERE row_to_json(m)::text LIKE '%dup-local-id-7%'`,
      );
      expect(stored[0].n).toBe(0);
    });

    it('echoes a JSON localId of "null" (a string like any other) in the response', async () => {
      const message = await sendText(testApp, project, alice, conversationId, { content: 'x', localId: 'null' });
      expect(message.localId).toBe('null');
    });

    it.each([
      [{ content: 5 }, 'content', 'content must be a string.'],
      [{ content: ['a'] }, 'content', 'content must be a string.'],
      [{ content: 'x', localId: 5 }, 'localId', 'localId must be a string.'],
    ])('calls %j a wrong type, with chat/invalid-body', (body, field, error) =>
      expectRejected('json', body, 400, { code: 'chat/invalid-body', field, error }),
    );

    it('calls an array for gif an invalid GIF', () =>
      expectRejected('json', { content: 'x', gif: [] }, 400, { code: 'chat/invalid-gif', field: 'gif' }));

    it('echoes no localId when none was sent', async () => {
      const message = await sendText(testApp, project, alice, conversationId, { content: 'no local id' });
      expect(message).not.toHaveProperty('localId');
    });
  });

  describe.each(ENCODINGS)('the body rules (%s)', (encoding) => {
    const send = (body: Record<string, unknown>, sender: TestUser = alice) =>
      sendAs(testApp, encoding, path(), sender.auth, body);

    describe('content', () => {
      it('accepts 4000 characters', async () => {
        const response = await send({ content: 'x'.repeat(4000) }).expect(201);
        expect(response.body.content).toHaveLength(4000);
      });

      it('refuses 4001 characters with chat/content-too-long', () =>
        expectRejected(encoding, { content: 'x'.repeat(4001) }, 400, {
          code: 'chat/content-too-long',
          error: 'Content must be at most 4000 characters.',
          field: 'content',
        }));

      it('stores empty or whitespace-only content as null beside a GIF', async () => {
        for (const content of ['', '   \n\t']) {
          const response = await send({ content, gif: GIF }).expect(201);
          expect(response.body.content).toBeNull();
          const [row] = await sql(testApp, 'SELECT content FROM chat_messages WHERE id = $1', [response.body.id]);
          expect(row.content).toBeNull();
        }
      });

      it('counts empty and whitespace-only content as no content', async () => {
        await expectRejected(encoding, { content: '' }, 400, ERRORS.empty);
        await expectRejected(encoding, { content: '  \n ' }, 400, ERRORS.empty);
      });
    });

    describe('gif', () => {
      it('accepts a GIF alone, storing content null', async () => {
        const response = await send({ gif: GIF }).expect(201);
        expect(response.body).toMatchObject({ gif: GIF, content: null });
      });

      it.each([
        ['a missing field', (({ altText: _, ...rest }) => rest)(GIF)],
        ['a numeric aspectRatio', { ...GIF, aspectRatio: 1.333 }],
        ['a non-http URL', { ...GIF, gifUrl: 'javascript:alert(1)' }],
        ['a string', 'https://media.giphy.com/x.gif'],
      ])('refuses %s with chat/invalid-gif', (_, gif) =>
        expectRejected(encoding, { content: 'x', gif }, 400, { code: 'chat/invalid-gif', field: 'gif' }),
      );
    });

    describe('mentions', () => {
      it('stores the mentioned users with their current username and foreignId', async () => {
        const response = await send({
          content: '@bob hi',
          mentions: [{ type: 'user', id: bob.id, username: 'what-the-client-thought' }],
        }).expect(201);
        expect(response.body.mentions).toEqual([{ type: 'user', id: bob.id, username: 'bob', foreignId: 'bob' }]);
        const [row] = await sql(testApp, 'SELECT mentions FROM chat_messages WHERE id = $1', [response.body.id]);
        expect(row.mentions).toEqual(response.body.mentions);
      });

      it('accepts 50 mentions and refuses 51', async () => {
        const mention = { type: 'user', id: bob.id, username: 'bob' };
        await send({ content: 'many', mentions: Array(50).fill(mention) }).expect(201);
        await expectRejected(encoding, { content: 'many', mentions: Array(51).fill(mention) }, 400, {
          code: 'chat/invalid-mentions',
          field: 'mentions',
          error: 'mentions must be at most 50 of {type:"user", id, username, foreignId?} or {type:"space", id, slug}.',
        });
      });

      it('refuses a mention of a user who does not exist in the project', async () => {
        const otherProject = await createProject(testApp);
        const stranger = await createUser(testApp, otherProject);
        for (const id of [stranger.id, '00000000-0000-4000-8000-000000000000']) {
          await expectRejected(encoding, { content: 'hi', mentions: [{ type: 'user', id, username: 'x' }] }, 400, {
            code: 'chat/invalid-mentions',
            field: 'mentions',
            error: `Mention '${id}' does not refer to a user or space of this project.`,
          });
        }
      });

      it('stores the foreignId for a user without username, never the client’s text', async () => {
        const nameless = await createUser(testApp, project, { foreignId: `nameless-${encoding}` });
        await testApp.app.get(DataSource).query('UPDATE users SET username = NULL WHERE id = $1', [nameless.id]);
        const response = await send({
          content: 'hey',
          mentions: [{ type: 'user', id: nameless.id, username: 'Fake Name' }],
        }).expect(201);
        expect(response.body.mentions).toEqual([
          { type: 'user', id: nameless.id, username: `nameless-${encoding}`, foreignId: `nameless-${encoding}` },
        ]);
      });

      it('refuses a malformed mention', () =>
        expectRejected(encoding, { content: 'hi', mentions: [bob.id] }, 400, { code: 'chat/invalid-mentions' }));
    });

    describe('metadata', () => {
      // {"k":"…"} is 8 bytes of JSON around the value.
      const ofBytes = (bytes: number, char = 'x') => ({ k: char.repeat((bytes - 8) / Buffer.byteLength(char)) });

      it('accepts 10,240 bytes of UTF-8 JSON', async () => {
        const metadata = ofBytes(10240);
        expect(Buffer.byteLength(JSON.stringify(metadata))).toBe(10240);
        await send({ content: 'x', metadata }).expect(201);
      });

      it('refuses 10,241 bytes with chat/metadata-too-large', () =>
        expectRejected(encoding, { content: 'x', metadata: { k: 'x'.repeat(10233) } }, 400, {
          ...ERRORS.metadataTooLarge,
          field: 'metadata',
        }));

      it('counts bytes, not characters', async () => {
        const metadata = { k: 'é'.repeat(5117) }; // 10,234 bytes of value + 8 = 10,242 bytes, 5,125 characters
        expect(JSON.stringify(metadata).length).toBeLessThan(10240);
        await expectRejected(encoding, { content: 'x', metadata }, 400, ERRORS.metadataTooLarge);
      });

      it('refuses nesting deeper than 10 levels, and non-objects, with chat/invalid-body', async () => {
        let deep: Record<string, unknown> = {};
        for (let i = 0; i < 10; i++) deep = { d: deep };
        await expectRejected(encoding, { content: 'x', metadata: deep }, 400, {
          code: 'chat/invalid-body',
          field: 'metadata',
        });
        await expectRejected(encoding, { content: 'x', metadata: [1, 2] }, 400, {
          code: 'chat/invalid-body',
          field: 'metadata',
        });
      });

      it('does not make a message on its own', () =>
        expectRejected(encoding, { metadata: { a: 1 } }, 400, ERRORS.empty));
    });

    describe('parentMessageId', () => {
      it('makes a reply and counts it on the parent', async () => {
        const parent = await sendText(testApp, project, alice, conversationId);
        const response = await send({ content: 'a reply', parentMessageId: parent.id }, bob).expect(201);
        expect(response.body).toMatchObject({ parentMessageId: parent.id, threadReplyCount: 0 });
        const [row] = await sql(testApp, 'SELECT thread_reply_count FROM chat_messages WHERE id = $1', [parent.id]);
        expect(row.thread_reply_count).toBe(1);
      });

      it('treats null as absent', async () => {
        const response = await send({ content: 'top level', parentMessageId: null }).expect(201);
        expect(response.body.parentMessageId).toBeNull();
      });

      it('allows replying to a message its author deleted', async () => {
        const parent = await sendText(testApp, project, alice, conversationId);
        await sql(testApp, `UPDATE chat_messages SET user_deleted_at = now(), content = NULL WHERE id = $1`, [
          parent.id,
        ]);
        await send({ content: 'still replying', parentMessageId: parent.id }).expect(201);
      });

      it('refuses a reply to a reply, to another conversation, to a removed or unknown message, or a malformed id', async () => {
        const parent = await sendText(testApp, project, alice, conversationId);
        const reply = await sendText(testApp, project, alice, conversationId, {
          content: 'r',
          parentMessageId: parent.id,
        });
        const elsewhere = await sendText(testApp, project, alice, otherConversationId);
        const removed = await sendText(testApp, project, alice, conversationId);
        await sql(
          testApp,
          `UPDATE chat_messages SET moderation_status = 'removed', moderated_at = now() WHERE id = $1`,
          [removed.id],
        );
        for (const parentMessageId of [
          reply.id,
          elsewhere.id,
          removed.id,
          '00000000-0000-4000-8000-000000000000',
          'not-a-uuid',
        ]) {
          await expectRejected(encoding, { content: 'nope', parentMessageId }, 400, {
            ...ERRORS.invalidParent,
            field: 'parentMessageId',
          });
        }
      });
    });

    describe('quotedMessageId', () => {
      it('quotes a message of the conversation, one level deep', async () => {
        const first = await sendText(testApp, project, bob, conversationId, { content: 'original' });
        const second = await sendText(testApp, project, alice, conversationId, {
          content: 'quoting',
          quotedMessageId: first.id,
        });
        const response = await send({ content: 'quoting the quote', quotedMessageId: second.id }).expect(201);
        expect(response.body.quotedMessageId).toBe(second.id);
        expect(response.body.quotedMessage).toMatchObject({
          id: second.id,
          content: 'quoting',
          quotedMessageId: first.id,
          user: { id: alice.id },
          reactionCounts: {},
          userReactions: [],
        });
        expect(response.body.quotedMessage).not.toHaveProperty('quotedMessage');
      });

      it('may quote a thread reply, and a deleted message shows as its placeholder', async () => {
        const parent = await sendText(testApp, project, alice, conversationId);
        const reply = await sendText(testApp, project, bob, conversationId, {
          content: 'in thread',
          parentMessageId: parent.id,
        });
        await send({ content: 'quoting a reply', quotedMessageId: reply.id }).expect(201);

        const gone = await sendText(testApp, project, bob, conversationId, { content: 'soon deleted' });
        await sql(testApp, `UPDATE chat_messages SET user_deleted_at = now(), content = NULL WHERE id = $1`, [gone.id]);
        const response = await send({ content: 'quoting a deleted one', quotedMessageId: gone.id }).expect(201);
        expect(response.body.quotedMessage).toMatchObject({
          id: gone.id,
          content: null,
          userDeletedAt: expect.any(String),
        });
      });

      it('refuses a quote from another conversation, a removed or unknown message, or a malformed id', async () => {
        const elsewhere = await sendText(testApp, project, alice, otherConversationId);
        const removed = await sendText(testApp, project, alice, conversationId);
        await sql(
          testApp,
          `UPDATE chat_messages SET moderation_status = 'removed', moderated_at = now() WHERE id = $1`,
          [removed.id],
        );
        for (const quotedMessageId of [elsewhere.id, removed.id, '00000000-0000-4000-8000-000000000000', 'nope']) {
          await expectRejected(encoding, { content: 'q', quotedMessageId }, 400, {
            ...ERRORS.invalidQuote,
            field: 'quotedMessageId',
          });
        }
      });
    });

    describe('localId', () => {
      it('echoes 255 characters and refuses 256', async () => {
        const localId = 'L'.repeat(255);
        expect((await send({ content: 'x', localId }).expect(201)).body.localId).toBe(localId);
        await expectRejected(encoding, { content: 'x', localId: 'L'.repeat(256) }, 400, {
          code: 'chat/invalid-body',
          field: 'localId',
        });
      });
    });

    it('refuses unknown fields with chat/invalid-body naming the field', () =>
      expectRejected(encoding, { content: 'x', color: 'red' }, 400, {
        code: 'chat/invalid-body',
        field: 'color',
        error: 'Unknown field "color".',
      }));

    it.each([
      ['an empty body', {}],
      ['only a localId', { localId: 'l' }],
      ['a null GIF and no content', { gif: null }],
    ])('refuses %s with chat/empty-message', (_, body) => expectRejected(encoding, body, 400, ERRORS.empty));
  });

  describe('who may send', () => {
    it('refuses non-members with 403 before looking at the body', async () => {
      const realMessage = await sendText(testApp, project, alice, conversationId);
      for (const body of [
        { content: 'hi' },
        { content: 'x'.repeat(5000) },
        { content: 'hi', parentMessageId: realMessage.id },
        { content: 'hi', parentMessageId: '00000000-0000-4000-8000-000000000000' },
        { bogus: true },
      ]) {
        await expectRejected('json', body, 403, ERRORS.notMember, outsider);
      }
    });

    it('refuses members who left, and members who were removed', async () => {
      const carol = await createUser(testApp, project);
      const dave = await createUser(testApp, project);
      const group = await createGroup(testApp, project, alice, [carol, dave]);
      await request(testApp.http)
        .delete(`${project.base}/chat/conversations/${group}/leave`)
        .set(carol.auth)
        .expect(200);
      await request(testApp.http)
        .delete(`${project.base}/chat/conversations/${group}/members/${dave.id}`)
        .set(alice.auth)
        .expect(200);
      for (const former of [carol, dave]) {
        for (const body of [{ content: 'let me back' }, { content: 'x'.repeat(5000), bogus: 1 }]) {
          const response = await request(testApp.http)
            .post(messagesPath(project, group))
            .set(former.auth)
            .send(body)
            .expect(403);
          expect(response.body).toEqual(ERRORS.notMember);
        }
        const multipart = await sendAs(testApp, 'multipart', messagesPath(project, group), former.auth, {
          content: 'x'.repeat(5000),
        });
        expect({ status: multipart.status, body: multipart.body }).toEqual({ status: 403, body: ERRORS.notMember });
      }
    });

    it('answers 404 chat/not-found for an unknown, malformed or other project’s conversation', async () => {
      const otherProject = await createProject(testApp);
      const stranger = await createUser(testApp, otherProject);
      const theirs = await createGroup(testApp, otherProject, stranger);
      for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid', theirs]) {
        const response = await request(testApp.http)
          .post(messagesPath(project, id))
          .set(alice.auth)
          .send({ content: 'x'.repeat(5000) })
          .expect(404);
        expect(response.body).toEqual(ERRORS.notFound);
      }
      // A token of this project is no credential on the other project at all.
      await request(testApp.http)
        .post(messagesPath(otherProject, theirs))
        .set(alice.auth)
        .send({ content: 'hi' })
        .expect(401);
    });

    it('lets the project API key send as a member named by userId', async () => {
      const response = await request(testApp.http)
        .post(path())
        .set(apiKeyAuth(project))
        .send({ userId: bob.id, content: 'from the server' })
        .expect(201);
      expect(response.body).toMatchObject({ userId: bob.id, user: { id: bob.id } });
      const missing = await request(testApp.http)
        .post(path())
        .set(apiKeyAuth(project))
        .send({ content: 'x' })
        .expect(400);
      expect(missing.body.code).toBe('chat/missing-user-id');
      const asOutsider = await request(testApp.http)
        .post(path())
        .set(apiKeyAuth(project))
        .send({ userId: outsider.id, content: 'x' })
        .expect(403);
      expect(asOutsider.body).toEqual(ERRORS.notMember);
    });

    it('refuses a user token that names another user', async () => {
      const response = await request(testApp.http)
        .post(path())
        .set(alice.auth)
        .send({ userId: bob.id, content: 'x' })
        .expect(403);
      expect(response.body.code).toBe('chat/unauthorized');
    });
  });

  it('counts 50 concurrent replies to one parent exactly', async () => {
    const parent = await sendText(testApp, project, alice, conversationId, { content: 'popular' });
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        request(testApp.http)
          .post(path())
          .set(i % 2 ? alice.auth : bob.auth)
          .send({ content: `reply ${i}`, parentMessageId: parent.id }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(201));
    const [row] = await sql(testApp, 'SELECT thread_reply_count FROM chat_messages WHERE id = $1', [parent.id]);
    expect(row.thread_reply_count).toBe(50);
    const [{ n }] = await sql(testApp, 'SELECT count(*)::int AS n FROM chat_messages WHERE parent_message_id = $1', [
      parent.id,
    ]);
    expect(n).toBe(50);
  });
});
