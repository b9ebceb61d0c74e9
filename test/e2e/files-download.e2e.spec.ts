import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createConversation, createMessage, leaveConversation } from '../support/chat-rows.js';
import { apiKeyAuth, createProject, createUser, type TestUser } from '../support/factories.js';
import { png } from '../support/file-fixtures.js';
import { FilesTestHostModule } from '../support/files-test-host.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { startTestS3, type TestS3 } from '../support/test-s3.js';

// Files are attached through the test route shaped like Send Message; access is Chat's own rule.

interface FileBody {
  id: string;
  originalPath: string;
  originalSize: number;
  image?: { variants: Record<string, { publicPath: string; width: number; size: number }> };
}

/** Binary response bodies as Buffers, whatever their type. */
function binary(response: request.Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
}

async function setUp(testApp: TestApp) {
  const db = testApp.app.get(DataSource);
  const project = await createProject(testApp);
  const [alice, bob, carol, dave] = await Promise.all([
    createUser(testApp, project, { foreignId: 'alice' }),
    createUser(testApp, project, { foreignId: 'bob' }),
    createUser(testApp, project, { foreignId: 'carol' }),
    createUser(testApp, project, { foreignId: 'dave' }),
  ]);
  const conversationId = await createConversation(db, project.projectId, [alice.id, bob.id, dave.id]);
  const messageId = await createMessage(db, project.projectId, conversationId, alice.id);

  const blob = randomBytes(200_000);
  const notes = Buffer.from('Meeting notes\nAction items: none\n');
  const picture = await png(1000, 500);
  const response = await request(testApp.http)
    .post(`/test/${project.projectId}/messages/${messageId}/files`)
    .set(alice.auth)
    .attach('files', notes, 'Notizen Grüße "Q3".txt')
    .attach('files', picture, 'picture.png')
    .attach('files', blob, 'data.bin')
    .expect(201);
  const [notesFile, pictureFile, blobFile] = response.body.files as FileBody[];
  return {
    db,
    project,
    alice,
    bob,
    carol,
    dave,
    conversationId,
    messageId,
    notes,
    notesFile,
    picture,
    pictureFile,
    blob,
    blobFile,
  };
}

