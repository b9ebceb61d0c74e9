import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { apiKeyAuth, createProject, createUser, type TestProject, type TestUser } from '../support/factories.js';
import { addMember, createSpace, sql, type TestSpace } from '../support/spaces.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('reputation', () => {
  let testApp: TestApp;
  let project: TestProject;
  let other: TestProject;
  let owner: TestUser;

  beforeAll(async () => {
    testApp = await createTestApp();
    project = await createProject(testApp);
    other = await createProject(testApp);
    owner = await createUser(testApp, project);
  });
  afterAll(() => testApp.close());

  const grant = (body: Record<string, unknown>, target: TestProject = project) =>
    request(testApp.http).post(`${target.base}/reputation/grants`).set(apiKeyAuth(target)).send(body);
  const totals = async (userId: string) => {
    const [user] = await sql<{ reputation: number }>(testApp, `SELECT reputation FROM users WHERE id = $1`, [userId]);
    const buckets = await sql<{ space_id: string | null; value: number }>(
      testApp,
      `SELECT space_id, value FROM reputation_buckets WHERE user_id = $1 ORDER BY space_id NULLS FIRST`,
      [userId],
    );
    const grants = await sql(testApp, `SELECT count(*)::int AS n FROM reputation_grants WHERE user_id = $1`, [userId]);
    return { reputation: user.reputation, buckets, grants: grants[0].n as number };
  };

  describe('POST /reputation/grants', () => {
    it('adds to the general bucket and the total, and logs the grant', async () => {
      const user = await createUser(testApp, project);
      const response = await grant({ userId: user.id, delta: 7, reason: 'welcome bonus' }).expect(201);
      expect(response.body).toEqual({
        id: expect.any(String),
        userId: user.id,
        spaceId: null,
        delta: 7,
        reason: 'welcome bonus',
        createdAt: expect.any(String),
        value: 7,
        reputation: 7,
      });
      expect(await totals(user.id)).toEqual({ reputation: 7, buckets: [{ space_id: null, value: 7 }], grants: 1 });
    });

    it("adds to a space's bucket; buckets and the total may go negative", async () => {
      const user = await createUser(testApp, project);
      const space = await createSpace(testApp, project, owner);
      await grant({ userId: user.id, delta: 3 }).expect(201);
      const response = await grant({ userId: user.id, spaceId: space.id, delta: -10 }).expect(201);
      expect(response.body).toMatchObject({ spaceId: space.id, delta: -10, reason: null, value: -10, reputation: -7 });
      expect(await totals(user.id)).toEqual({
        reputation: -7,
        buckets: [
          { space_id: null, value: 3 },
          { space_id: space.id, value: -10 },
        ],
        grants: 2,
      });
      const fetched = await request(testApp.http).get(`${project.base}/users/${user.id}`).set(owner.auth).expect(200);
      expect(fetched.body.reputation).toBe(-7);
    });

    it.each([
      ['a zero delta', { delta: 0 }, 'delta'],
      ['a fractional delta', { delta: 1.5 }, 'delta'],
      ['a delta over a million', { delta: 1_000_001 }, 'delta'],
      ['a delta under minus a million', { delta: -1_000_001 }, 'delta'],
      ['a delta in a string', { delta: '5' }, 'delta'],
      ['no delta', { delta: undefined }, 'delta'],
      ['a malformed userId', { userId: 'someone' }, 'userId'],
      ['a malformed spaceId', { spaceId: 'general' }, 'spaceId'],
      ['a reason over 2000 characters', { reason: 'x'.repeat(2001) }, 'reason'],
      ['an unknown field', { note: 'hi' }, 'note'],
    ])('refuses %s with 400 reputation-grant/invalid-body and changes nothing', async (_, change, field) => {
      const user = await createUser(testApp, project);
      const response = await grant({ userId: user.id, delta: 5, ...change }).expect(400);
      expect(response.body).toMatchObject({ code: 'reputation-grant/invalid-body', field });
      expect(await totals(user.id)).toEqual({ reputation: 0, buckets: [], grants: 0 });
    });

    it('accepts the extremes of ±1,000,000', async () => {
      const user = await createUser(testApp, project);
      await grant({ userId: user.id, delta: 1_000_000 }).expect(201);
      await grant({ userId: user.id, delta: -1_000_000 }).expect(201);
      expect((await totals(user.id)).reputation).toBe(0);
    });

    it('answers an unknown user, or one of another project, with 404 reputation-grant/user-not-found', async () => {
      const foreigner = await createUser(testApp, other);
      for (const userId of [randomUUID(), foreigner.id]) {
        const response = await grant({ userId, delta: 1 }).expect(404);
        expect(response.body).toEqual({
          error: 'The user of this grant does not exist.',
          code: 'reputation-grant/user-not-found',
          field: 'userId',
        });
      }
      expect(await totals(foreigner.id)).toEqual({ reputation: 0, buckets: [], grants: 0 });
    });

    it('answers an unknown space, or one of another project, with 404 and leaves the total as it was', async () => {
      const user = await createUser(testApp, project);
      const foreignOwner = await createUser(testApp, other);
      const foreignSpace = await createSpace(testApp, other, foreignOwner);
      for (const spaceId of [randomUUID(), foreignSpace.id]) {
        const response = await grant({ userId: user.id, spaceId, delta: 4 }).expect(404);
        expect(response.body.code).toBe('reputation-grant/space-not-found');
      }
      expect(await totals(user.id)).toEqual({ reputation: 0, buckets: [], grants: 0 });
    });

    it('is for the API key only: a user token gets 403 auth/api-key-required', async () => {
      const response = await request(testApp.http)
        .post(`${project.base}/reputation/grants`)
        .set(owner.auth)
        .send({ userId: owner.id, delta: 100 })
        .expect(403);
      expect(response.body.code).toBe('auth/api-key-required');
      expect((await totals(owner.id)).reputation).toBe(0);
    });

    it('keeps the total equal to the sum of the buckets under concurrent grants', async () => {
      const user = await createUser(testApp, project);
      const spaceA = await createSpace(testApp, project, owner);
      const spaceB = await createSpace(testApp, project, owner);
      const deltas = Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? -(i + 1) : i + 1));
      const targets = [null, spaceA.id, spaceB.id];
      const responses = await Promise.all(
        deltas.map((delta, i) => grant({ userId: user.id, spaceId: targets[i % 3], delta })),
      );
      expect(responses.every((r) => r.status === 201)).toBe(true);
      const { reputation, buckets, grants } = await totals(user.id);
      const expected = deltas.reduce((sum, delta) => sum + delta, 0);
      expect(reputation).toBe(expected);
      expect(buckets.reduce((sum, bucket) => sum + bucket.value, 0)).toBe(expected);
      expect(grants).toBe(30);
      // Grants queue on the user's row, so the one that committed last reports the final total.
      expect(responses.map((r) => r.body.reputation as number)).toContain(expected);
    });
  });

  describe('spaceReputation on users', () => {
    let alice: TestUser;
    let viewer: TestUser;
    let root: TestSpace;
    let child: TestSpace;
    let grandchild: TestSpace;
    let sibling: TestSpace;
    let hidden: TestSpace;

    beforeAll(async () => {
      alice = await createUser(testApp, project);
      viewer = await createUser(testApp, project);
      root = await createSpace(testApp, project, owner);
      child = await createSpace(testApp, project, owner, { parentSpaceId: root.id });
      grandchild = await createSpace(testApp, project, owner, { parentSpaceId: child.id });
      sibling = await createSpace(testApp, project, owner, { parentSpaceId: root.id });
      hidden = await createSpace(testApp, project, owner, { readingPermission: 'members' });
      for (const [spaceId, delta] of [
        [null, 5],
        [root.id, 1],
        [child.id, 10],
        [grandchild.id, 100],
        [sibling.id, 1000],
        [hidden.id, 20000],
      ] as const) {
        await grant({ userId: alice.id, spaceId, delta }).expect(201);
      }
    });

    const fetchAlice = (query: Record<string, string>, auth: { Authorization: string } = viewer.auth) =>
      request(testApp.http).get(`${project.base}/users/${alice.id}`).query(query).set(auth);

    it('leaves the field out when not asked, and always carries the total', async () => {
      const response = await fetchAlice({}).expect(200);
      expect(response.body.reputation).toBe(21116);
      expect(response.body).not.toHaveProperty('spaceReputation');
    });

    it("gives a space's own bucket for its uuid", async () => {
      expect((await fetchAlice({ spaceReputationId: child.id }).expect(200)).body).toMatchObject({
        reputation: 21116,
        spaceReputation: 10,
      });
    });

    it('sums the space and its descendants with spaceReputationDescendants=true, siblings excluded', async () => {
      const fromChild = await fetchAlice({ spaceReputationId: child.id, spaceReputationDescendants: 'true' });
      expect(fromChild.body.spaceReputation).toBe(110);
      const fromRoot = await fetchAlice({ spaceReputationId: root.id, spaceReputationDescendants: 'true' });
      expect(fromRoot.body.spaceReputation).toBe(1111);
      const leafOnly = await fetchAlice({ spaceReputationId: grandchild.id, spaceReputationDescendants: 'true' });
      expect(leafOnly.body.spaceReputation).toBe(100);
      const explicitFalse = await fetchAlice({ spaceReputationId: root.id, spaceReputationDescendants: 'false' });
      expect(explicitFalse.body.spaceReputation).toBe(1);
    });

    it('gives the general bucket, not the total, for none (descendants ignored)', async () => {
      expect((await fetchAlice({ spaceReputationId: 'none' }).expect(200)).body.spaceReputation).toBe(5);
      const withDescendants = await fetchAlice({ spaceReputationId: 'none', spaceReputationDescendants: 'true' });
      expect(withDescendants.status).toBe(200);
      expect(withDescendants.body.spaceReputation).toBe(5);
    });

    it('gives 0 for an unknown space, or a space of another project', async () => {
      const foreignOwner = await createUser(testApp, other);
      const foreignSpace = await createSpace(testApp, other, foreignOwner);
      for (const spaceReputationId of [randomUUID(), foreignSpace.id]) {
        const response = await fetchAlice({ spaceReputationId, spaceReputationDescendants: 'true' }).expect(200);
        expect(response.body.spaceReputation).toBe(0);
      }
    });

    it("never reads another project's buckets: the same space id from another project reads 0", async () => {
      const foreigner = await createUser(testApp, other);
      const response = await request(testApp.http)
        .get(`${other.base}/users/${foreigner.id}`)
        .query({ spaceReputationId: root.id, spaceReputationDescendants: 'true' })
        .set(apiKeyAuth(other))
        .expect(200);
      expect(response.body).toMatchObject({ reputation: 0, spaceReputation: 0 });
    });

    it('ignores spaceReputationDescendants without a space id', async () => {
      const response = await fetchAlice({ spaceReputationDescendants: 'true' }).expect(200);
      expect(response.body).not.toHaveProperty('spaceReputation');
    });

    it('omits the field for a members-only space the viewer cannot read, and gives it to members and the API key', async () => {
      const outsider = await fetchAlice({ spaceReputationId: hidden.id }).expect(200);
      expect(outsider.body).not.toHaveProperty('spaceReputation');
      const member = await createUser(testApp, project);
      await addMember(testApp, project, hidden, owner, member);
      expect((await fetchAlice({ spaceReputationId: hidden.id }, member.auth)).body.spaceReputation).toBe(20000);
      expect((await fetchAlice({ spaceReputationId: hidden.id }, apiKeyAuth(project))).body.spaceReputation).toBe(
        20000,
      );
    });

    it.each([[''], ['general'], ['null'], ['abc'], ['NONE']])(
      'refuses spaceReputationId=%j with 400 space-reputation/invalid-id',
      async (spaceReputationId) => {
        const response = await fetchAlice({ spaceReputationId }).expect(400);
        expect(response.body).toEqual({
          error: "spaceReputationId must be a space id (uuid) or 'none'.",
          code: 'space-reputation/invalid-id',
          field: 'spaceReputationId',
        });
      },
    );

    it('refuses context on a user-direct endpoint with 400 space-reputation/context-not-allowed', async () => {
      const response = await fetchAlice({ spaceReputationId: 'context' }).expect(400);
      expect(response.body).toMatchObject({ code: 'space-reputation/context-not-allowed', field: 'spaceReputationId' });
    });

    it('refuses a spaceReputationDescendants other than true or false', async () => {
      const response = await fetchAlice({ spaceReputationId: root.id, spaceReputationDescendants: '1' }).expect(400);
      expect(response.body).toMatchObject({
        code: 'space-reputation/invalid-descendants',
        field: 'spaceReputationDescendants',
      });
    });

    it('checks the parameters before looking the user up, and the credentials before the parameters', async () => {
      const unknownUser = await request(testApp.http)
        .get(`${project.base}/users/${randomUUID()}`)
        .query({ spaceReputationId: 'general' })
        .set(viewer.auth)
        .expect(400);
      expect(unknownUser.body.code).toBe('space-reputation/invalid-id');
      const anonymous = await request(testApp.http)
        .get(`${project.base}/users/${alice.id}`)
        .query({ spaceReputationId: 'general' })
        .expect(401);
      expect(anonymous.body.code).toBe('auth/unauthorized');
    });

    it('works the same on users/by-foreign-id', async () => {
      const response = await request(testApp.http)
        .get(`${project.base}/users/by-foreign-id`)
        .query({ foreignId: alice.foreignId, spaceReputationId: child.id, spaceReputationDescendants: 'true' })
        .set(viewer.auth)
        .expect(200);
      expect(response.body).toMatchObject({ id: alice.id, spaceReputation: 110 });
      await request(testApp.http)
        .get(`${project.base}/users/by-foreign-id`)
        .query({ foreignId: alice.foreignId, spaceReputationId: 'context' })
        .set(viewer.auth)
        .expect(400);
    });
  });

  describe('spaceReputation on space members (a context endpoint)', () => {
    it("reads context as the listed space's bucket, for every member", async () => {
      const space = await createSpace(testApp, project, owner);
      const member = await createUser(testApp, project);
      await addMember(testApp, project, space, owner, member);
      await grant({ userId: member.id, spaceId: space.id, delta: 42 }).expect(201);
      await grant({ userId: member.id, delta: 8 }).expect(201);
      const response = await request(testApp.http)
        .get(`${project.base}/spaces/${space.id}/members`)
        .query({ spaceReputationId: 'context', limit: 10 })
        .set(member.auth)
        .expect(200);
      expect(
        response.body.data.map((m: { user: { id: string; reputation: number; spaceReputation: number } }) => [
          m.user.id,
          m.user.reputation,
          m.user.spaceReputation,
        ]),
      ).toEqual([
        [owner.id, 0, 0],
        [member.id, 50, 42],
      ]);
      const team = await request(testApp.http)
        .get(`${project.base}/spaces/${space.id}/team`)
        .query({ spaceReputationId: 'none' })
        .set(member.auth)
        .expect(200);
      expect(team.body.data[0].user.spaceReputation).toBe(0);
    });

    it('refuses context with descendants=true with 400 space-reputation/descendants-not-allowed', async () => {
      const space = await createSpace(testApp, project, owner);
      const response = await request(testApp.http)
        .get(`${project.base}/spaces/${space.id}/members`)
        .query({ spaceReputationId: 'context', spaceReputationDescendants: 'true' })
        .set(owner.auth)
        .expect(400);
      expect(response.body).toMatchObject({
        code: 'space-reputation/descendants-not-allowed',
        field: 'spaceReputationDescendants',
      });
    });
  });
});
