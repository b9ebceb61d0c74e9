import request from 'supertest';
import { createGroup, messagesPath, sendText, sql } from '../../support/chat.js';
import { apiKeyAuth, createProject, createUser, type TestProject, type TestUser } from '../../support/factories.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';

describe('conversations', () => {
  let testApp: TestApp;
  let project: TestProject;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;

  beforeAll(async () => {
    testApp = await createTestApp();
    project = await createProject(testApp);
    [alice, bob, carol] = await Promise.all([
      createUser(testApp, project),
      createUser(testApp, project),
      createUser(testApp, project),
    ]);
  });
  afterAll(() => testApp.close());

  const conversations = () => `${project.base}/chat/conversations`;

  describe('POST /chat/conversations (group)', () => {
    it('creates the group with the caller as admin and the others as members', async () => {
      const response = await request(testApp.http)
        .post(conversations())
        .set(alice.auth)
        .send({
          type: 'group',
          name: 'Team',
          description: 'All of us',
          memberIds: [bob.id, carol.id, alice.id],
          metadata: { x: 1 },
        })
        .expect(201);
      expect(response.body).toMatchObject({
        type: 'group',
        name: 'Team',
        description: 'All of us',
        spaceId: null,
        createdById: alice.id,
        postingPermission: null,
        lastMessageAt: null,
        metadata: { x: 1 },
        memberCount: 3,
        currentMember: { userId: alice.id, role: 'admin', isActive: true, mutedUntil: null, mutedForever: false },
      });
      const members = await sql(testApp, 'SELECT user_id, role FROM conversation_members WHERE conversation_id = $1', [
        response.body.id,
      ]);
      expect(members).toEqual(
        expect.arrayContaining([
          { user_id: alice.id, role: 'admin' },
          { user_id: bob.id, role: 'member' },
          { user_id: carol.id, role: 'member' },
        ]),
      );
      expect(members).toHaveLength(3);
    });

    it('refuses a member of another project, naming it, and creates nothing', async () => {
      const stranger = await createUser(testApp, await createProject(testApp));
      const before = await sql(testApp, 'SELECT count(*)::int AS n FROM conversations');
      const response = await request(testApp.http)
        .post(conversations())
        .set(alice.auth)
        .send({ type: 'group', memberIds: [bob.id, stranger.id] })
        .expect(400);
      expect(response.body).toMatchObject({
        error: `User '${stranger.id}' does not belong to this project.`,
        code: 'chat/invalid-member',
      });
      expect(await sql(testApp, 'SELECT count(*)::int AS n FROM conversations')).toEqual(before);
    });

    it.each([
      [{ type: 'direct' }, 'type'],
      [{ type: 'group', name: 'x'.repeat(201) }, 'name'],
      [{ type: 'group', memberIds: ['nope'] }, 'memberIds'],
    ])('validates %j', async (body, field) => {
      const response = await request(testApp.http).post(conversations()).set(alice.auth).send(body).expect(400);
      expect(response.body.field).toBe(field);
    });
  });

  describe('POST /chat/conversations/direct', () => {
    it('creates the pair’s conversation once: 201, then 200 with the same one from either side', async () => {
      const first = await request(testApp.http)
        .post(`${conversations()}/direct`)
        .set(alice.auth)
        .send({ userId: carol.id })
        .expect(201);
      expect(first.body).toMatchObject({
        type: 'direct',
        name: null,
        memberCount: 2,
        currentMember: { userId: alice.id, role: null },
      });
      const again = await request(testApp.http)
        .post(`${conversations()}/direct`)
        .set(carol.auth)
        .send({ userId: alice.id })
        .expect(200);
      expect(again.body.id).toBe(first.body.id);
    });

    it('gives concurrent requests of one pair a single conversation', async () => {
      const dan = await createUser(testApp, project);
      const responses = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          request(testApp.http)
            .post(`${conversations()}/direct`)
            .set(i % 2 ? dan.auth : bob.auth)
            .send({ userId: i % 2 ? bob.id : dan.id }),
        ),
      );
      expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
      expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    });

    it('refuses oneself and users of other projects', async () => {
      expect(
        (
          await request(testApp.http)
            .post(`${conversations()}/direct`)
            .set(alice.auth)
            .send({ userId: alice.id })
            .expect(400)
        ).body.code,
      ).toBe('chat/self-direct');
      const stranger = await createUser(testApp, await createProject(testApp));
      const response = await request(testApp.http)
        .post(`${conversations()}/direct`)
        .set(alice.auth)
        .send({ userId: stranger.id })
        .expect(400);
      expect(response.body).toMatchObject({
        error: 'Target user does not belong to this project.',
        code: 'chat/invalid-member',
      });
    });

    it('takes the acting user as actingUserId with the API key', async () => {
      const response = await request(testApp.http)
        .post(`${conversations()}/direct`)
        .set(apiKeyAuth(project))
        .send({ userId: carol.id, actingUserId: bob.id })
        .expect(201);
      expect(response.body.currentMember.userId).toBe(bob.id);
    });

    it('cannot be updated or left', async () => {
      const dm = await request(testApp.http).post(`${conversations()}/direct`).set(alice.auth).send({ userId: bob.id });
      const update = await request(testApp.http)
        .patch(`${conversations()}/${dm.body.id}`)
        .set(alice.auth)
        .send({ name: 'x' })
        .expect(400);
      expect(update.body).toEqual({ error: 'Direct conversations cannot be updated.', code: 'chat/cannot-update-dm' });
      const leave = await request(testApp.http)
        .delete(`${conversations()}/${dm.body.id}/leave`)
        .set(alice.auth)
        .expect(400);
      expect(leave.body).toEqual({ error: 'Direct conversations cannot be left.', code: 'chat/cannot-leave-dm' });
    });
  });

  describe('GET /chat/conversations/:id', () => {
    it('returns the conversation with the caller’s membership and the active member count', async () => {
      const id = await createGroup(testApp, project, alice, [bob]);
      await sendText(testApp, project, bob, id);
      const response = await request(testApp.http).get(`${conversations()}/${id}`).set(bob.auth).expect(200);
      expect(response.body).toMatchObject({ id, memberCount: 2, currentMember: { userId: bob.id, role: 'member' } });
      expect(response.body.lastMessageAt).not.toBeNull();
    });

    it('is 403 for a non-member, 404 for an unknown or malformed id', async () => {
      const id = await createGroup(testApp, project, alice);
      expect((await request(testApp.http).get(`${conversations()}/${id}`).set(carol.auth).expect(403)).body.code).toBe(
        'chat/not-a-member',
      );
      for (const unknown of ['00000000-0000-4000-8000-000000000000', 'abc']) {
        expect(
          (await request(testApp.http).get(`${conversations()}/${unknown}`).set(carol.auth).expect(404)).body,
        ).toEqual({
          error: 'Conversation not found.',
          code: 'chat/not-found',
        });
      }
    });
  });

  describe('PATCH /chat/conversations/:id', () => {
    it('lets a group admin rename it, and no one else', async () => {
      const id = await createGroup(testApp, project, alice, [bob]);
      const response = await request(testApp.http)
        .patch(`${conversations()}/${id}`)
        .set(alice.auth)
        .send({ name: 'Renamed', metadata: { a: 2 } })
        .expect(200);
      expect(response.body).toMatchObject({ id, name: 'Renamed', metadata: { a: 2 } });
      const denied = await request(testApp.http)
        .patch(`${conversations()}/${id}`)
        .set(bob.auth)
        .send({ name: 'Mine' })
        .expect(403);
      expect(denied.body).toEqual({
        error: 'Only group admins can update this conversation.',
        code: 'chat/not-a-member',
      });
    });

    it('refuses postingPermission outside space conversations with chat/invalid-field', async () => {
      const id = await createGroup(testApp, project, alice);
      const response = await request(testApp.http)
        .patch(`${conversations()}/${id}`)
        .set(alice.auth)
        .send({ postingPermission: 'admins' })
        .expect(400);
      expect(response.body).toEqual({
        error: "'postingPermission' can only be set on space conversations.",
        code: 'chat/invalid-field',
        field: 'postingPermission',
      });
      const [row] = await sql(testApp, 'SELECT posting_permission FROM conversations WHERE id = $1', [id]);
      expect(row.posting_permission).toBeNull();
    });
  });

  describe('members', () => {
    it('lets an admin add a user (201), idempotently (200), and the new member can post', async () => {
      const id = await createGroup(testApp, project, alice);
      const added = await request(testApp.http)
        .post(`${conversations()}/${id}/members`)
        .set(alice.auth)
        .send({ userId: carol.id })
        .expect(201);
      expect(added.body).toMatchObject({
        conversationId: id,
        userId: carol.id,
        role: 'member',
        isActive: true,
        user: { id: carol.id },
      });
      await request(testApp.http)
        .post(`${conversations()}/${id}/members`)
        .set(alice.auth)
        .send({ userId: carol.id })
        .expect(200);
      await sendText(testApp, project, carol, id);
    });

    it('refuses adding by non-admins, to non-groups, and of unknown users', async () => {
      const id = await createGroup(testApp, project, alice, [bob]);
      const byMember = await request(testApp.http)
        .post(`${conversations()}/${id}/members`)
        .set(bob.auth)
        .send({ userId: carol.id })
        .expect(403);
      expect(byMember.body).toEqual({ error: 'Only group admins can add members.', code: 'chat/not-a-member' });
      const dm = await request(testApp.http).post(`${conversations()}/direct`).set(alice.auth).send({ userId: bob.id });
      const toDm = await request(testApp.http)
        .post(`${conversations()}/${dm.body.id}/members`)
        .set(alice.auth)
        .send({ userId: carol.id })
        .expect(400);
      expect(toDm.body).toEqual({
        error: 'Members can only be added to group conversations.',
        code: 'chat/invalid-type',
      });
      const unknown = await request(testApp.http)
        .post(`${conversations()}/${id}/members`)
        .set(alice.auth)
        .send({ userId: '00000000-0000-4000-8000-000000000000' })
        .expect(400);
      expect(unknown.body.code).toBe('chat/invalid-member');
    });

    it('re-activates a removed member with their read marker moved to now', async () => {
      const id = await createGroup(testApp, project, alice, [bob]);
      await sendText(testApp, project, alice, id);
      await request(testApp.http)
        .delete(`${conversations()}/${id}/members/${bob.id}`)
        .set(alice.auth)
        .expect(200, { message: 'Member removed.' });
      await sendText(testApp, project, alice, id);
      const readded = await request(testApp.http)
        .post(`${conversations()}/${id}/members`)
        .set(alice.auth)
        .send({ userId: bob.id })
        .expect(201);
      expect(readded.body).toMatchObject({ isActive: true, leftAt: null });
      const [conversation] = await sql(testApp, 'SELECT last_message_at FROM conversations WHERE id = $1', [id]);
      expect(Date.parse(readded.body.lastReadAt)).toBeGreaterThanOrEqual(conversation.last_message_at.getTime());
    });

    it('removal: admins only, group only, 404 for a non-member, and the row stays as a former member', async () => {
      const id = await createGroup(testApp, project, alice, [bob, carol]);
      const byMember = await request(testApp.http)
        .delete(`${conversations()}/${id}/members/${carol.id}`)
        .set(bob.auth)
        .expect(403);
      expect(byMember.body).toEqual({ error: 'Only group admins can remove members.', code: 'chat/not-a-member' });
      await request(testApp.http).delete(`${conversations()}/${id}/members/${carol.id}`).set(alice.auth).expect(200);
      const again = await request(testApp.http)
        .delete(`${conversations()}/${id}/members/${carol.id}`)
        .set(alice.auth)
        .expect(404);
      expect(again.body).toEqual({ error: 'Member not found in this conversation.', code: 'chat/member-not-found' });
      const [row] = await sql(
        testApp,
        'SELECT is_active, left_at FROM conversation_members WHERE conversation_id = $1 AND user_id = $2',
        [id, carol.id],
      );
      expect(row.is_active).toBe(false);
      expect(row.left_at).toBeInstanceOf(Date);
    });
  });

  describe('DELETE /chat/conversations/:id/leave', () => {
    it('lets a member leave once', async () => {
      const id = await createGroup(testApp, project, alice, [bob]);
      await request(testApp.http)
        .delete(`${conversations()}/${id}/leave`)
        .set(bob.auth)
        .expect(200, { message: 'Left conversation.' });
      const again = await request(testApp.http).delete(`${conversations()}/${id}/leave`).set(bob.auth).expect(400);
      expect(again.body).toEqual({
        error: 'You are not an active member of this conversation.',
        code: 'chat/not-a-member',
      });
    });

    it('keeps the last admin until another member is promoted, but lets a lone admin go', async () => {
      const id = await createGroup(testApp, project, alice, [bob]);
      const blocked = await request(testApp.http).delete(`${conversations()}/${id}/leave`).set(alice.auth).expect(400);
      expect(blocked.body).toEqual({
        error: 'You are the last admin. Promote another member before leaving.',
        code: 'chat/last-admin',
      });
      await request(testApp.http).delete(`${conversations()}/${id}/leave`).set(bob.auth).expect(200);
      await request(testApp.http).delete(`${conversations()}/${id}/leave`).set(alice.auth).expect(200);
    });

    it('keeps reading the history up to the moment of leaving', async () => {
      const id = await createGroup(testApp, project, alice, [bob]);
      const before = await sendText(testApp, project, alice, id, { content: 'before' });
      await request(testApp.http).delete(`${conversations()}/${id}/leave`).set(bob.auth).expect(200);
      const after = await sendText(testApp, project, alice, id, { content: 'after' });
      const history = await request(testApp.http).get(messagesPath(project, id)).set(bob.auth).expect(200);
      expect(history.body.messages.map((m: { id: string }) => m.id)).toEqual([before.id]);
      await request(testApp.http)
        .get(`${messagesPath(project, id)}/${after.id}`)
        .set(bob.auth)
        .expect(404);
      await request(testApp.http)
        .get(`${messagesPath(project, id)}/${before.id}`)
        .set(bob.auth)
        .expect(200);
    });
  });
});
