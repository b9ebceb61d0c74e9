import { randomUUID } from 'node:crypto';
import { Global, Injectable, Module } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { confabDataSourceOptions } from '../../src/database/data-source-options.js';
import { SPACE_CHAT_PORT, type SpaceChatPort } from '../../src/spaces/space-chat.port.js';
import type { Space } from '../../src/spaces/space.entity.js';
import { SpacesModule } from '../../src/spaces/spaces.module.js';
import { SpacesService } from '../../src/spaces/spaces.service.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

type Membership = { projectId: string; spaceId: string; userId: string };

/**
 * Stands in for Chat's side of the port, with real rows: a space conversation, and the end of a
 * conversation membership. Its after-commit callback reads the membership through another
 * connection, which sees only committed data.
 */
@Injectable()
class RowWritingSpaceChat implements SpaceChatPort {
  failNextCreate = false;
  ended: Membership[] = [];
  seenAfterCommit: Promise<{ is_active: boolean }[]>[] = [];

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async createSpaceConversation(manager: EntityManager, space: Space): Promise<void> {
    await manager.query(
      `INSERT INTO conversations (project_id, type, space_id, posting_permission) VALUES ($1, 'space', $2, 'members')`,
      [space.projectId, space.id],
    );
    if (this.failNextCreate) {
      this.failNextCreate = false;
      throw new Error('the chat side failed');
    }
  }

  async endSpaceConversationMembership(manager: EntityManager, membership: Membership): Promise<() => void> {
    await manager.query(
      `UPDATE conversation_members SET is_active = false, left_at = now()
       WHERE user_id = $2 AND conversation_id = (SELECT id FROM conversations WHERE space_id = $1)`,
      [membership.spaceId, membership.userId],
    );
    this.ended.push(membership);
    return () => {
      this.seenAfterCommit.push(
        this.dataSource.query(
          `SELECT m.is_active FROM conversation_members m JOIN conversations c ON c.id = m.conversation_id
           WHERE c.space_id = $1 AND m.user_id = $2`,
          [membership.spaceId, membership.userId],
        ),
      );
    };
  }
}

@Global()
@Module({ providers: [{ provide: SPACE_CHAT_PORT, useClass: RowWritingSpaceChat }], exports: [SPACE_CHAT_PORT] })
class FakeChatModule {}