describe('file downloads', () => {
  let testApp: TestApp;
  let s: Awaited<ReturnType<typeof setUp>>;
  const get = (path: string, user: TestUser) =>
    request(testApp.http).get(path).set(user.auth).buffer(true).parse(binary);

  beforeAll(async () => {
    testApp = await createTestApp({ imports: [FilesTestHostModule] });
    s = await setUp(testApp);
  });
  afterAll(() => testApp.close());

  it('serves a document to a member with its type, length, ETag and an attachment disposition', async () => {
    const response = await get(s.notesFile.originalPath, s.bob).expect(200);

    expect(response.body).toEqual(s.notes);
    expect(response.headers).toMatchObject({
      'content-type': 'text/plain',
      'content-length': String(s.notes.length),
      'content-disposition': `attachment; filename="Notizen Gr__e _Q3_.txt"; filename*=UTF-8''Notizen%20Gr%C3%BC%C3%9Fe%20_Q3_.txt`,
      'accept-ranges': 'bytes',
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, max-age=3600',
      etag: expect.stringMatching(/^"[\w-]+"$/),
    });
  });

  it('serves an image inline, and its variants as WebP of the promised widths', async () => {
    const response = await get(s.pictureFile.originalPath, s.bob).expect(200);
    expect(response.body).toEqual(s.picture);
    expect(response.headers['content-type']).toBe('image/png');
    expect(response.headers['content-disposition']).toMatch(/^inline; filename="picture.png"/);

    for (const [name, width] of [
      ['thumbnail', 150],
      ['small', 400],
      ['medium', 800],
    ] as const) {
      const variant = s.pictureFile.image!.variants[name];
      const served = await get(variant.publicPath, s.bob).expect(200);
      expect(served.headers['content-type']).toBe('image/webp');
      expect(served.headers['content-length']).toBe(String(variant.size));
      const metadata = await sharp(served.body as Buffer).metadata();
      expect([metadata.format, metadata.width, metadata.height, metadata.exif]).toEqual([
        'webp',
        width,
        width / 2,
        undefined,
      ]);
    }
  });

  it('answers a Range request with 206 and exactly those bytes', async () => {
    const path = s.blobFile.originalPath;
    const middle = await get(path, s.bob).set('Range', 'bytes=1000-1999').expect(206);
    expect(middle.body).toEqual(s.blob.subarray(1000, 2000));
    expect(middle.headers).toMatchObject({ 'content-range': 'bytes 1000-1999/200000', 'content-length': '1000' });

    const tail = await get(path, s.bob).set('Range', 'bytes=-100').expect(206);
    expect(tail.body).toEqual(s.blob.subarray(199_900));
    const rest = await get(path, s.bob).set('Range', 'bytes=150000-').expect(206);
    expect(rest.body).toEqual(s.blob.subarray(150_000));
    expect(rest.headers['content-range']).toBe('bytes 150000-199999/200000');
  });

  it('answers a range beyond the end with 416 and the size', async () => {
    const response = await request(testApp.http)
      .get(s.blobFile.originalPath)
      .set(s.bob.auth)
      .set('Range', 'bytes=200000-')
      .expect(416);
    expect(response.headers['content-range']).toBe('bytes */200000');
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.body).toEqual({
      error: 'The requested range is outside the file.',
      code: 'file/range-not-satisfiable',
    });
  });

  it('serves the whole file when If-Range no longer matches, and 304 for a matching If-None-Match', async () => {
    const { headers } = await get(s.blobFile.originalPath, s.bob).expect(200);
    const whole = await get(s.blobFile.originalPath, s.bob)
      .set('Range', 'bytes=0-9')
      .set('If-Range', '"some-older-version"')
      .expect(200);
    expect(whole.body).toEqual(s.blob);
    const ranged = await get(s.blobFile.originalPath, s.bob)
      .set('Range', 'bytes=0-9')
      .set('If-Range', headers.etag)
      .expect(206);
    expect(ranged.body).toEqual(s.blob.subarray(0, 10));

    const cached = await get(s.blobFile.originalPath, s.bob).set('If-None-Match', headers.etag).expect(304);
    expect(cached.body).toHaveLength(0);
  });

  it('answers HEAD with the headers and no body', async () => {
    const response = await request(testApp.http).head(s.blobFile.originalPath).set(s.bob.auth).expect(200);
    expect(response.headers['content-length']).toBe('200000');
    expect(response.headers['content-type']).toBe('application/octet-stream');
  });

  it('hides the file and its variants from a user outside the conversation with 404', async () => {
    const notFound = { error: 'File not found.', code: 'file/not-found' };
    expect((await request(testApp.http).get(s.pictureFile.originalPath).set(s.carol.auth).expect(404)).body).toEqual(
      notFound,
    );
    const variant = s.pictureFile.image!.variants.thumbnail.publicPath;
    expect((await request(testApp.http).get(variant).set(s.carol.auth).expect(404)).body).toEqual(notFound);
  });

  it('serves a former member the files sent before they left, and not those sent after', async () => {
    const { db, project, alice, dave, conversationId } = s;
    const before = await createMessage(db, project.projectId, conversationId, alice.id, new Date(Date.now() - 60_000));
    const uploaded = await request(testApp.http)
      .post(`/test/${project.projectId}/messages/${before}/files`)
      .set(alice.auth)
      .attach('files', Buffer.from('old news'), 'old.txt')
      .expect(201);
    await leaveConversation(db, conversationId, dave.id, new Date(Date.now() - 30_000));

    await request(testApp.http).get(uploaded.body.files[0].originalPath).set(dave.auth).expect(200);
    await request(testApp.http).get(s.notesFile.originalPath).set(dave.auth).expect(404);
  });

  it('keeps projects apart: another project cannot reach the file by its id', async () => {
    const other = await createProject(testApp);
    const stranger = await createUser(testApp, other);
    const path = `/v7/${other.projectId}/files/${s.notesFile.id}`;
    await request(testApp.http).get(path).set(stranger.auth).expect(404);
  });

  it('answers a malformed file id and an unknown variant with 404', async () => {
    const malformed = await request(testApp.http)
      .get(`/v7/${s.project.projectId}/files/not-a-uuid`)
      .set(s.bob.auth)
      .expect(404);
    expect(malformed.body.code).toBe('file/not-found');
    for (const name of ['large', 'constructor', '__proto__']) {
      const unknown = await request(testApp.http)
        .get(`${s.pictureFile.originalPath}/variants/${name}`)
        .set(s.bob.auth)
        .expect(404);
      expect(unknown.body).toEqual({ error: 'This file has no such variant.', code: 'file/variant-not-found' });
    }
    await request(testApp.http).get(`${s.notesFile.originalPath}/variants/thumbnail`).set(s.bob.auth).expect(404);
  });

  it('asks for credentials, and takes a user token from access_token for <img> and <video> elements', async () => {
    const denied = await request(testApp.http).get(s.pictureFile.originalPath).expect(401);
    expect(denied.body.code).toBe('auth/unauthorized');

    const viaQuery = await request(testApp.http)
      .get(s.pictureFile.originalPath)
      .query({ access_token: s.bob.token })
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(viaQuery.body).toEqual(s.picture);
    expect(viaQuery.headers['referrer-policy']).toBe('no-referrer');
    await request(testApp.http).get(s.pictureFile.originalPath).query({ access_token: s.carol.token }).expect(404);
  });

  it('never takes an API key from the query, but serves the user named by userId with the key in the header', async () => {
    await request(testApp.http)
      .get(s.notesFile.originalPath)
      .query({ access_token: s.project.apiKey, userId: s.bob.id })
      .expect(401);
    await request(testApp.http)
      .get(s.notesFile.originalPath)
      .query({ userId: s.bob.id })
      .set(apiKeyAuth(s.project))
      .expect(200);
    await request(testApp.http)
      .get(s.notesFile.originalPath)
      .query({ userId: s.carol.id })
      .set(apiKeyAuth(s.project))
      .expect(404);
  });

  it('serves nothing from the storage directory as static files', async () => {
    const key = `${s.project.projectId}/${s.notesFile.id}/upload`;
    for (const path of [`/${key}`, `/files/${key}`, `/.data/files/${key}`, `/v7/${key}`]) {
      const response = await request(testApp.http).get(path).set(s.bob.auth);
      expect(response.status).toBe(404);
      expect(response.text).not.toContain('Meeting notes');
    }
  });
});

