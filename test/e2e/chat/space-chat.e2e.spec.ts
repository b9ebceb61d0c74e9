import request from 'supertest';
import { chatState, createGroup, messagesPath, sendText, sql } from '../../support/chat.js';
import { apiKeyAuth, createProject, createUser, type TestProject, type TestUser } from '../../support/factories.js';
import { sendAs } from '../../support/send-encodings.js';
import { addMember, createSpace, type TestSpace } from '../../support/spaces.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';

const POSTING_RESTRICTED = {
  error: 'Only space admins and moderators can post in this conversation.',
  code: 'chat/posting-restricted',
};
const BANNED = { error: 'You are banned from this space.', code: 'chat/banned' };

describe('the chat of a space', () => {
  let testApp: TestApp;
  let project: TestProject;
  let admin: TestUser;
  let moderator: TestUser;
  let member: TestUser;
  let outsider: TestUser;
  let space: TestSpace;
  let conversationId: string;

  const open = (user: TestUser, path = `chat/spaces/${space.id}/conversation`) =>
    request(testApp.http).get(`${project.base}/${path}`).set(user.auth);

  beforeAll(async () => {
    testApp = await createTestApp();
    project = await createProject(testApp);
    [admin, moderator, member, outsider] = await Promise.all([
      createUser(testApp, project, { username: 'admin' }),
      createUser(testApp, project, { username: 'moderator' }),
      createUser(testApp, project, { username: 'member' }),
      createUser(testApp, project, { username: 'outsider' }),
    ]);
    space = await createSpace(testApp, project, admin, { slug: 'cats' });
    await addMember(testApp, project, space, admin, moderator, 'moderator');
    await addMember(testApp, project, space, admin, member);
    conversationId = (await open(admin).expect(200)).body.id;
    await open(moderator).expect(200);
    await open(member).expect(200);
  });
  afterAll(() => testApp.close());

  it('exists from the space’s creation, once, open to members', async () => {
    const rows = await sql(testApp, 'SELECT id, type, posting_permission FROM conversations WHERE space_id = $1', [
      space.id,
    ]);
    expect(rows).toEqual([{ id: conversationId, type: 'space', posting_permission: 'members' }]);
  });

  it('is joined lazily by any space member, at both paths, idempotently', async () => {
    const late = await createUser(testApp, project);
    await addMember(testApp, project, space, admin, late);
    const first = await open(late, `spaces/${space.id}/conversation`).expect(200);
    expect(first.body).toMatchObject({
      id: conversationId,
      type: 'space',
      spaceId: space.id,
      postingPermission: 'members',
      currentMember: { userId: late.id, role: null, isActive: true },
    });
    const again = await open(late).expect(200);
    expect(again.body.currentMember.id).toBe(first.body.currentMember.id);
    expect(again.body.memberCount).toBe(first.body.memberCount);
  });

  it('refuses users who are not members of the space, and answers 404 for an unknown space', async () => {
    expect((await open(outsider).expect(403)).body).toEqual({
      error: 'You are not a member of this space.',
      code: 'chat/not-a-member',
    });
    const unknown = await request(testApp.http)
      .get(`${project.base}/chat/spaces/00000000-0000-4000-8000-000000000000/conversation`)
      .set(member.auth)
      .expect(404);
    expect(unknown.body.code).toBe('space/not-found');
  });

  it('lets a pending member in (approval governs the space, not its chat)', async () => {
    const closed = await createSpace(testApp, project, admin, { requireJoinApproval: true });
    const waiting = await createUser(testApp, project);
    await request(testApp.http).post(`${project.base}/spaces/${closed.id}/join`).set(waiting.auth).expect(201);
    await request(testApp.http)
      .get(`${project.base}/chat/spaces/${closed.id}/conversation`)
      .set(waiting.auth)
      .expect(200);
  });

  describe('with postingPermission "admins"', () => {
    beforeAll(async () => {
      const denied = await request(testApp.http)
        .patch(`${project.base}/chat/conversations/${conversationId}`)
        .set(member.auth)
        .send({ postingPermission: 'admins' })
        .expect(403);
      expect(denied.body).toEqual({
        error: 'Only space admins and moderators can update the space conversation.',
        code: 'chat/not-a-member',
      });
      const updated = await request(testApp.http)
        .patch(`${project.base}/chat/conversations/${conversationId}`)
        .set(moderator.auth)
        .send({ postingPermission: 'admins' })
        .expect(200);
      expect(updated.body.postingPermission).toBe('admins');
    });
    afterAll(async () => {
      await request(testApp.http)
        .patch(`${project.base}/chat/conversations/${conversationId}`)
        .set(admin.auth)
        .send({ postingPermission: 'members' })
        .expect(200);
    });

    it('refuses a plain member with chat/posting-restricted, before the body, and keeps nothing', async () => {
      for (const body of [{ content: 'hello' }, { content: 'x'.repeat(5000) }]) {
        const before = await chatState(testApp, conversationId);
        const response = await request(testApp.http)
          .post(messagesPath(project, conversationId))
          .set(member.auth)
          .send(body)
          .expect(403);
        expect(response.body).toEqual(POSTING_RESTRICTED);
        expect(await chatState(testApp, conversationId)).toEqual(before);
      }
    });

    it('refuses a plain member’s multipart send too, storing nothing', async () => {
      const before = await chatState(testApp, conversationId);
      const response = await sendAs(
        testApp,
        'multipart',
        messagesPath(project, conversationId),
        member.auth,
        { content: 'file' },
        [{ name: 'a.txt', content: Buffer.from('a') }],
      ).expect(403);
      expect(response.body).toEqual(POSTING_RESTRICTED);
      expect(await chatState(testApp, conversationId)).toEqual(before);
      expect(await sql(testApp, 'SELECT count(*)::int AS n FROM files WHERE user_id = $1', [member.id])).toEqual([
        { n: 0 },
      ]);
    });

    it('lets the space’s moderators and admins post', async () => {
      await sendText(testApp, project, moderator, conversationId, { content: 'from a moderator' });
      await sendText(testApp, project, admin, conversationId, { content: 'from an admin' });
    });

    it('lets members still read', async () => {
      await request(testApp.http).get(messagesPath(project, conversationId)).set(member.auth).expect(200);
    });
  });

  it('shuts out a banned member: 403 chat/banned on sending and opening, membership ended', async () => {
    const troll = await createUser(testApp, project);
    const membershipId = await addMember(testApp, project, space, admin, troll);
    await open(troll).expect(200);
    await sendText(testApp, project, troll, conversationId, { content: 'before the ban' });

    await request(testApp.http)
      .patch(`${project.base}/spaces/${space.id}/members/${membershipId}/ban`)
      .set(moderator.auth)
      .expect(200);
    const sent = await request(testApp.http)
      .post(messagesPath(project, conversationId))
      .set(troll.auth)
      .send({ content: 'x' })
      .expect(403);
    expect(sent.body).toEqual(BANNED);
    expect((await open(troll).expect(403)).body).toEqual(BANNED);
    expect(
      (await request(testApp.http).get(messagesPath(project, conversationId)).set(troll.auth).expect(403)).body,
    ).toEqual(BANNED);
    const [row] = await sql(
      testApp,
      'SELECT is_active FROM conversation_members WHERE conversation_id = $1 AND user_id = $2',
      [conversationId, troll.id],
    );
    expect(row.is_active).toBe(false);
  });

  it('ends the chat membership of one who leaves the space', async () => {
    const leaver = await createUser(testApp, project);
    await addMember(testApp, project, space, admin, leaver);
    await open(leaver).expect(200);
    await request(testApp.http).delete(`${project.base}/spaces/${space.id}/leave`).set(leaver.auth).expect(200);
    const response = await request(testApp.http)
      .post(messagesPath(project, conversationId))
      .set(leaver.auth)
      .send({ content: 'x' })
      .expect(403);
    expect(response.body.code).toBe('chat/not-a-member');
  });

  it('lets a space moderator remove a member’s message, and only a space admin delete the conversation', async () => {
    const message = await sendText(testApp, project, member, conversationId, { content: 'off topic' });
    expect(
      (
        await request(testApp.http)
          .delete(`${messagesPath(project, conversationId)}/${message.id}`)
          .set(moderator.auth)
          .expect(200)
      ).body,
    ).toEqual({ message: 'Message removed by admin.' });

    const other = await createSpace(testApp, project, admin);
    await addMember(testApp, project, other, admin, moderator, 'moderator');
    const otherConversation = (
      await request(testApp.http)
        .get(`${project.base}/chat/spaces/${other.id}/conversation`)
        .set(moderator.auth)
        .expect(200)
    ).body.id;
    expect(
      (
        await request(testApp.http)
          .delete(`${project.base}/chat/conversations/${otherConversation}`)
          .set(moderator.auth)
          .expect(403)
      ).body,
    ).toEqual({
      error: 'Only space admins can delete the space conversation.',
      code: 'chat/not-a-member',
    });
    await request(testApp.http)
      .delete(`${project.base}/chat/conversations/${otherConversation}`)
      .set(admin.auth)
      .expect(200);
  });

  it('refreshes space mentions and refuses unknown spaces', async () => {
    const message = await sendText(testApp, project, member, conversationId, {
      content: 'see #cats',
      mentions: [{ type: 'space', id: space.id, slug: 'old-slug' }],
    });
    expect(message.mentions).toEqual([{ type: 'space', id: space.id, slug: 'cats' }]);
    const response = await request(testApp.http)
      .post(messagesPath(project, conversationId))
      .set(member.auth)
      .send({ content: 'x', mentions: [{ type: 'space', id: '00000000-0000-4000-8000-000000000000', slug: 'x' }] })
      .expect(400);
    expect(response.body.code).toBe('chat/invalid-mentions');
  });

  describe('reputation on the sender', () => {
    let child: TestSpace;
    let grandchild: TestSpace;
    let sibling: TestSpace;
    let groupId: string;

    const grant = (userId: string, spaceId: string | null, delta: number) =>
      request(testApp.http)
        .post(`${project.base}/reputation/grants`)
        .set(apiKeyAuth(project))
        .send({ userId, delta, ...(spaceId ? { spaceId } : {}) })
        .expect(201);
    const sendWith = (query: Record<string, string>, conversation = conversationId) =>
      request(testApp.http)
        .post(messagesPath(project, conversation))
        .query(query)
        .set(member.auth)
        .send({ content: 'rep' });

    beforeAll(async () => {
      child = await createSpace(testApp, project, admin, { parentSpaceId: space.id });
      grandchild = await createSpace(testApp, project, admin, { parentSpaceId: child.id });
      sibling = await createSpace(testApp, project, admin);
      await grant(member.id, space.id, 5);
      await grant(member.id, child.id, 2);
      await grant(member.id, grandchild.id, 3);
      await grant(member.id, sibling.id, 11);
      await grant(member.id, null, -7);
      groupId = await createGroup(testApp, project, member);
    });

    it.each([
      ['context (the space of the conversation)', { spaceReputationId: 'context' }, 5],
      ['a space', { spaceReputationId: 'SPACE' }, 5],
      ['a space and its descendants', { spaceReputationId: 'SPACE', spaceReputationDescendants: 'true' }, 10],
      ['none (the general bucket, not the total)', { spaceReputationId: 'none' }, -7],
      ['none, ignoring descendants', { spaceReputationId: 'none', spaceReputationDescendants: 'true' }, -7],
      ['an unknown space', { spaceReputationId: '00000000-0000-4000-8000-000000000000' }, 0],
    ])('gives the reputation in %s', async (_, query, expected) => {
      const resolved = Object.fromEntries(
        Object.entries(query).map(([key, value]) => [key, value === 'SPACE' ? space.id : value]),
      );
      const response = await sendWith(resolved).expect(201);
      expect(response.body.user).toMatchObject({ id: member.id, reputation: 14, spaceReputation: expected });
    });

    it('gives no spaceReputation unless asked, and the general bucket for context in a group', async () => {
      expect((await sendWith({}).expect(201)).body.user).not.toHaveProperty('spaceReputation');
      expect((await sendWith({ spaceReputationId: 'context' }, groupId).expect(201)).body.user.spaceReputation).toBe(
        -7,
      );
    });

    it.each([
      [{ spaceReputationId: '' }, 'space-reputation/invalid-id'],
      [{ spaceReputationId: 'general' }, 'space-reputation/invalid-id'],
      [{ spaceReputationId: 'null' }, 'space-reputation/invalid-id'],
      [
        { spaceReputationId: 'context', spaceReputationDescendants: 'true' },
        'space-reputation/descendants-not-allowed',
      ],
      [{ spaceReputationId: 'none', spaceReputationDescendants: 'yes' }, 'space-reputation/invalid-descendants'],
    ])('refuses %j before reading any conversation, even for outsiders', async (query, code) => {
      const before = await chatState(testApp, conversationId);
      const response = await request(testApp.http)
        .post(messagesPath(project, conversationId))
        .query(query)
        .set(outsider.auth)
        .send({ content: 'x' })
        .expect(400);
      expect(response.body.code).toBe(code);
      expect(await chatState(testApp, conversationId)).toEqual(before);
    });

    it('omits the field for a members-only space the viewer cannot read', async () => {
      const secret = await createSpace(testApp, project, admin, { readingPermission: 'members' });
      await grant(member.id, secret.id, 9);
      const response = await sendWith({ spaceReputationId: secret.id }, groupId).expect(201);
      expect(response.body.user).not.toHaveProperty('spaceReputation');
    });

    it('stamps the users of history and member lists too', async () => {
      const history = await request(testApp.http)
        .get(messagesPath(project, conversationId))
        .query({ spaceReputationId: 'context', limit: 1 })
        .set(admin.auth)
        .expect(200);
      expect(history.body.messages[0].user).toMatchObject({ id: member.id, spaceReputation: 5 });
      const members = await request(testApp.http)
        .get(`${project.base}/chat/conversations/${conversationId}/members`)
        .query({ spaceReputationId: space.id, spaceReputationDescendants: 'true' })
        .set(admin.auth)
        .expect(200);
      const memberRow = members.body.data.find((row: { userId: string }) => row.userId === member.id);
      expect(memberRow.user.spaceReputation).toBe(10);
    });
  });
});
