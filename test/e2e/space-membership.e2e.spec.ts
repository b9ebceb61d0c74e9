import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { apiKeyAuth, createProject, createUser, type TestProject, type TestUser } from '../support/factories.js';
import { addMember, createSpace, membershipRow, sql, type TestSpace } from '../support/spaces.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('space membership', () => {
  let testApp: TestApp;
  let project: TestProject;
  let owner: TestUser;

  beforeAll(async () => {
    testApp = await createTestApp();
    project = await createProject(testApp);
    owner = await createUser(testApp, project);
  });
  afterAll(() => testApp.close());

  const base = (space: { id: string }) => `${project.base}/spaces/${space.id}`;
  const newUser = () => createUser(testApp, project);
  /** Joins (or applies to join) the space; the new membership's id. */
  const joinId = async (space: { id: string }, user: TestUser): Promise<string> =>
    (
      await request(testApp.http)
        .post(`${base(space)}/join`)
        .set(user.auth)
    ).body.membership.id as string;
  const memberCount = async (space: TestSpace) =>
    Number((await sql(testApp, `SELECT count(*) FROM space_members WHERE space_id = $1`, [space.id]))[0].count);

  describe('join', () => {
    it('makes the user an active member at once when the space needs no approval', async () => {
      const space = await createSpace(testApp, project, owner, { requireJoinApproval: false });
      const user = await newUser();
      const response = await request(testApp.http)
        .post(`${base(space)}/join`)
        .set(user.auth)
        .expect(201);
      expect(response.body).toEqual({
        message: 'Joined the space.',
        membership: {
          id: expect.any(String),
          spaceId: space.id,
          userId: user.id,
          role: 'member',
          status: 'active',
          joinedAt: expect.any(String),
        },
      });
      expect(await membershipRow(testApp, space.id, user.id)).toEqual({
        id: response.body.membership.id,
        role: 'member',
        status: 'active',
      });
    });

    it('makes a pending request when the space approves its members', async () => {
      const space = await createSpace(testApp, project, owner, { requireJoinApproval: true });
      const user = await newUser();
      const response = await request(testApp.http)
        .post(`${base(space)}/join`)
        .set(user.auth)
        .expect(201);
      expect(response.body.membership).toMatchObject({ status: 'pending', joinedAt: null });
      expect(await membershipRow(testApp, space.id, user.id)).toMatchObject({ status: 'pending' });
    });

    it('answers a second join with 409 space/already-member, whether active or pending', async () => {
      const open = await createSpace(testApp, project, owner, { requireJoinApproval: false });
      const gated = await createSpace(testApp, project, owner, { requireJoinApproval: true });
      const user = await newUser();
      for (const space of [open, gated]) {
        await request(testApp.http)
          .post(`${base(space)}/join`)
          .set(user.auth)
          .expect(201);
        const again = await request(testApp.http)
          .post(`${base(space)}/join`)
          .set(user.auth)
          .expect(409);
        expect(again.body.code).toBe('space/already-member');
        expect(await memberCount(space)).toBe(2);
      }
      const creator = await request(testApp.http)
        .post(`${base(open)}/join`)
        .set(owner.auth)
        .expect(409);
      expect(creator.body).toEqual({ error: 'You are already a member of this space.', code: 'space/already-member' });
    });

    it('gives concurrent joins of one user one membership', async () => {
      const space = await createSpace(testApp, project, owner);
      const user = await newUser();
      const responses = await Promise.all(
        Array.from({ length: 6 }, () =>
          request(testApp.http)
            .post(`${base(space)}/join`)
            .set(user.auth),
        ),
      );
      expect(responses.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
      expect(await memberCount(space)).toBe(2);
    });

    it('refuses a banned user with 403 space/banned, and lets a declined one ask again', async () => {
      const space = await createSpace(testApp, project, owner, { requireJoinApproval: true });
      const banned = await newUser();
      const declined = await newUser();
      const bannedId = await joinId(space, banned);
      await request(testApp.http)
        .patch(`${base(space)}/members/${bannedId}/ban`)
        .set(owner.auth)
        .expect(200);
      const refused = await request(testApp.http)
        .post(`${base(space)}/join`)
        .set(banned.auth)
        .expect(403);
      expect(refused.body).toEqual({ error: 'You are banned from this space.', code: 'space/banned' });
      expect(await membershipRow(testApp, space.id, banned.id)).toMatchObject({ status: 'banned' });

      const declinedId = await joinId(space, declined);
      await request(testApp.http)
        .patch(`${base(space)}/members/${declinedId}/decline`)
        .set(owner.auth)
        .expect(200);
      const again = await request(testApp.http)
        .post(`${base(space)}/join`)
        .set(declined.auth)
        .expect(201);
      expect(again.body.membership).toMatchObject({ id: declinedId, status: 'pending' });
    });

    it('answers a join of an unknown space with 404 space/not-found', async () => {
      const response = await request(testApp.http)
        .post(`${project.base}/spaces/${randomUUID()}/join`)
        .set(owner.auth)
        .expect(404);
      expect(response.body.code).toBe('space/not-found');
    });
  });

  describe('leave', () => {
    it('removes the membership of a member, and of a pending request', async () => {
      const space = await createSpace(testApp, project, owner);
      const user = await newUser();
      await addMember(testApp, project, space, owner, user);
      const response = await request(testApp.http)
        .delete(`${base(space)}/leave`)
        .set(user.auth)
        .expect(200);
      expect(response.body).toEqual({ message: 'Left the space.' });
      expect(await membershipRow(testApp, space.id, user.id)).toBeUndefined();
    });

    it('refuses the last admin with 400 space/last-admin, and lets them go once another admin exists', async () => {
      const space = await createSpace(testApp, project, owner);
      const response = await request(testApp.http)
        .delete(`${base(space)}/leave`)
        .set(owner.auth)
        .expect(400);
      expect(response.body).toEqual({
        error: 'Cannot remove the last admin. Promote another member to admin first.',
        code: 'space/last-admin',
      });
      expect(await membershipRow(testApp, space.id, owner.id)).toMatchObject({ role: 'admin', status: 'active' });

      const heir = await newUser();
      await addMember(testApp, project, space, owner, heir, 'admin');
      await request(testApp.http)
        .delete(`${base(space)}/leave`)
        .set(owner.auth)
        .expect(200);
      expect(await membershipRow(testApp, space.id, owner.id)).toBeUndefined();
    });

    it('lets exactly one of two admins leaving at once go', async () => {
      const creator = await newUser();
      const space = await createSpace(testApp, project, creator);
      const second = await newUser();
      await addMember(testApp, project, space, creator, second, 'admin');
      const responses = await Promise.all(
        [creator, second].map((user) =>
          request(testApp.http)
            .delete(`${base(space)}/leave`)
            .set(user.auth),
        ),
      );
      expect(responses.map((r) => r.status).sort()).toEqual([200, 400]);
      const admins = await sql(
        testApp,
        `SELECT count(*)::int AS n FROM space_members WHERE space_id = $1 AND role = 'admin' AND status = 'active'`,
        [space.id],
      );
      expect(admins).toEqual([{ n: 1 }]);
    });

    it('keeps a ban: a banned user cannot leave (403), and the non-member gets 404', async () => {
      const space = await createSpace(testApp, project, owner);
      const user = await newUser();
      const memberId = await addMember(testApp, project, space, owner, user);
      await request(testApp.http)
        .patch(`${base(space)}/members/${memberId}/ban`)
        .set(owner.auth)
        .expect(200);
      expect(
        (
          await request(testApp.http)
            .delete(`${base(space)}/leave`)
            .set(user.auth)
            .expect(403)
        ).body.code,
      ).toBe('space/banned');
      expect(await membershipRow(testApp, space.id, user.id)).toMatchObject({ status: 'banned' });

      const outsider = await newUser();
      const missing = await request(testApp.http)
        .delete(`${base(space)}/leave`)
        .set(outsider.auth)
        .expect(404);
      expect(missing.body).toEqual({
        error: 'You are not a member of this space.',
        code: 'space/membership-not-found',
      });
    });
  });

  describe('approve and decline', () => {
    it('lets a moderator approve a request: active, with joinedAt', async () => {
      const space = await createSpace(testApp, project, owner, { requireJoinApproval: true });
      const moderator = await newUser();
      await addMember(testApp, project, space, owner, moderator, 'moderator');
      const user = await newUser();
      const memberId = await joinId(space, user);
      const response = await request(testApp.http)
        .patch(`${base(space)}/members/${memberId}/approve`)
        .set(moderator.auth)
        .expect(200);
      expect(response.body).toEqual({
        message: 'Member approved.',
        membership: {
          id: memberId,
          spaceId: space.id,
          userId: user.id,
          role: 'member',
          status: 'active',
          joinedAt: expect.any(String),
        },
      });
      expect(await membershipRow(testApp, space.id, user.id)).toMatchObject({ status: 'active' });
    });

    it('lets an admin decline a request: rejected', async () => {
      const space = await createSpace(testApp, project, owner, { requireJoinApproval: true });
      const user = await newUser();
      const memberId = await joinId(space, user);
      const response = await request(testApp.http)
        .patch(`${base(space)}/members/${memberId}/decline`)
        .set(owner.auth)
        .expect(200);
      expect(response.body.membership).toMatchObject({ id: memberId, status: 'rejected' });
      expect(await membershipRow(testApp, space.id, user.id)).toMatchObject({ status: 'rejected' });
    });

    it('refuses a regular member (403), a request that is not pending (400), an unknown membership (404)', async () => {
      const space = await createSpace(testApp, project, owner, { requireJoinApproval: true });
      const member = await newUser();
      const memberId = await addMember(testApp, project, space, owner, member);
      const user = await newUser();
      const pendingId = await joinId(space, user);

      const forbidden = await request(testApp.http)
        .patch(`${base(space)}/members/${pendingId}/approve`)
        .set(member.auth)
        .expect(403);
      expect(forbidden.body.code).toBe('space/insufficient-permissions');
      expect(await membershipRow(testApp, space.id, user.id)).toMatchObject({ status: 'pending' });

      const active = await request(testApp.http)
        .patch(`${base(space)}/members/${memberId}/decline`)
        .set(owner.auth)
        .expect(400);
      expect(active.body).toEqual({ error: 'Membership is already active.', code: 'space/not-pending' });

      for (const id of [randomUUID(), 'nope']) {
        const missing = await request(testApp.http)
          .patch(`${base(space)}/members/${id}/approve`)
          .set(owner.auth)
          .expect(404);
        expect(missing.body).toEqual({ error: 'Membership not found.', code: 'space/membership-not-found' });
      }
    });
  });

  describe('ban, unban and remove', () => {
    let space: TestSpace;
    let admin: TestUser;
    let moderator: TestUser;
    let adminId: string;
    let moderatorId: string;

    beforeEach(async () => {
      space = await createSpace(testApp, project, owner);
      admin = await newUser();
      moderator = await newUser();
      adminId = await addMember(testApp, project, space, owner, admin, 'admin');
      moderatorId = await addMember(testApp, project, space, owner, moderator, 'moderator');
    });

    it('lets a moderator ban a regular member; banning again changes nothing', async () => {
      const user = await newUser();
      const memberId = await addMember(testApp, project, space, owner, user);
      const response = await request(testApp.http)
        .patch(`${base(space)}/members/${memberId}/ban`)
        .set(moderator.auth)
        .expect(200);
      expect(response.body).toMatchObject({
        message: 'Member banned.',
        membership: { id: memberId, status: 'banned' },
      });
      await request(testApp.http)
        .patch(`${base(space)}/members/${memberId}/ban`)
        .set(moderator.auth)
        .expect(200);
      expect(await membershipRow(testApp, space.id, user.id)).toMatchObject({ status: 'banned', role: 'member' });
    });

    it('refuses a moderator banning a moderator or an admin with 403 space/insufficient-permissions', async () => {
      const otherModerator = await newUser();
      const otherId = await addMember(testApp, project, space, owner, otherModerator, 'moderator');
      for (const id of [otherId, adminId]) {
        const response = await request(testApp.http)
          .patch(`${base(space)}/members/${id}/ban`)
          .set(moderator.auth)
          .expect(403);
        expect(response.body).toEqual({
          error: 'Moderators can only remove regular members.',
          code: 'space/insufficient-permissions',
        });
      }
      expect(await membershipRow(testApp, space.id, otherModerator.id)).toMatchObject({ status: 'active' });
    });

    it('lets only the creator ban an admin (403 space/creator-required otherwise)', async () => {
      const ownerId = (await membershipRow(testApp, space.id, owner.id))!.id;
      const refused = await request(testApp.http)
        .patch(`${base(space)}/members/${ownerId}/ban`)
        .set(admin.auth)
        .expect(403);
      expect(refused.body).toEqual({ error: 'Only the space creator can ban admins.', code: 'space/creator-required' });
      expect(await membershipRow(testApp, space.id, owner.id)).toMatchObject({ status: 'active' });

      await request(testApp.http)
        .patch(`${base(space)}/members/${adminId}/ban`)
        .set(owner.auth)
        .expect(200);
      expect(await membershipRow(testApp, space.id, admin.id)).toMatchObject({ status: 'banned' });
    });

    it('lets an admin ban a moderator, and refuses anyone banning themselves', async () => {
      await request(testApp.http)
        .patch(`${base(space)}/members/${moderatorId}/ban`)
        .set(admin.auth)
        .expect(200);
      const self = await request(testApp.http)
        .patch(`${base(space)}/members/${adminId}/ban`)
        .set(admin.auth)
        .expect(400);
      expect(self.body.code).toBe('space/cannot-target-self');
      expect(await membershipRow(testApp, space.id, admin.id)).toMatchObject({ status: 'active' });
    });

    it('refuses a regular member banning anyone', async () => {
      const user = await newUser();
      await addMember(testApp, project, space, owner, user);
      const response = await request(testApp.http)
        .patch(`${base(space)}/members/${moderatorId}/ban`)
        .set(user.auth)
        .expect(403);
      expect(response.body.code).toBe('space/insufficient-permissions');
    });

    it('unbans: active again; moderators unban regular members only', async () => {
      const user = await newUser();
      const memberId = await addMember(testApp, project, space, owner, user);
      await request(testApp.http)
        .patch(`${base(space)}/members/${memberId}/ban`)
        .set(owner.auth)
        .expect(200);
      await request(testApp.http)
        .patch(`${base(space)}/members/${moderatorId}/ban`)
        .set(owner.auth)
        .expect(200);

      const refused = await request(testApp.http)
        .patch(`${base(space)}/members/${moderatorId}/unban`)
        .set(admin.auth)
        .expect(200);
      expect(refused.body.membership.status).toBe('active');
      await request(testApp.http)
        .patch(`${base(space)}/members/${moderatorId}/ban`)
        .set(owner.auth)
        .expect(200);
      const otherModerator = await newUser();
      await addMember(testApp, project, space, owner, otherModerator, 'moderator');
      const forbidden = await request(testApp.http)
        .patch(`${base(space)}/members/${moderatorId}/unban`)
        .set(otherModerator.auth)
        .expect(403);
      expect(forbidden.body).toEqual({
        error: 'Moderators can only unban regular members.',
        code: 'space/insufficient-permissions',
      });

      const response = await request(testApp.http)
        .patch(`${base(space)}/members/${memberId}/unban`)
        .set(otherModerator.auth)
        .expect(200);
      expect(response.body).toMatchObject({ message: 'Member unbanned.', membership: { status: 'active' } });
      expect(await membershipRow(testApp, space.id, user.id)).toMatchObject({ status: 'active' });

      const notBanned = await request(testApp.http)
        .patch(`${base(space)}/members/${memberId}/unban`)
        .set(owner.auth)
        .expect(404);
      expect(notBanned.body).toEqual({ error: 'Banned membership not found.', code: 'space/membership-not-found' });
    });

    it('removes a member, who may then join again', async () => {
      const user = await newUser();
      const memberId = await addMember(testApp, project, space, owner, user);
      const response = await request(testApp.http)
        .delete(`${base(space)}/members/${memberId}`)
        .set(moderator.auth)
        .expect(200);
      expect(response.body).toEqual({ message: 'Member removed.' });
      expect(await membershipRow(testApp, space.id, user.id)).toBeUndefined();
      await request(testApp.http)
        .post(`${base(space)}/join`)
        .set(user.auth)
        .expect(201);
    });

    it('applies the ban rules to removal: only the creator removes an admin', async () => {
      const refused = await request(testApp.http)
        .delete(`${base(space)}/members/${adminId}`)
        .set(moderator.auth)
        .expect(403);
      expect(refused.body.code).toBe('space/insufficient-permissions');
      const ownerId = (await membershipRow(testApp, space.id, owner.id))!.id;
      const notCreator = await request(testApp.http)
        .delete(`${base(space)}/members/${ownerId}`)
        .set(admin.auth)
        .expect(403);
      expect(notCreator.body).toEqual({
        error: 'Only the space creator can remove admins.',
        code: 'space/creator-required',
      });
      expect(await membershipRow(testApp, space.id, owner.id)).toMatchObject({ role: 'admin', status: 'active' });
    });
  });

  describe('roles', () => {
    it('lets an admin promote a member to moderator and to admin', async () => {
      const space = await createSpace(testApp, project, owner);
      const user = await newUser();
      const memberId = await addMember(testApp, project, space, owner, user);
      const response = await request(testApp.http)
        .patch(`${base(space)}/members/${memberId}/role`)
        .set(owner.auth)
        .send({ role: 'moderator' })
        .expect(200);
      expect(response.body).toEqual({
        message: 'Member role updated.',
        membership: {
          id: memberId,
          spaceId: space.id,
          userId: user.id,
          role: 'moderator',
          status: 'active',
          joinedAt: expect.any(String),
        },
      });
      await request(testApp.http)
        .patch(`${base(space)}/members/${memberId}/role`)
        .set(owner.auth)
        .send({ role: 'admin' })
        .expect(200);
      expect(await membershipRow(testApp, space.id, user.id)).toMatchObject({ role: 'admin' });
    });

    it('refuses role changes to moderators, and invalid roles', async () => {
      const space = await createSpace(testApp, project, owner);
      const moderator = await newUser();
      await addMember(testApp, project, space, owner, moderator, 'moderator');
      const user = await newUser();
      const memberId = await addMember(testApp, project, space, owner, user);
      const forbidden = await request(testApp.http)
        .patch(`${base(space)}/members/${memberId}/role`)
        .set(moderator.auth)
        .send({ role: 'moderator' })
        .expect(403);
      expect(forbidden.body).toEqual({
        error: 'Only admins of this space can change member roles.',
        code: 'space/insufficient-permissions',
      });
      const invalid = await request(testApp.http)
        .patch(`${base(space)}/members/${memberId}/role`)
        .set(owner.auth)
        .send({ role: 'owner' })
        .expect(400);
      expect(invalid.body).toMatchObject({ code: 'space/invalid-body', field: 'role' });
      expect(await membershipRow(testApp, space.id, user.id)).toMatchObject({ role: 'member' });
    });

    it('refuses a role for a pending request with 400 space/membership-not-active', async () => {
      const space = await createSpace(testApp, project, owner, { requireJoinApproval: true });
      const user = await newUser();
      const memberId = await joinId(space, user);
      const response = await request(testApp.http)
        .patch(`${base(space)}/members/${memberId}/role`)
        .set(owner.auth)
        .send({ role: 'moderator' })
        .expect(400);
      expect(response.body.code).toBe('space/membership-not-active');
    });

    it('never demotes the last admin, and lets only the creator demote another admin', async () => {
      const space = await createSpace(testApp, project, owner);
      const ownerId = (await membershipRow(testApp, space.id, owner.id))!.id;
      const last = await request(testApp.http)
        .patch(`${base(space)}/members/${ownerId}/role`)
        .set(owner.auth)
        .send({ role: 'member' })
        .expect(400);
      expect(last.body.code).toBe('space/last-admin');

      const admin = await newUser();
      const adminId = await addMember(testApp, project, space, owner, admin, 'admin');
      const notCreator = await request(testApp.http)
        .patch(`${base(space)}/members/${ownerId}/role`)
        .set(admin.auth)
        .send({ role: 'member' })
        .expect(403);
      expect(notCreator.body).toEqual({
        error: 'Only the space creator can demote admins.',
        code: 'space/creator-required',
      });
      await request(testApp.http)
        .patch(`${base(space)}/members/${adminId}/role`)
        .set(owner.auth)
        .send({ role: 'moderator' })
        .expect(200);
      expect(await membershipRow(testApp, space.id, admin.id)).toMatchObject({ role: 'moderator' });
      expect(await membershipRow(testApp, space.id, owner.id)).toMatchObject({ role: 'admin' });
    });

    it('keeps one admin when two admins step down at once', async () => {
      const space = await createSpace(testApp, project, owner);
      const admin = await newUser();
      const adminId = await addMember(testApp, project, space, owner, admin, 'admin');
      const ownerId = (await membershipRow(testApp, space.id, owner.id))!.id;
      const responses = await Promise.all(
        [
          [owner, ownerId],
          [admin, adminId],
        ].map(([user, id]) =>
          request(testApp.http)
            .patch(`${base(space)}/members/${id as string}/role`)
            .set((user as TestUser).auth)
            .send({ role: 'member' }),
        ),
      );
      expect(responses.map((r) => r.status).sort()).toEqual([200, 400]);
      const admins = await sql(
        testApp,
        `SELECT count(*)::int AS n FROM space_members WHERE space_id = $1 AND role = 'admin' AND status = 'active'`,
        [space.id],
      );
      expect(admins).toEqual([{ n: 1 }]);
    });
  });

  describe('lists', () => {
    it('pages through active members in join order, with their public user, filtered by role', async () => {
      const space = await createSpace(testApp, project, owner);
      const users = [await newUser(), await newUser(), await newUser()];
      for (const user of users) await addMember(testApp, project, space, owner, user);
      await request(testApp.http)
        .patch(`${base(space)}/members/${(await membershipRow(testApp, space.id, users[2].id))!.id}/role`)
        .set(owner.auth)
        .send({ role: 'moderator' })
        .expect(200);

      const page = await request(testApp.http)
        .get(`${base(space)}/members`)
        .query({ page: 2, limit: 2 })
        .set(users[0].auth)
        .expect(200);
      expect(page.body.pagination).toEqual({ page: 2, pageSize: 2, totalPages: 2, totalItems: 4, hasMore: false });
      expect(page.body.data).toEqual([
        {
          membershipId: expect.any(String),
          role: 'member',
          status: 'active',
          joinedAt: expect.any(String),
          user: {
            id: users[1].id,
            projectId: project.projectId,
            foreignId: users[1].foreignId,
            name: users[1].name,
            username: users[1].username,
            avatar: null,
            metadata: {},
            reputation: 0,
            createdAt: users[1].createdAt,
          },
        },
        expect.objectContaining({ role: 'moderator', user: expect.objectContaining({ id: users[2].id }) }),
      ]);

      const moderators = await request(testApp.http)
        .get(`${base(space)}/members`)
        .query({ role: 'moderator' })
        .set(users[0].auth)
        .expect(200);
      expect(moderators.body.data.map((m: { user: { id: string } }) => m.user.id)).toEqual([users[2].id]);

      const bad = await request(testApp.http)
        .get(`${base(space)}/members`)
        .query({ status: 'gone' })
        .set(users[0].auth)
        .expect(400);
      expect(bad.body).toMatchObject({ code: 'space/invalid-query', field: 'status' });
    });

    it('shows pending requests to moderators and the API key only', async () => {
      const space = await createSpace(testApp, project, owner, { requireJoinApproval: true });
      const member = await newUser();
      await addMember(testApp, project, space, owner, member);
      const applicant = await newUser();
      await request(testApp.http)
        .post(`${base(space)}/join`)
        .set(applicant.auth)
        .expect(201);

      const asOwner = await request(testApp.http)
        .get(`${base(space)}/members`)
        .query({ status: 'pending' })
        .set(owner.auth)
        .expect(200);
      expect(asOwner.body.data.map((m: { user: { id: string } }) => m.user.id)).toEqual([applicant.id]);
      await request(testApp.http)
        .get(`${base(space)}/members`)
        .query({ status: 'pending' })
        .set(apiKeyAuth(project))
        .expect(200);
      const asMember = await request(testApp.http)
        .get(`${base(space)}/members`)
        .query({ status: 'pending' })
        .set(member.auth)
        .expect(403);
      expect(asMember.body.code).toBe('space/insufficient-permissions');
    });

    it('shows the members of a members-only space to its members only', async () => {
      const space = await createSpace(testApp, project, owner, { readingPermission: 'members' });
      const outsider = await newUser();
      const response = await request(testApp.http)
        .get(`${base(space)}/members`)
        .set(outsider.auth)
        .expect(403);
      expect(response.body).toEqual({
        error: 'Only members of this space can see its members.',
        code: 'space/not-a-member',
      });
      await request(testApp.http)
        .get(`${base(space)}/team`)
        .set(outsider.auth)
        .expect(403);
      await request(testApp.http)
        .get(`${base(space)}/members`)
        .set(owner.auth)
        .expect(200);
    });

    it('lists the team: active admins first, then moderators', async () => {
      const space = await createSpace(testApp, project, owner);
      const moderator = await newUser();
      const admin = await newUser();
      const member = await newUser();
      await addMember(testApp, project, space, owner, moderator, 'moderator');
      await addMember(testApp, project, space, owner, admin, 'admin');
      await addMember(testApp, project, space, owner, member);
      const response = await request(testApp.http)
        .get(`${base(space)}/team`)
        .set(member.auth)
        .expect(200);
      expect(response.body.data.map((m: { role: string; user: { id: string } }) => [m.role, m.user.id])).toEqual([
        ['admin', owner.id],
        ['admin', admin.id],
        ['moderator', moderator.id],
      ]);
    });
  });

  describe('membership/me', () => {
    it('describes an admin, a pending applicant and a stranger', async () => {
      const space = await createSpace(testApp, project, owner, {
        requireJoinApproval: true,
        readingPermission: 'members',
      });
      const asAdmin = await request(testApp.http)
        .get(`${base(space)}/membership/me`)
        .set(owner.auth)
        .expect(200);
      expect(asAdmin.body).toEqual({
        isMember: true,
        role: 'admin',
        status: 'active',
        joinedAt: expect.any(String),
        permissions: { canPost: true, canModerate: true, canRead: true, isAdmin: true, isModerator: true },
      });

      const applicant = await newUser();
      await request(testApp.http)
        .post(`${base(space)}/join`)
        .set(applicant.auth)
        .expect(201);
      const asApplicant = await request(testApp.http)
        .get(`${base(space)}/membership/me`)
        .set(applicant.auth)
        .expect(200);
      expect(asApplicant.body).toEqual({
        isMember: false,
        role: 'member',
        status: 'pending',
        joinedAt: null,
        permissions: { canPost: false, canModerate: false, canRead: false, isAdmin: false, isModerator: false },
      });

      const stranger = await newUser();
      const asStranger = await request(testApp.http)
        .get(`${base(space)}/membership/me`)
        .set(stranger.auth)
        .expect(200);
      expect(asStranger.body).toEqual({
        isMember: false,
        role: null,
        status: null,
        joinedAt: null,
        permissions: { canPost: false, canModerate: false, canRead: false, isAdmin: false, isModerator: false },
      });
    });

    it('needs a user: an API key without userId is refused', async () => {
      const space = await createSpace(testApp, project, owner);
      const response = await request(testApp.http)
        .get(`${base(space)}/membership/me`)
        .set(apiKeyAuth(project))
        .expect(400);
      expect(response.body.code).toBe('chat/missing-user-id');
      const named = await request(testApp.http)
        .get(`${base(space)}/membership/me`)
        .query({ userId: owner.id })
        .set(apiKeyAuth(project))
        .expect(200);
      expect(named.body.role).toBe('admin');
    });
  });
});