describe('file downloads from S3 storage', () => {
  let s3: TestS3;
  let testApp: TestApp;
  let s: Awaited<ReturnType<typeof setUp>>;

  beforeAll(async () => {
    s3 = await startTestS3();
    testApp = await createTestApp({ env: s3.env, imports: [FilesTestHostModule] });
    s = await setUp(testApp);
  });
  afterAll(async () => {
    await testApp.close();
    await s3.close();
  });

  it('stores uploads and their variants in the bucket and serves them, ranges included', async () => {
    const keys = await s3.keys();
    const prefix = (file: FileBody) => `${s.project.projectId}/${file.id}`;
    expect(keys).toEqual(
      [
        `${prefix(s.notesFile)}/upload`,
        `${prefix(s.pictureFile)}/upload`,
        `${prefix(s.pictureFile)}/thumbnail.webp`,
        `${prefix(s.pictureFile)}/small.webp`,
        `${prefix(s.pictureFile)}/medium.webp`,
        `${prefix(s.blobFile)}/upload`,
      ].sort(),
    );
    const ranged = await request(testApp.http)
      .get(s.blobFile.originalPath)
      .set(s.bob.auth)
      .set('Range', 'bytes=5-14')
      .buffer(true)
      .parse(binary)
      .expect(206);
    expect(ranged.body).toEqual(s.blob.subarray(5, 15));
    const variant = await request(testApp.http)
      .get(s.pictureFile.image!.variants.small.publicPath)
      .set(s.bob.auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect((await sharp(variant.body as Buffer).metadata()).width).toBe(400);
    await request(testApp.http).get(s.notesFile.originalPath).set(s.carol.auth).expect(404);
  });
});
