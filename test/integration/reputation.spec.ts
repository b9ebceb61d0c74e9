import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ReputationService } from '../../src/reputation/reputation.service.js';
import { createProject, createUser, type TestProject, type TestUser } from '../support/factories.js';
import { addMember, createSpace, type TestSpace } from '../support/spaces.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('ReputationService', () => {
  let testApp: TestApp;
  let reputation: ReputationService;
  let db: DataSource;
  let project: TestProject;
  let owner: TestUser;
  let alice: TestUser;
  let bob: TestUser;
  let root: TestSpace;
  let child: TestSpace;
  let hidden: TestSpace;

  beforeAll(async () => {
    testApp = await createTestApp();
    reputation = testApp.app.get(ReputationService);
    db = testApp.app.get(DataSource);
    project = await createProject(testApp);
    owner = await createUser(testApp, project);
    alice = await createUser(testApp, project);
    bob = await createUser(testApp, project);
    root = await createSpace(testApp, project, owner);
    child = await createSpace(testApp, project, owner, { parentSpaceId: root.id });
    hidden = await createSpace(testApp, project, owner, { readingPermission: 'members' });
    await reputation.grant(project.projectId, alice.id, null, 2);
    await reputation.grant(project.projectId, alice.id, root.id, 30);
    await reputation.grant(project.projectId, alice.id, child.id, 400);
    await reputation.grant(project.projectId, alice.id, hidden.id, 5000);
    await reputation.grant(project.projectId, bob.id, child.id, -7);
  });
  afterAll(() => testApp.close());

  const P = () => project.projectId;

  describe('grant', () => {
    it('returns the bucket value and the total, and records the reason', async () => {
      const user = await createUser(testApp, project);
      const result = await reputation.grant(P(), user.id, root.id, 12, 'best answer');
      expect(result).toMatchObject({ value: 12, reputation: 12, grant: { delta: 12, reason: 'best answer' } });
      const again = await reputation.grant(P(), user.id, root.id, -20);
      expect(again).toMatchObject({ value: -8, reputation: -8 });
    });

    it.each([[0], [1.5], [1_000_001], [Number.NaN]])('refuses a delta of %p', async (delta) => {
      await expect(reputation.grant(P(), alice.id, null, delta)).rejects.toMatchObject({
        status: 400,
        code: 'reputation-grant/invalid-body',
      });
    });

    it('refuses a grant that would overflow the total with 409, changing nothing', async () => {
      const user = await createUser(testApp, project);
      await db.query(`UPDATE users SET reputation = 2147483000 WHERE id = $1`, [user.id]);
      await expect(reputation.grant(P(), user.id, null, 1000)).rejects.toMatchObject({
        status: 409,
        code: 'reputation-grant/out-of-range',
      });
      const [row] = await db.query(`SELECT reputation FROM users WHERE id = $1`, [user.id]);
      expect(row.reputation).toBe(2147483000);
      expect(await db.query(`SELECT * FROM reputation_buckets WHERE user_id = $1`, [user.id])).toEqual([]);
      expect(await db.query(`SELECT * FROM reputation_grants WHERE user_id = $1`, [user.id])).toEqual([]);
    });

    it('keeps every user total equal to the sum of their buckets under many concurrent grants', async () => {
      const users = [await createUser(testApp, project), await createUser(testApp, project)];
      const spaces = [null, root.id, child.id];
      const grants = Array.from({ length: 90 }, (_, i) => ({
        userId: users[i % 2].id,
        spaceId: spaces[i % 3],
        delta: (i % 5 === 0 ? -1 : 1) * (i + 1),
      }));
      await Promise.all(grants.map((g) => reputation.grant(P(), g.userId, g.spaceId, g.delta)));

      for (const user of users) {
        const mine = grants.filter((g) => g.userId === user.id);
        const [row] = await db.query(
          `SELECT u.reputation, (SELECT sum(value)::int FROM reputation_buckets b WHERE b.user_id = u.id) AS buckets
           FROM users u WHERE u.id = $1`,
          [user.id],
        );
        const expected = mine.reduce((sum, g) => sum + g.delta, 0);
        expect(row).toEqual({ reputation: expected, buckets: expected });
        for (const spaceId of spaces) {
          const values = await reputation.spaceReputation(P(), [user.id], spaceId, { descendants: false });
          const bucket = mine.filter((g) => g.spaceId === spaceId).reduce((sum, g) => sum + g.delta, 0);
          expect(values.get(user.id)).toBe(bucket);
        }
      }
    });
  });

  describe('spaceReputation', () => {
    it('answers every id asked for in one map, 0 for those without a bucket or not users at all', async () => {
      const stranger = randomUUID();
      const values = await reputation.spaceReputation(P(), [alice.id, bob.id, stranger, 'not-an-id'], child.id, {
        descendants: false,
      });
      expect([...values]).toEqual([
        [alice.id, 400],
        [bob.id, -7],
        [stranger, 0],
        ['not-an-id', 0],
      ]);
    });

    it('sums the subtree with descendants, and reads the general bucket for a null space', async () => {
      expect(await reputation.spaceReputation(P(), [alice.id, bob.id], root.id, { descendants: true })).toEqual(
        new Map([
          [alice.id, 430],
          [bob.id, -7],
        ]),
      );
      expect(await reputation.spaceReputation(P(), [alice.id], null, { descendants: true })).toEqual(
        new Map([[alice.id, 2]]),
      );
    });

    it('reads nothing of another project', async () => {
      const elsewhere = await createProject(testApp);
      expect(await reputation.spaceReputation(elsewhere.projectId, [alice.id], root.id, { descendants: true })).toEqual(
        new Map([[alice.id, 0]]),
      );
      expect(await reputation.spaceReputation(elsewhere.projectId, [alice.id], null, { descendants: false })).toEqual(
        new Map([[alice.id, 0]]),
      );
    });

    it('answers an empty list without a query', async () => {
      expect(await reputation.spaceReputation(P(), [], root.id, { descendants: true })).toEqual(new Map());
    });
  });

  describe('resolveSpaceReputation', () => {
    const ids = () => [alice.id, bob.id];

    it('answers null when no parameter was given', async () => {
      expect(await reputation.resolveSpaceReputation(P(), bob.id, null, child.id, ids())).toBeNull();
    });

    it("reads context as the endpoint's space, or the general bucket where it has none", async () => {
      expect(await reputation.resolveSpaceReputation(P(), bob.id, { kind: 'context' }, child.id, ids())).toEqual(
        new Map([
          [alice.id, 400],
          [bob.id, -7],
        ]),
      );
      expect(await reputation.resolveSpaceReputation(P(), bob.id, { kind: 'context' }, null, ids())).toEqual(
        new Map([
          [alice.id, 2],
          [bob.id, 0],
        ]),
      );
    });

    it('reads none as the general bucket', async () => {
      expect(await reputation.resolveSpaceReputation(P(), bob.id, { kind: 'general' }, child.id, [alice.id])).toEqual(
        new Map([[alice.id, 2]]),
      );
    });

    it('answers null for a members-only space the viewer cannot read, values for members and trusted callers', async () => {
      const selection = { kind: 'space', spaceId: hidden.id, descendants: false } as const;
      expect(await reputation.resolveSpaceReputation(P(), bob.id, selection, null, ids())).toBeNull();
      expect(await reputation.resolveSpaceReputation(P(), null, selection, null, ids())).toBeNull();
      expect(await reputation.resolveSpaceReputation(P(), null, selection, null, ids(), { trusted: true })).toEqual(
        new Map([
          [alice.id, 5000],
          [bob.id, 0],
        ]),
      );
      const member = await createUser(testApp, project);
      await addMember(testApp, project, hidden, owner, member);
      expect((await reputation.resolveSpaceReputation(P(), member.id, selection, null, ids()))?.get(alice.id)).toBe(
        5000,
      );
    });

    it('answers zeros, not null, for an unknown space', async () => {
      const selection = { kind: 'space', spaceId: randomUUID(), descendants: true } as const;
      expect(await reputation.resolveSpaceReputation(P(), bob.id, selection, null, ids())).toEqual(
        new Map([
          [alice.id, 0],
          [bob.id, 0],
        ]),
      );
    });
  });
});
