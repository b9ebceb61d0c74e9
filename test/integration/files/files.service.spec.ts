import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { resolveChatModuleOptions } from '../../../src/common/config/confab-options.js';
import { confabDataSourceOptions } from '../../../src/database/data-source-options.js';
import { FileEntity } from '../../../src/files/file.entity.js';
import { FilesRepository } from '../../../src/files/files.repository.js';
import { FilesService } from '../../../src/files/files.service.js';
import { LocalFileStorage } from '../../../src/files/storage/local-file-storage.js';
import { StorageKeys } from '../../../src/files/uploads/storage-keys.js';
import type { StoredUpload } from '../../../src/files/uploads/stored-upload.js';
import { createConversation, createMessage, fileRows } from '../../support/chat-rows.js';
import { filesUnder } from '../../support/stored-files.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';

describe('FilesService', () => {
  let database: TestDatabase;
  let db: DataSource;
  let directory: string;
  let storage: LocalFileStorage;
  let files: FilesService;
  let projectId: string;
  let userId: string;
  let conversationId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = await new DataSource(confabDataSourceOptions(database.url, { poolSize: 4 })).initialize();
    directory = await mkdtemp(join(tmpdir(), 'confab-files-'));
    storage = new LocalFileStorage(directory);
    const options = resolveChatModuleOptions(
      { storage: { driver: 'local', directory }, publicUrl: 'https://chat.example.com' },
      'api',
    );
    files = new FilesService(new FilesRepository(db.getRepository(FileEntity)), storage, options);

    [{ id: projectId }] = await db.query(`INSERT INTO projects (name, jwt_secret) VALUES ('files', 's') RETURNING id`);
    [{ id: userId }] = await db.query(`INSERT INTO users (project_id, foreign_id) VALUES ($1, 'ann') RETURNING id`, [
      projectId,
    ]);
    conversationId = await createConversation(db, projectId, [userId]);
  });
  afterAll(async () => {
    await db.destroy();
    await database.drop();
    await rm(directory, { recursive: true, force: true });
  });

  /** An upload already in storage, as the interceptor hands it over. */
  async function stored(name: string, image = false): Promise<StoredUpload> {
    const fileId = randomUUID();
    const storageKey = StorageKeys.upload(projectId, fileId);
    const { size } = await storage.write(storageKey, Readable.from([randomBytes(100)]));
    const variantKey = StorageKeys.variant(projectId, fileId, 'thumbnail', 'webp');
    if (image) await storage.write(variantKey, Readable.from([randomBytes(10)]));
    return {
      fileId,
      projectId,
      storageKey,
      originalName: name,
      size,
      mimeType: image ? 'image/png' : 'text/plain',
      type: image ? 'image' : 'document',
      image: image
        ? {
            originalWidth: 300,
            originalHeight: 200,
            variants: { thumbnail: { storageKey: variantKey, width: 150, height: 100, size: 10, format: 'webp' } },
            processingStatus: 'completed',
            processingError: null,
            format: 'webp',
            quality: 85,
            exifStripped: true,
          }
        : null,
    };
  }

  it('attaches uploads inside the caller transaction, in order, and maps them to the File model', async () => {
    const messageId = await createMessage(db, projectId, conversationId, userId);
    const uploads = [await stored('a.txt'), await stored('b.png', true)];

    const attached = await db.transaction((manager) =>
      files.attachToMessage(manager, { projectId, chatMessageId: messageId, userId, uploads }),
    );

    expect(attached.map((file) => [file.id, file.position])).toEqual([
      [uploads[0].fileId, 0],
      [uploads[1].fileId, 1],
    ]);
    const response = files.toFileResponse(attached[1]);
    expect(response).toEqual({
      id: uploads[1].fileId,
      projectId,
      userId,
      entityId: null,
      commentId: null,
      chatMessageId: messageId,
      spaceId: null,
      type: 'image',
      originalPath: `https://chat.example.com/api/${projectId}/files/${uploads[1].fileId}`,
      originalName: 'b.png',
      originalSize: 100,
      originalMimeType: 'image/png',
      position: 1,
      metadata: {},
      image: {
        fileId: uploads[1].fileId,
        originalWidth: 300,
        originalHeight: 200,
        variants: {
          thumbnail: {
            path: uploads[1].image!.variants.thumbnail.storageKey,
            publicPath: `https://chat.example.com/api/${projectId}/files/${uploads[1].fileId}/variants/thumbnail`,
            width: 150,
            height: 100,
            size: 10,
            format: 'webp',
          },
        },
        processingStatus: 'completed',
        processingError: null,
        format: 'webp',
        quality: 85,
        exifStripped: true,
        createdAt: response.createdAt,
        updatedAt: response.updatedAt,
      },
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      updatedAt: response.createdAt,
    });
    expect(files.toFileResponse(attached[0])).not.toHaveProperty('image');
  });

  it('leaves no row when the transaction rolls back, so the upload counts as unreferenced', async () => {
    const messageId = await createMessage(db, projectId, conversationId, userId);
    const [rolledBack, committed] = [await stored('c.txt'), await stored('d.txt')];
    await expect(
      db.transaction(async (manager) => {
        await files.attachToMessage(manager, { projectId, chatMessageId: messageId, userId, uploads: [rolledBack] });
        throw new Error('the send failed later');
      }),
    ).rejects.toThrow('the send failed later');
    expect(await fileRows(db, { projectId, chatMessageId: messageId })).toEqual([]);

    await db.transaction((manager) =>
      files.attachToMessage(manager, { projectId, chatMessageId: messageId, userId, uploads: [committed] }),
    );
    expect(await files.unreferenced([rolledBack, committed])).toEqual([rolledBack]);
  });

  it('refuses uploads of another project', async () => {
    const messageId = await createMessage(db, projectId, conversationId, userId);
    const foreign = { ...(await stored('d.txt')), projectId: randomUUID() };
    await expect(
      db.transaction((manager) =>
        files.attachToMessage(manager, { projectId, chatMessageId: messageId, userId, uploads: [foreign] }),
      ),
    ).rejects.toThrow('another project');
  });

  it('lists the files of several messages by message and position, with empty lists for the others', async () => {
    const first = await createMessage(db, projectId, conversationId, userId);
    const second = await createMessage(db, projectId, conversationId, userId);
    const bare = await createMessage(db, projectId, conversationId, userId);
    const [a, b, c] = [await stored('a'), await stored('b'), await stored('c')];
    await db.transaction(async (manager) => {
      await files.attachToMessage(manager, { projectId, chatMessageId: first, userId, uploads: [a, b] });
      await files.attachToMessage(manager, { projectId, chatMessageId: second, userId, uploads: [c] });
    });

    const byMessage = await files.filesForMessages(projectId, [first, second, bare]);
    expect([...byMessage.entries()].map(([id, list]) => [id, list.map((file) => file.originalName)])).toEqual([
      [first, ['a', 'b']],
      [second, ['c']],
      [bare, []],
    ]);
    expect((await files.filesForMessages(randomUUID(), [first])).get(first)).toEqual([]);
  });

  it('deletes a message’s rows in the transaction, and its objects, variants included, after it', async () => {
    const messageId = await createMessage(db, projectId, conversationId, userId);
    const uploads = [await stored('keep-nothing.txt'), await stored('pic.png', true)];
    await db.transaction((manager) =>
      files.attachToMessage(manager, { projectId, chatMessageId: messageId, userId, uploads }),
    );
    const ids = uploads.map((upload) => upload.fileId);
    const objectsOf = async () => (await filesUnder(directory)).filter((path) => ids.some((id) => path.includes(id)));
    expect(await objectsOf()).toHaveLength(3);

    const keys = await db.transaction((manager) => files.removeFromMessages(manager, projectId, [messageId]));
    expect(keys.sort()).toEqual(
      [uploads[0].storageKey, uploads[1].storageKey, uploads[1].image!.variants.thumbnail.storageKey].sort(),
    );
    expect(await fileRows(db, { projectId, chatMessageId: messageId })).toEqual([]);
    expect(await objectsOf()).toHaveLength(3);

    await files.deleteStoredObjects(keys);
    expect(await objectsOf()).toEqual([]);
  });

  it('deletes the files of several messages at once, and only theirs', async () => {
    const [first, second, kept] = await Promise.all(
      [1, 2, 3].map(() => createMessage(db, projectId, conversationId, userId)),
    );
    const uploads = await Promise.all(['a.txt', 'b.txt', 'c.txt'].map((name) => stored(name)));
    await db.transaction(async (manager) => {
      for (const [index, chatMessageId] of [first, second, kept].entries()) {
        await files.attachToMessage(manager, { projectId, chatMessageId, userId, uploads: [uploads[index]] });
      }
    });

    const keys = await db.transaction((manager) => files.removeFromMessages(manager, projectId, [first, second]));
    expect(keys.sort()).toEqual([uploads[0].storageKey, uploads[1].storageKey].sort());
    expect(await fileRows(db, { projectId, chatMessageId: kept })).toHaveLength(1);
  });
});
