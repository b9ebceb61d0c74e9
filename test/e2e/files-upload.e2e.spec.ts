import { randomBytes } from 'node:crypto';
import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createConversation, createMessage, fileRows } from '../support/chat-rows.js';
import { createProject, createUser, type TestProject, type TestUser } from '../support/factories.js';
import { hugeJpeg, png, windowsExecutable } from '../support/file-fixtures.js';
import { FilesTestHostModule } from '../support/files-test-host.js';
import { filesUnder } from '../support/stored-files.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

// Uploads through a test route shaped like Send Message (the real one is Chat's), with small
// limits so that the limit tests stay fast: 1 MiB per file, 2 MiB per message.
const MiB = 1024 * 1024;

describe('message uploads', () => {
  let testApp: TestApp;
  let db: DataSource;
  let project: TestProject;
  let alice: TestUser;
  let storageDir: string;

  beforeAll(async () => {
    testApp = await createTestApp({
      env: { MAX_FILE_BYTES: String(MiB), MAX_MESSAGE_FILES_BYTES: String(2 * MiB) },
      imports: [FilesTestHostModule],
    });
    db = testApp.app.get(DataSource);
    project = await createProject(testApp);
    alice = await createUser(testApp, project);
    const storage = testApp.config.storage;
    if (storage.driver !== 'local') throw new Error('these tests read the local storage directory');
    storageDir = storage.directory;
  });
  afterAll(() => testApp.close());

  async function newMessage(): Promise<{ messageId: string; url: string }> {
    const conversationId = await createConversation(db, project.projectId, [alice.id]);
    const messageId = await createMessage(db, project.projectId, conversationId, alice.id);
    return { messageId, url: `/test/${project.projectId}/messages/${messageId}/files` };
  }

  /** Nothing stored for the project, neither objects nor rows. */
  async function expectNothingStored(): Promise<void> {
    expect(await filesUnder(storageDir)).toEqual([]);
    expect(await fileRows(db, { projectId: project.projectId })).toEqual([]);
  }

  async function cleanStorage(): Promise<void> {
    await db.query(`DELETE FROM files WHERE project_id = $1`, [project.projectId]);
    const { rm } = await import('node:fs/promises');
    await rm(storageDir, { recursive: true, force: true });
  }
  afterEach(cleanStorage);

  it('stores a PNG declared as application/octet-stream as image/png, type image, with variants', async () => {
    const { messageId, url } = await newMessage();
    const response = await request(testApp.http)
      .post(url)
      .set(alice.auth)
      .attach('files', await png(640, 480), { filename: 'holiday.bin', contentType: 'application/octet-stream' })
      .expect(201);

    const [file] = response.body.files;
    expect(file).toMatchObject({
      projectId: project.projectId,
      userId: alice.id,
      chatMessageId: messageId,
      type: 'image',
      originalMimeType: 'image/png',
      originalName: 'holiday.bin',
      position: 0,
      originalPath: `/v7/${project.projectId}/files/${file.id}`,
      image: {
        fileId: file.id,
        originalWidth: 640,
        originalHeight: 480,
        processingStatus: 'completed',
        exifStripped: true,
      },
    });
    expect(file.image.variants).toEqual({
      thumbnail: expect.objectContaining({ width: 150, height: 113, format: 'webp' }),
      small: expect.objectContaining({ width: 400, height: 300, format: 'webp' }),
      medium: expect.objectContaining({ width: 640, height: 480, format: 'webp' }),
    });
    expect(file.image.variants.small.publicPath).toBe(`/v7/${project.projectId}/files/${file.id}/variants/small`);
    expect(await fileRows(db, { projectId: project.projectId, chatMessageId: messageId })).toEqual([
      expect.objectContaining({ id: file.id, type: 'image', mime_type: 'image/png' }),
    ]);
    const prefix = `${project.projectId}/${file.id}`;
    expect(await filesUnder(storageDir)).toEqual(
      [`${prefix}/medium.webp`, `${prefix}/small.webp`, `${prefix}/thumbnail.webp`, `${prefix}/upload`].sort(),
    );
  });

  it('does not take an executable renamed .png and declared image/png for an image', async () => {
    const { url } = await newMessage();
    const response = await request(testApp.http)
      .post(url)
      .set(alice.auth)
      .attach('files', windowsExecutable(), { filename: 'cat.png', contentType: 'image/png' })
      .expect(201);

    const [file] = response.body.files;
    expect(file).toMatchObject({ type: 'other', originalMimeType: 'application/x-msdownload' });
    expect(file).not.toHaveProperty('image');
    expect(await filesUnder(storageDir)).toEqual([`${project.projectId}/${file.id}/upload`]);
  });

  it('hands the text fields to the route as strings and keeps the files in part order', async () => {
    const { url } = await newMessage();
    const response = await request(testApp.http)
      .post(url)
      .set(alice.auth)
      .field('content', 'two files')
      .field('metadata', '{"kind":"report"}')
      .field('localId', 'local-1')
      .attach('files', Buffer.from('first, a text'), { filename: 'first.txt', contentType: 'image/png' })
      .attach('files', Buffer.from('%PDF-1.7\n%\xE2\xE3\n1 0 obj\n'), 'second.pdf')
      .expect(201);

    expect(response.body.fields).toEqual({ content: 'two files', metadata: '{"kind":"report"}', localId: 'local-1' });
    expect(
      response.body.files.map((file: Record<string, unknown>) => [file.position, file.originalName, file.type]),
    ).toEqual([
      [0, 'first.txt', 'document'],
      [1, 'second.pdf', 'document'],
    ]);
    expect(response.body.files[0].originalMimeType).toBe('text/plain');
  });

  it('sanitizes the filename and keys the object by generated ids only', async () => {
    const { url } = await newMessage();
    const response = await request(testApp.http)
      .post(url)
      .set(alice.auth)
      .attach('files', Buffer.from('hello'), { filename: '..\\..\\evil\u202Etxt.exe', contentType: 'text/plain' })
      .expect(201);

    const [file] = response.body.files;
    expect(file.originalName).toBe('eviltxt.exe');
    expect(await filesUnder(storageDir)).toEqual([`${project.projectId}/${file.id}/upload`]);
  });

  it('passes a JSON request through untouched', async () => {
    const { messageId, url } = await newMessage();
    const response = await request(testApp.http).post(url).set(alice.auth).send({ content: 'no files' }).expect(201);
    expect(response.body).toEqual({ fields: { content: 'no files' }, files: [] });
    expect(await fileRows(db, { projectId: project.projectId, chatMessageId: messageId })).toEqual([]);
  });

  it('refuses an 11th file with 400 chat/too-many-files and keeps none of them', async () => {
    const { url } = await newMessage();
    let upload = request(testApp.http).post(url).set(alice.auth);
    for (let i = 0; i < 11; i++) upload = upload.attach('files', randomBytes(20_000), `part-${i}.bin`);
    const response = await upload.expect(400);

    expect(response.body).toEqual({ error: 'A message can have at most 10 files.', code: 'chat/too-many-files' });
    await expectNothingStored();
  });

  it('refuses a file under another field name with 400 chat/invalid-body naming the field', async () => {
    const { url } = await newMessage();
    const response = await request(testApp.http)
      .post(url)
      .set(alice.auth)
      .attach('files', Buffer.from('fine'), 'ok.txt')
      .attach('attachment', Buffer.from('not here'), 'other.txt')
      .expect(400);

    expect(response.body).toMatchObject({ code: 'chat/invalid-body', field: 'attachment' });
    await expectNothingStored();
  });

  it('refuses a text field sent twice with 400 chat/invalid-body', async () => {
    const { url } = await newMessage();
    const response = await request(testApp.http)
      .post(url)
      .set(alice.auth)
      .field('content', 'one')
      .field('content', 'two')
      .attach('files', Buffer.from('x'), 'x.txt')
      .expect(400);

    expect(response.body).toMatchObject({ code: 'chat/invalid-body', field: 'content' });
    await expectNothingStored();
  });

  it('accepts a file of exactly MAX_FILE_BYTES, and refuses one byte more with 413 storage/file-too-large', async () => {
    const { url } = await newMessage();
    await request(testApp.http).post(url).set(alice.auth).attach('files', randomBytes(MiB), 'exact.bin').expect(201);
    await cleanStorage();

    const response = await request(testApp.http)
      .post(url)
      .set(alice.auth)
      .attach('files', randomBytes(1000), 'small-first.bin')
      .attach('files', randomBytes(MiB + 1), 'too-big.bin')
      .expect(413);
    expect(response.body).toEqual({
      error: 'File size exceeds the allowed limit of 1MB',
      code: 'storage/file-too-large',
    });
    await expectNothingStored();
  });

  it('refuses files over the message total with 413 storage/files-too-large and keeps none', async () => {
    const { url } = await newMessage();
    const response = await request(testApp.http)
      .post(url)
      .set(alice.auth)
      .attach('files', randomBytes(900_000), 'a.bin')
      .attach('files', randomBytes(900_000), 'b.bin')
      .attach('files', randomBytes(900_000), 'c.bin')
      .expect(413);

    expect(response.body).toEqual({
      error: 'The files of a message exceed the allowed total of 2MB.',
      code: 'storage/files-too-large',
    });
    await expectNothingStored();
  });

  it('refuses an image over 50 megapixels with 413 storage/image-too-large and keeps nothing', async () => {
    const { url } = await newMessage();
    const response = await request(testApp.http)
      .post(url)
      .set(alice.auth)
      .attach('files', Buffer.from('a document first'), 'notes.txt')
      .attach('files', await hugeJpeg(), 'panorama.jpg')
      .expect(413);

    expect(response.body).toEqual({
      error: 'Image exceeds the limit of 50 megapixels.',
      code: 'storage/image-too-large',
    });
    await expectNothingStored();
  });

  it('stores a broken image as processingStatus "failed" instead of failing the message', async () => {
    const { url } = await newMessage();
    const broken = Buffer.concat([(await png(8, 8)).subarray(0, 33), Buffer.alloc(300, 1)]);
    const warned = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => {});
    try {
      const response = await request(testApp.http)
        .post(url)
        .set(alice.auth)
        .attach('files', broken, 'broken.png')
        .expect(201);
      expect(response.body.files[0]).toMatchObject({
        type: 'image',
        originalMimeType: 'image/png',
        image: { processingStatus: 'failed', processingError: 'The image could not be read.', variants: {} },
      });
      expect(warned).toHaveBeenCalled();
    } finally {
      warned.mockRestore();
    }
  });

  it('removes the stored files when the handler fails after attaching them in its transaction', async () => {
    const { url } = await newMessage();
    const response = await request(testApp.http)
      .post(url)
      .set(alice.auth)
      .field('fail', 'after-insert')
      .attach('files', await png(), 'a.png')
      .attach('files', Buffer.from('text'), 'b.txt')
      .expect(400);

    expect(response.body).toEqual({ error: 'Failed after inserting.', code: 'test/failed' });
    await expectNothingStored();
  });

  it('keeps the files of a message whose transaction committed before the handler failed', async () => {
    const { messageId, url } = await newMessage();
    await request(testApp.http)
      .post(url)
      .set(alice.auth)
      .field('fail', 'after-commit')
      .attach('files', Buffer.from('kept'), 'kept.txt')
      .expect(400);

    const [row] = await fileRows(db, { projectId: project.projectId, chatMessageId: messageId });
    expect(await filesUnder(storageDir)).toEqual([row.storage_key]);
  });

  it('removes the stored files when a pipe after the upload refuses the body', async () => {
    const { url } = await newMessage();
    const response = await request(testApp.http)
      .post(url)
      .set(alice.auth)
      .field('content', 'refused by pipe')
      .attach('files', await png(), 'a.png')
      .expect(400);

    expect(response.body).toEqual({ error: 'Refused by a pipe.', code: 'test/refused' });
    await expectNothingStored();
  });

  it('removes uploads that a successful handler did not attach', async () => {
    const { url } = await newMessage();
    await request(testApp.http)
      .post(url)
      .set(alice.auth)
      .field('attach', 'none')
      .attach('files', Buffer.from('unused'), 'unused.txt')
      .expect(201);

    // Removed before the response went out.
    await expectNothingStored();
  });

  it('authenticates before reading the body: a bad token stores nothing', async () => {
    const { url } = await newMessage();
    const response = await request(testApp.http)
      .post(url)
      .set('Authorization', 'Bearer not-a-token')
      .attach('files', randomBytes(500_000), 'a.bin')
      .expect(401);

    expect(response.body.code).toBe('auth/unauthorized');
    await expectNothingStored();
  });

  it('answers a malformed multipart body with 400 chat/invalid-body and keeps nothing', async () => {
    const { url } = await newMessage();
    const boundary = 'confab-boundary';
    const truncated =
      `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\n` +
      `Content-Type: text/plain\r\n\r\nhalf a file and no closing boundary`;
    const response = await request(testApp.http)
      .post(url)
      .set(alice.auth)
      .set('Content-Type', `multipart/form-data; boundary=${boundary}`)
      .send(truncated)
      .expect(400);

    expect(response.body).toEqual({ error: 'The multipart body is malformed.', code: 'chat/invalid-body' });
    await expectNothingStored();
  });
});