describe('SpacesService', () => {
  let database: TestDatabase;
  let moduleRef: TestingModule;
  let spaces: SpacesService;
  let chat: RowWritingSpaceChat;
  let db: DataSource;
  let projectId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    moduleRef = await Test.createTestingModule({
      imports: [
        TypeOrmModule.forRoot(confabDataSourceOptions(database.url, { poolSize: 4 })),
        FakeChatModule,
        SpacesModule,
      ],
    }).compile();
    await moduleRef.init();
    spaces = moduleRef.get(SpacesService);
    chat = moduleRef.get(SPACE_CHAT_PORT);
    db = moduleRef.get(DataSource);
    projectId = await newProject();
  });
  afterAll(async () => {
    await moduleRef.close();
    await database.drop();
  });

  async function newProject(): Promise<string> {
    const [row] = await db.query(`INSERT INTO projects (name, jwt_secret) VALUES ('p', 's') RETURNING id`);
    return row.id as string;
  }
  async function newUser(project = projectId): Promise<string> {
    const [row] = await db.query(`INSERT INTO users (project_id, foreign_id) VALUES ($1, $2) RETURNING id`, [
      project,
      randomUUID(),
    ]);
    return row.id as string;
  }
  function newSpace(creatorId: string, input: Partial<Parameters<SpacesService['create']>[2]> = {}) {
    return spaces.create(projectId, creatorId, {
      name: 'A space',
      slug: null,
      description: null,
      readingPermission: 'anyone',
      requireJoinApproval: false,
      metadata: {},
      parentSpaceId: null,
      ...input,
    });
  }
  /** Joins the space and its chat, as Chat would let a member do. */
  async function joinWithChat(spaceId: string, userId: string): Promise<string> {
    const membership = await spaces.join(projectId, spaceId, userId);
    await db.query(
      `INSERT INTO conversation_members (project_id, conversation_id, user_id)
       SELECT project_id, id, $2 FROM conversations WHERE space_id = $1`,
      [spaceId, userId],
    );
    return membership.id;
  }
  async function chatMembership(spaceId: string, userId: string) {
    const rows = await db.query(
      `SELECT m.is_active FROM conversation_members m JOIN conversations c ON c.id = m.conversation_id
       WHERE c.space_id = $1 AND m.user_id = $2`,
      [spaceId, userId],
    );
    return rows[0] as { is_active: boolean } | undefined;
  }

  describe('with the space chat port', () => {
    beforeEach(() => {
      chat.ended = [];
      chat.seenAfterCommit = [];
    });

    it('creates the space conversation in the transaction that creates the space', async () => {
      const owner = await newUser();
      const space = await newSpace(owner);
      expect(
        await db.query(`SELECT type, posting_permission FROM conversations WHERE space_id = $1`, [space.id]),
      ).toEqual([{ type: 'space', posting_permission: 'members' }]);
    });

    it('creates nothing when the chat side fails', async () => {
      const owner = await newUser();
      chat.failNextCreate = true;
      await expect(newSpace(owner, { name: 'Doomed' })).rejects.toThrow('the chat side failed');
      expect(await db.query(`SELECT id FROM spaces WHERE name = 'Doomed'`)).toEqual([]);
      expect(await db.query(`SELECT space_id FROM space_members WHERE user_id = $1`, [owner])).toEqual([]);
    });

    it.each(['leave', 'ban', 'remove', 'decline'] as const)(
      'ends the chat membership on %s, and runs the callback after commit',
      async (action) => {
        const owner = await newUser();
        const space = await newSpace(owner, { requireJoinApproval: action === 'decline' });
        const user = await newUser();
        const memberId = await joinWithChat(space.id, user);
        if (action === 'leave') await spaces.leave(projectId, space.id, user);
        if (action === 'ban') await spaces.ban(projectId, space.id, owner, memberId);
        if (action === 'remove') await spaces.remove(projectId, space.id, owner, memberId);
        if (action === 'decline') await spaces.decline(projectId, space.id, owner, memberId);

        expect(chat.ended).toEqual([{ projectId, spaceId: space.id, userId: user }]);
        expect(await chatMembership(space.id, user)).toEqual({ is_active: false });
        expect(await Promise.all(chat.seenAfterCommit)).toEqual([[{ is_active: false }]]);
      },
    );

    it('leaves the chat alone when the space change is refused', async () => {
      const owner = await newUser();
      const space = await newSpace(owner);
      await db.query(
        `INSERT INTO conversation_members (project_id, conversation_id, user_id)
         SELECT project_id, id, $2 FROM conversations WHERE space_id = $1`,
        [space.id, owner],
      );
      await expect(spaces.leave(projectId, space.id, owner)).rejects.toMatchObject({ code: 'space/last-admin' });
      expect(chat.ended).toEqual([]);
      expect(await chatMembership(space.id, owner)).toEqual({ is_active: true });
    });
  });

  describe('lookups for other modules', () => {
    it('gives the membership of any status, and null without one', async () => {
      const owner = await newUser();
      const space = await newSpace(owner, { requireJoinApproval: true });
      const applicant = await newUser();
      const { id } = await spaces.join(projectId, space.id, applicant);
      expect(await spaces.membership(projectId, space.id, applicant)).toEqual({
        id,
        role: 'member',
        status: 'pending',
      });
      expect(await spaces.membership(projectId, space.id, owner)).toMatchObject({ role: 'admin', status: 'active' });
      expect(await spaces.membership(projectId, space.id, await newUser())).toBeNull();
      expect(await spaces.membership(projectId, 'not-a-uuid', owner)).toBeNull();
    });

    it('answers canRead from the reading permission and the membership', async () => {
      const owner = await newUser();
      const open = await newSpace(owner);
      const closed = await newSpace(owner, { readingPermission: 'members' });
      const outsider = await newUser();
      expect(await spaces.canRead(projectId, open.id, outsider)).toBe(true);
      expect(await spaces.canRead(projectId, open.id, null)).toBe(true);
      expect(await spaces.canRead(projectId, closed.id, outsider)).toBe(false);
      expect(await spaces.canRead(projectId, closed.id, null)).toBe(false);
      expect(await spaces.canRead(projectId, closed.id, owner)).toBe(true);
      expect(await spaces.canRead(projectId, randomUUID(), owner)).toBe(false);

      const banned = await newUser();
      const memberId = (await spaces.join(projectId, open.id, banned)).id;
      await spaces.ban(projectId, open.id, owner, memberId);
      expect(await spaces.canRead(projectId, open.id, banned)).toBe(false);
    });

    it('finds a space by id within its project only', async () => {
      const owner = await newUser();
      const space = await newSpace(owner, { name: 'Mine' });
      expect(await spaces.findById(projectId, space.id)).toMatchObject({ id: space.id, name: 'Mine', depth: 0 });
      expect(await spaces.findById(await newProject(), space.id)).toBeNull();
      expect(await spaces.findById(projectId, 'nope')).toBeNull();
    });
  });
});
