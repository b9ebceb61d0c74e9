import request from 'supertest';
import { createGroup, sendText, sql } from '../../support/chat.js';
import { createProject, createUser, type TestProject, type TestUser } from '../../support/factories.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';

describe('the inbox and membership routes', () => {
  let testApp: TestApp;
  let project: TestProject;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;

  beforeEach(async () => {
    testApp = await createTestApp();
    project = await createProject(testApp);
    [alice, bob, carol] = await Promise.all([
      createUser(testApp, project),
      createUser(testApp, project),
      createUser(testApp, project),
    ]);
  });
  afterEach(() => testApp.close());

  const conversations = () => `${project.base}/chat/conversations`;

  describe('GET /chat/conversations', () => {
    it('lists active conversations by latest activity, empty ones last, with unread counts and previews', async () => {
      const quiet = await createGroup(testApp, project, alice, [bob]);
      const busy = await createGroup(testApp, project, alice, [bob, carol]);
      const dm = (
        await request(testApp.http).post(`${conversations()}/direct`).set(bob.auth).send({ userId: alice.id })
      ).body.id as string;
      const parent = await sendText(testApp, project, bob, dm, { content: 'dm' });
      await sendText(testApp, project, bob, dm, { content: 'thread reply', parentMessageId: parent.id });
      // Sending moves the sender's own read marker: alice's message and everything before it is read.
      await sendText(testApp, project, bob, busy, { content: 'before alice wrote' });
      await sendText(testApp, project, alice, busy, { content: 'mine' });
      await sendText(testApp, project, bob, busy, { content: 'x'.repeat(300) });
      await sendText(testApp, project, carol, busy, { content: 'from carol' });

      const response = await request(testApp.http).get(conversations()).set(alice.auth).expect(200);
      expect(response.body.hasMore).toBe(false);
      const [first, second, third] = response.body.conversations;
      expect(response.body.conversations.map((c: { id: string }) => c.id)).toEqual([busy, dm, quiet]);
      expect(first).toMatchObject({
        id: busy,
        unreadCount: 2,
        memberCount: 3,
        lastMessagePreview: 'from carol',
        lastMessage: { content: 'from carol', user: { id: carol.id } },
        lastMessageUserId: carol.id,
        currentMember: { userId: alice.id },
      });
      // By join time; bob and carol joined in the same request, so their order between them is open.
      expect(first.otherMembers.map((u: { id: string }) => u.id).sort()).toEqual([bob.id, carol.id].sort());
      // Thread replies are not unread in the main stream, but they are the latest activity.
      expect(second).toMatchObject({
        id: dm,
        unreadCount: 1,
        lastMessagePreview: 'thread reply',
        otherMembers: [{ id: bob.id }],
      });
      expect(third).toMatchObject({ id: quiet, unreadCount: 0, lastMessage: null, lastMessageId: null });
    });

    it('shows at most five other members, the earliest to join first, and not those who left', async () => {
      const group = await createGroup(testApp, project, alice, [bob]);
      const joiners = [carol];
      for (let i = 0; i < 5; i++) joiners.push(await createUser(testApp, project));
      // One request each, so each has its own join time.
      for (const user of joiners) {
        await request(testApp.http)
          .post(`${conversations()}/${group}/members`)
          .set(alice.auth)
          .send({ userId: user.id })
          .expect(201);
      }
      await request(testApp.http).delete(`${conversations()}/${group}/leave`).set(carol.auth).expect(200);

      const response = await request(testApp.http).get(conversations()).set(alice.auth).expect(200);
      const [preview] = response.body.conversations;
      expect(preview.otherMembers.map((u: { id: string }) => u.id)).toEqual(
        [bob, ...joiners.slice(1, 5)].map((u) => u.id),
      );
    });

    it('cuts the last message to 100 characters and pages with cursor/cursorCreatedAt', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.push(await createGroup(testApp, project, alice));
      await sendText(testApp, project, alice, ids[0], { content: 'y'.repeat(150) });
      const empty = await createGroup(testApp, project, alice);

      const seen: string[] = [];
      let query: Record<string, string | number> = { limit: 2 };
      for (;;) {
        const page = await request(testApp.http).get(conversations()).query(query).set(alice.auth).expect(200);
        seen.push(...page.body.conversations.map((c: { id: string }) => c.id));
        if (page.body.conversations[0]?.id === ids[0])
          expect(page.body.conversations[0].lastMessage.content).toHaveLength(100);
        if (!page.body.hasMore) break;
        const last = page.body.conversations.at(-1);
        query = {
          limit: 2,
          cursorCreatedAt: last.createdAt,
          ...(last.lastMessageAt ? { cursor: last.lastMessageAt } : {}),
        };
      }
      expect(seen).toEqual([ids[0], empty, ids[2], ids[1]]);
    });

    it('filters by types, and leaves out conversations the user left', async () => {
      const group = await createGroup(testApp, project, alice, [bob]);
      await request(testApp.http)
        .post(`${conversations()}/direct`)
        .set(bob.auth)
        .send({ userId: alice.id })
        .expect(201);
      const onlyDirect = await request(testApp.http)
        .get(conversations())
        .query({ types: 'direct' })
        .set(bob.auth)
        .expect(200);
      expect(onlyDirect.body.conversations.map((c: { type: string }) => c.type)).toEqual(['direct']);
      await request(testApp.http).delete(`${conversations()}/${group}/leave`).set(bob.auth).expect(200);
      const all = await request(testApp.http).get(conversations()).set(bob.auth).expect(200);
      expect(all.body.conversations.map((c: { id: string }) => c.id)).not.toContain(group);
      expect(
        (await request(testApp.http).get(conversations()).query({ types: 'channel' }).set(bob.auth).expect(400)).body
          .code,
      ).toBe('chat/invalid-query');
    });
  });

  it('counts unread messages across conversations, and mark-as-read moves only forward', async () => {
    const group = await createGroup(testApp, project, alice, [bob]);
    const first = await sendText(testApp, project, alice, group, { content: '1' });
    const second = await sendText(testApp, project, alice, group, { content: '2' });
    await sendText(testApp, project, alice, await createGroup(testApp, project, alice, [bob]), {
      content: 'elsewhere',
    });
    expect((await request(testApp.http).get(`${conversations()}/unread-count`).set(bob.auth).expect(200)).body).toEqual(
      {
        totalUnread: 3,
        unreadConversationCount: 2,
      },
    );

    await request(testApp.http)
      .post(`${conversations()}/${group}/read`)
      .set(bob.auth)
      .send({ messageId: second.id })
      .expect(200, {
        message: 'Marked as read.',
      });
    await request(testApp.http)
      .post(`${conversations()}/${group}/read`)
      .set(bob.auth)
      .send({ messageId: first.id })
      .expect(200);
    const [member] = await sql(
      testApp,
      'SELECT last_read_at FROM conversation_members WHERE conversation_id = $1 AND user_id = $2',
      [group, bob.id],
    );
    expect(member.last_read_at.toISOString()).toBe(second.createdAt);
    expect((await request(testApp.http).get(`${conversations()}/unread-count`).set(bob.auth).expect(200)).body).toEqual(
      {
        totalUnread: 1,
        unreadConversationCount: 1,
      },
    );
    expect(
      (
        await request(testApp.http)
          .post(`${conversations()}/${group}/read`)
          .set(carol.auth)
          .send({ messageId: first.id })
          .expect(403)
      ).body,
    ).toEqual({
      error: 'You are not an active member of this conversation.',
      code: 'chat/not-a-member',
    });
  });

  it('mutes for a duration, forever, and unmutes', async () => {
    const group = await createGroup(testApp, project, alice, [bob]);
    const timed = await request(testApp.http)
      .post(`${conversations()}/${group}/mute`)
      .set(bob.auth)
      .send({ duration: '8h' })
      .expect(200);
    expect(timed.body.currentMember).toMatchObject({ userId: bob.id, mutedForever: false });
    expect(Date.parse(timed.body.currentMember.mutedUntil) - Date.now()).toBeGreaterThan(7.9 * 3_600_000);
    const forever = await request(testApp.http)
      .post(`${conversations()}/${group}/mute`)
      .set(bob.auth)
      .send({ duration: 'forever' })
      .expect(200);
    expect(forever.body.currentMember).toMatchObject({ mutedForever: true, mutedUntil: null });
    const off = await request(testApp.http)
      .post(`${conversations()}/${group}/mute`)
      .set(bob.auth)
      .send({ duration: null })
      .expect(200);
    expect(off.body.currentMember).toMatchObject({ mutedForever: false, mutedUntil: null });
    expect(
      (
        await request(testApp.http)
          .post(`${conversations()}/${group}/mute`)
          .set(bob.auth)
          .send({ duration: '2d' })
          .expect(400)
      ).body.code,
    ).toBe('chat/invalid-body');
    expect(
      (
        await request(testApp.http)
          .post(`${conversations()}/${group}/mute`)
          .set(carol.auth)
          .send({ duration: null })
          .expect(400)
      ).body.code,
    ).toBe('chat/not-a-member');
  });

  it('gives one conversation’s preview to a member', async () => {
    const group = await createGroup(testApp, project, alice, [bob]);
    await sendText(testApp, project, alice, group, { content: 'hello' });
    const preview = await request(testApp.http).get(`${conversations()}/${group}/preview`).set(bob.auth).expect(200);
    expect(preview.body).toMatchObject({ id: group, unreadCount: 1, lastMessagePreview: 'hello' });
    await request(testApp.http).get(`${conversations()}/${group}/preview`).set(carol.auth).expect(403);
  });

  describe('members', () => {
    it('lists active members with their users, paginated and by role', async () => {
      const group = await createGroup(testApp, project, alice, [bob, carol]);
      const page = await request(testApp.http)
        .get(`${conversations()}/${group}/members`)
        .query({ limit: 2 })
        .set(bob.auth)
        .expect(200);
      expect(page.body.pagination).toEqual({ page: 1, pageSize: 2, totalPages: 2, totalItems: 3, hasMore: true });
      expect(page.body.data[0]).toMatchObject({ userId: alice.id, role: 'admin', user: { id: alice.id } });
      const admins = await request(testApp.http)
        .get(`${conversations()}/${group}/members`)
        .query({ role: 'admin' })
        .set(bob.auth)
        .expect(200);
      expect(admins.body.data.map((m: { userId: string }) => m.userId)).toEqual([alice.id]);
    });

    it('lets an admin promote and demote, but never the last admin away', async () => {
      const group = await createGroup(testApp, project, alice, [bob]);
      const rolePath = (user: TestUser) => `${conversations()}/${group}/members/${user.id}/role`;
      expect(
        (await request(testApp.http).patch(rolePath(alice)).set(bob.auth).send({ role: 'member' }).expect(403)).body,
      ).toEqual({
        error: 'Only group admins can change member roles.',
        code: 'chat/not-a-member',
      });
      expect(
        (await request(testApp.http).patch(rolePath(alice)).set(alice.auth).send({ role: 'member' }).expect(400)).body
          .code,
      ).toBe('chat/last-admin');
      expect(
        (await request(testApp.http).patch(rolePath(bob)).set(alice.auth).send({ role: 'admin' }).expect(200)).body,
      ).toMatchObject({
        userId: bob.id,
        role: 'admin',
      });
      await request(testApp.http).patch(rolePath(alice)).set(bob.auth).send({ role: 'member' }).expect(200);
      await request(testApp.http).delete(`${conversations()}/${group}/leave`).set(alice.auth).expect(200);
    });
  });

  describe('DELETE /chat/conversations/:id', () => {
    it('lets a group admin delete the conversation with everything in it', async () => {
      const group = await createGroup(testApp, project, alice, [bob]);
      await sendText(testApp, project, bob, group);
      expect(
        (await request(testApp.http).delete(`${conversations()}/${group}`).set(bob.auth).expect(403)).body,
      ).toEqual({
        error: 'Only group admins can delete this conversation.',
        code: 'chat/not-a-member',
      });
      await request(testApp.http)
        .delete(`${conversations()}/${group}`)
        .set(alice.auth)
        .expect(200, { message: 'Conversation deleted.' });
      expect(
        await sql(testApp, 'SELECT count(*)::int AS n FROM chat_messages WHERE conversation_id = $1', [group]),
      ).toEqual([{ n: 0 }]);
      await request(testApp.http).get(`${conversations()}/${group}`).set(alice.auth).expect(404);
    });

    it('never deletes a direct conversation', async () => {
      const dm = await request(testApp.http).post(`${conversations()}/direct`).set(alice.auth).send({ userId: bob.id });
      expect(
        (await request(testApp.http).delete(`${conversations()}/${dm.body.id}`).set(alice.auth).expect(400)).body,
      ).toEqual({
        error: 'Direct conversations cannot be deleted.',
        code: 'chat/cannot-delete-dm',
      });
    });
  });
});
