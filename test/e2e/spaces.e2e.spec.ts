import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { apiKeyAuth, createProject, createUser, type TestProject, type TestUser } from '../support/factories.js';
import { addMember, createSpace, membershipRow, sql } from '../support/spaces.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const ISO = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

describe('spaces', () => {
  let testApp: TestApp;
  let project: TestProject;
  let other: TestProject;
  let owner: TestUser;
  let stranger: TestUser;

  beforeAll(async () => {
    testApp = await createTestApp();
    project = await createProject(testApp);
    other = await createProject(testApp);
    owner = await createUser(testApp, project);
    stranger = await createUser(testApp, project);
  });
  afterAll(() => testApp.close());

  const spaces = () => `${project.base}/spaces`;
  const countSpaces = async () => Number((await sql(testApp, `SELECT count(*) FROM spaces`))[0].count);

  describe('create', () => {
    it('creates a root space with its creator as its only, active admin', async () => {
      const response = await request(testApp.http)
        .post(spaces())
        .set(owner.auth)
        .send({ name: '  Rust Lovers ', slug: 'rust-lovers', description: 'All things Rust', metadata: { a: 1 } })
        .expect(201);
      expect(response.body).toEqual({
        id: expect.any(String),
        projectId: project.projectId,
        slug: 'rust-lovers',
        name: 'Rust Lovers',
        description: 'All things Rust',
        userId: owner.id,
        readingPermission: 'anyone',
        requireJoinApproval: true,
        parentSpaceId: null,
        depth: 0,
        metadata: { a: 1 },
        membersCount: 1,
        childSpacesCount: 0,
        isMember: true,
        createdAt: ISO,
        updatedAt: ISO,
      });
      const id = response.body.id as string;
      expect(await sql(testApp, `SELECT user_id, role, status FROM space_members WHERE space_id = $1`, [id])).toEqual([
        { user_id: owner.id, role: 'admin', status: 'active' },
      ]);
      expect(
        await sql(testApp, `SELECT ancestor_id, distance FROM space_closure WHERE descendant_id = $1`, [id]),
      ).toEqual([{ ancestor_id: id, distance: 0 }]);
    });

    it('lets an API key create a space for the user it names', async () => {
      const response = await request(testApp.http)
        .post(spaces())
        .set(apiKeyAuth(project))
        .send({ userId: owner.id, name: 'Made by the server' })
        .expect(201);
      expect(response.body.userId).toBe(owner.id);
    });

    it('treats the nulls the official client sends as absent fields', async () => {
      const response = await request(testApp.http)
        .post(spaces())
        .set(owner.auth)
        .send({ name: 'Nulls', slug: null, description: null, metadata: null, parentSpaceId: null })
        .expect(201);
      expect(response.body).toMatchObject({ slug: null, description: null, metadata: {}, parentSpaceId: null });
    });

    it.each([
      ['a name of 2 characters', { name: 'ab' }, 'name'],
      ['a name that is short once trimmed', { name: '   a   ' }, 'name'],
      ['a name of 101 characters', { name: 'x'.repeat(101) }, 'name'],
      ['a name that is not a string', { name: 42 }, 'name'],
      ['a slug with a space', { name: 'Fine', slug: 'has space' }, 'slug'],
      ['a slug of 101 characters', { name: 'Fine', slug: 'x'.repeat(101) }, 'slug'],
      ['a description of 1001 characters', { name: 'Fine', description: 'x'.repeat(1001) }, 'description'],
      ['an unknown reading permission', { name: 'Fine', readingPermission: 'nobody' }, 'readingPermission'],
      ['a non-boolean requireJoinApproval', { name: 'Fine', requireJoinApproval: 'yes' }, 'requireJoinApproval'],
      ['array metadata', { name: 'Fine', metadata: [1] }, 'metadata'],
      ['a malformed parentSpaceId', { name: 'Fine', parentSpaceId: 'not-a-uuid' }, 'parentSpaceId'],
      ['an unknown field', { name: 'Fine', visibility: 'public' }, 'visibility'],
    ])('refuses %s with 400 on that field and creates nothing', async (_, body, field) => {
      const before = await countSpaces();
      const response = await request(testApp.http).post(spaces()).set(owner.auth).send(body).expect(400);
      expect(response.body).toMatchObject({ code: 'space/invalid-body', field, error: expect.any(String) });
      expect(await countSpaces()).toBe(before);
    });

    it('keeps slugs unique per project: 409 space/slug-taken, but free in another project', async () => {
      await createSpace(testApp, project, owner, { slug: 'café_club' });
      const before = await countSpaces();
      const taken = await request(testApp.http)
        .post(spaces())
        .set(stranger.auth)
        .send({ name: 'Again', slug: 'café_club' })
        .expect(409);
      expect(taken.body).toEqual({
        error: 'A space with this slug already exists.',
        code: 'space/slug-taken',
        field: 'slug',
      });
      expect(await countSpaces()).toBe(before);
      const otherUser = await createUser(testApp, other);
      await createSpace(testApp, other, otherUser, { slug: 'café_club' });
    });
    it('gives one of several concurrent creations with one slug the slug, and 409 to the others', async () => {
      const slug = `race-${randomUUID()}`;
      const responses = await Promise.all(
        Array.from({ length: 5 }, () =>
          request(testApp.http).post(spaces()).set(owner.auth).send({ name: 'Racer', slug }),
        ),
      );
      expect(responses.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
      expect(await sql(testApp, `SELECT count(*)::int AS n FROM spaces WHERE slug = $1`, [slug])).toEqual([{ n: 1 }]);
    });
  });

  describe('hierarchy', () => {
    it('lets an admin of the parent create a child, one level deeper, with its ancestors recorded', async () => {
      const root = await createSpace(testApp, project, owner);
      const child = await createSpace(testApp, project, owner, { parentSpaceId: root.id });
      const grandchild = await createSpace(testApp, project, owner, { parentSpaceId: child.id });
      expect(grandchild).toMatchObject({ parentSpaceId: child.id, depth: 2 });
      const closure = await sql(
        testApp,
        `SELECT ancestor_id, distance FROM space_closure WHERE descendant_id = $1 ORDER BY distance`,
        [grandchild.id],
      );
      expect(closure).toEqual([
        { ancestor_id: grandchild.id, distance: 0 },
        { ancestor_id: child.id, distance: 1 },
        { ancestor_id: root.id, distance: 2 },
      ]);
    });

    it.each(['member', 'moderator'] as const)(
      'refuses a child space to a %s of the parent with 403 space/parent-admin-required',
      async (role) => {
        const root = await createSpace(testApp, project, owner);
        const user = await createUser(testApp, project);
        await addMember(testApp, project, root, owner, user, role);
        const before = await countSpaces();
        const response = await request(testApp.http)
          .post(spaces())
          .set(user.auth)
          .send({ name: 'Child', parentSpaceId: root.id })
          .expect(403);
        expect(response.body).toEqual({
          error: 'Only admins of the parent space can create child spaces.',
          code: 'space/parent-admin-required',
        });
        expect(await countSpaces()).toBe(before);
      },
    );

    it('refuses a child space to a banned admin of the parent', async () => {
      const root = await createSpace(testApp, project, owner);
      const admin = await createUser(testApp, project);
      const memberId = await addMember(testApp, project, root, owner, admin, 'admin');
      await request(testApp.http).patch(`${spaces()}/${root.id}/members/${memberId}/ban`).set(owner.auth).expect(200);
      await request(testApp.http)
        .post(spaces())
        .set(admin.auth)
        .send({ name: 'Child', parentSpaceId: root.id })
        .expect(403);
    });

    it('answers an unknown parent, or one of another project, with 404 space/parent-not-found', async () => {
      const otherUser = await createUser(testApp, other);
      const foreign = await createSpace(testApp, other, otherUser);
      for (const parentSpaceId of [randomUUID(), foreign.id]) {
        const response = await request(testApp.http)
          .post(spaces())
          .set(owner.auth)
          .send({ name: 'Orphan', parentSpaceId })
          .expect(404);
        expect(response.body).toEqual({
          error: 'Parent space not found.',
          code: 'space/parent-not-found',
          field: 'parentSpaceId',
        });
      }
    });

    it('allows depth 10 and refuses an eleventh level with 400 space/max-depth-exceeded', async () => {
      let parent = await createSpace(testApp, project, owner);
      for (let depth = 1; depth <= 10; depth++) {
        parent = await createSpace(testApp, project, owner, { parentSpaceId: parent.id });
        expect(parent.depth).toBe(depth);
      }
      const before = await countSpaces();
      const response = await request(testApp.http)
        .post(spaces())
        .set(owner.auth)
        .send({ name: 'Too deep', parentSpaceId: parent.id })
        .expect(400);
      expect(response.body).toEqual({
        error: 'Maximum nesting depth (10) exceeded.',
        code: 'space/max-depth-exceeded',
        field: 'parentSpaceId',
      });
      expect(await countSpaces()).toBe(before);
      const ancestors = await sql(testApp, `SELECT count(*)::int AS n FROM space_closure WHERE descendant_id = $1`, [
        parent.id,
      ]);
      expect(ancestors).toEqual([{ n: 11 }]);
    });

    it("adds the parent's active admins and moderators to a new child in the same roles, and nobody else", async () => {
      const root = await createSpace(testApp, project, owner);
      const [admin, moderator, member, bannedModerator, pending] = await Promise.all(
        Array.from({ length: 5 }, () => createUser(testApp, project)),
      );
      await addMember(testApp, project, root, owner, admin, 'admin');
      await addMember(testApp, project, root, owner, moderator, 'moderator');
      await addMember(testApp, project, root, owner, member);
      const bannedId = await addMember(testApp, project, root, owner, bannedModerator, 'moderator');
      await request(testApp.http).patch(`${spaces()}/${root.id}/members/${bannedId}/ban`).set(owner.auth).expect(200);
      await request(testApp.http).patch(`${spaces()}/${root.id}`).set(owner.auth).send({ requireJoinApproval: true });
      await request(testApp.http).post(`${spaces()}/${root.id}/join`).set(pending.auth).expect(201);

      const child = await createSpace(testApp, project, admin, { parentSpaceId: root.id });
      const rows = await sql<{ user_id: string; role: string; status: string }>(
        testApp,
        `SELECT user_id, role, status FROM space_members WHERE space_id = $1`,
        [child.id],
      );
      const byUser = Object.fromEntries(rows.map((row) => [row.user_id, [row.role, row.status]]));
      expect(byUser).toEqual({
        [admin.id]: ['admin', 'active'],
        [owner.id]: ['admin', 'active'],
        [moderator.id]: ['moderator', 'active'],
      });
      expect((await request(testApp.http).get(`${spaces()}/${child.id}`).set(admin.auth)).body.userId).toBe(admin.id);
    });

    it('cannot form a cycle: a space never changes parent, even through SQL', async () => {
      const root = await createSpace(testApp, project, owner);
      const child = await createSpace(testApp, project, owner, { parentSpaceId: root.id });
      await expect(
        sql(testApp, `UPDATE spaces SET parent_space_id = $1, depth = 2 WHERE id = $2`, [child.id, root.id]),
      ).rejects.toThrow(/cannot change after creation/);
      const patched = await request(testApp.http)
        .patch(`${spaces()}/${root.id}`)
        .set(owner.auth)
        .send({ parentSpaceId: child.id })
        .expect(400);
      expect(patched.body).toMatchObject({ code: 'space/invalid-body', field: 'parentSpaceId' });
      expect(await sql(testApp, `SELECT parent_space_id FROM spaces WHERE id = $1`, [root.id])).toEqual([
        { parent_space_id: null },
      ]);
    });
  });

  describe('read', () => {
    it('shows a space with the caller’s permissions, its parent and its children', async () => {
      const root = await createSpace(testApp, project, owner, { name: 'Root' });
      const space = await createSpace(testApp, project, owner, { name: 'Middle', parentSpaceId: root.id });
      const leaf = await createSpace(testApp, project, owner, {
        name: 'Leaf',
        slug: `leaf-${space.id}`,
        parentSpaceId: space.id,
      });

      const asOwner = await request(testApp.http).get(`${spaces()}/${space.id}`).set(owner.auth).expect(200);
      expect(asOwner.body).toMatchObject({
        id: space.id,
        depth: 1,
        membersCount: 1,
        childSpacesCount: 1,
        isMember: true,
        memberPermissions: {
          isAdmin: true,
          isModerator: true,
          isMember: true,
          status: 'active',
          canPost: true,
          canModerate: true,
          canRead: true,
        },
        parentSpace: {
          id: root.id,
          name: 'Root',
          slug: null,
          readingPermission: 'anyone',
          parentSpaceId: null,
          depth: 0,
        },
        childSpaces: [
          {
            id: leaf.id,
            name: 'Leaf',
            slug: `leaf-${space.id}`,
            readingPermission: 'anyone',
            parentSpaceId: space.id,
            depth: 2,
          },
        ],
      });

      const asStranger = await request(testApp.http).get(`${spaces()}/${space.id}`).set(stranger.auth).expect(200);
      expect(asStranger.body).toMatchObject({ isMember: false, memberPermissions: null });

      const asServer = await request(testApp.http).get(`${spaces()}/${space.id}`).set(apiKeyAuth(project)).expect(200);
      expect(asServer.body.memberPermissions).toBeNull();
      expect(asServer.body).not.toHaveProperty('isMember');
    });

    it('answers a malformed, unknown or foreign space id with 404 space/not-found', async () => {
      const otherUser = await createUser(testApp, other);
      const foreign = await createSpace(testApp, other, otherUser);
      for (const id of ['nope', randomUUID(), foreign.id]) {
        const response = await request(testApp.http).get(`${spaces()}/${id}`).set(owner.auth).expect(404);
        expect(response.body).toEqual({ error: 'Space not found.', code: 'space/not-found' });
      }
    });

    it('lists direct children a page at a time, with isMember for the caller', async () => {
      const root = await createSpace(testApp, project, owner);
      const children = [];
      for (let i = 0; i < 3; i++) children.push(await createSpace(testApp, project, owner, { parentSpaceId: root.id }));
      await createSpace(testApp, project, owner, { parentSpaceId: children[0].id });
      await addMember(testApp, project, children[1], owner, stranger);

      const first = await request(testApp.http)
        .get(`${spaces()}/${root.id}/children`)
        .query({ page: 1, limit: 2, include: 'files' })
        .set(stranger.auth)
        .expect(200);
      expect(first.body.data.map((space: { id: string }) => space.id)).toEqual([children[0].id, children[1].id]);
      expect(first.body.data.map((space: { isMember: boolean }) => space.isMember)).toEqual([false, true]);
      expect(first.body.data[0].childSpacesCount).toBe(1);
      expect(first.body.pagination).toEqual({ page: 1, pageSize: 2, totalPages: 2, totalItems: 3, hasMore: true });

      const second = await request(testApp.http)
        .get(`${spaces()}/${root.id}/children`)
        .query({ page: 2, limit: 2 })
        .set(stranger.auth)
        .expect(200);
      expect(second.body.data.map((space: { id: string }) => space.id)).toEqual([children[2].id]);
      expect(second.body.pagination.hasMore).toBe(false);

      const bad = await request(testApp.http)
        .get(`${spaces()}/${root.id}/children`)
        .query({ limit: 101 })
        .set(stranger.auth)
        .expect(400);
      expect(bad.body).toMatchObject({ code: 'space/invalid-query', field: 'limit' });
      await request(testApp.http).get(`${spaces()}/${randomUUID()}/children`).set(stranger.auth).expect(404);
    });
  });

  describe('update', () => {
    it('lets an admin change the settings, and clear the slug and the description', async () => {
      const space = await createSpace(testApp, project, owner, { slug: `s-${randomUUID()}`, description: 'd' });
      const response = await request(testApp.http)
        .patch(`${spaces()}/${space.id}`)
        .set(owner.auth)
        .send({ name: 'Renamed', slug: '', description: null, readingPermission: 'members', requireJoinApproval: true })
        .expect(200);
      expect(response.body).toMatchObject({
        name: 'Renamed',
        slug: null,
        description: null,
        readingPermission: 'members',
        requireJoinApproval: true,
        memberPermissions: { isAdmin: true },
      });
      expect(await sql(testApp, `SELECT name, slug, reading_permission FROM spaces WHERE id = $1`, [space.id])).toEqual(
        [{ name: 'Renamed', slug: null, reading_permission: 'members' }],
      );
    });

    it.each(['member', 'moderator'] as const)('refuses a %s with 403 and changes nothing', async (role) => {
      const space = await createSpace(testApp, project, owner, { name: 'Unchanged' });
      const user = await createUser(testApp, project);
      await addMember(testApp, project, space, owner, user, role);
      const response = await request(testApp.http)
        .patch(`${spaces()}/${space.id}`)
        .set(user.auth)
        .send({ name: 'Hijacked' })
        .expect(403);
      expect(response.body).toEqual({
        error: 'Only admins of this space can update it.',
        code: 'space/insufficient-permissions',
      });
      expect(await sql(testApp, `SELECT name FROM spaces WHERE id = $1`, [space.id])).toEqual([{ name: 'Unchanged' }]);
    });

    it('refuses null for a required setting, and a slug that is taken', async () => {
      const taken = `t-${randomUUID()}`;
      await createSpace(testApp, project, owner, { slug: taken });
      const space = await createSpace(testApp, project, owner);
      for (const field of ['name', 'readingPermission', 'requireJoinApproval', 'metadata']) {
        const response = await request(testApp.http)
          .patch(`${spaces()}/${space.id}`)
          .set(owner.auth)
          .send({ [field]: null })
          .expect(400);
        expect(response.body).toMatchObject({ code: 'space/invalid-body', field });
      }
      const conflict = await request(testApp.http)
        .patch(`${spaces()}/${space.id}`)
        .set(owner.auth)
        .send({ slug: taken })
        .expect(409);
      expect(conflict.body.code).toBe('space/slug-taken');
    });

    it('answers an update of an unknown space with 404', async () => {
      await request(testApp.http)
        .patch(`${spaces()}/${randomUUID()}`)
        .set(owner.auth)
        .send({ name: 'x y z' })
        .expect(404);
    });
  });

  it('keeps the membership row of the creator after all this', async () => {
    const space = await createSpace(testApp, project, owner);
    expect(await membershipRow(testApp, space.id, owner.id)).toMatchObject({ role: 'admin', status: 'active' });
  });
});
