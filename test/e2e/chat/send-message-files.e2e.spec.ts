import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { chatState, createGroup, messagesPath, sql } from '../../support/chat.js';
import { apiKeyAuth, createProject, createUser, type TestProject, type TestUser } from '../../support/factories.js';
import { png, sparseFile, windowsExecutable } from '../../support/file-fixtures.js';
import { sendAs } from '../../support/send-encodings.js';
import { addMember, createSpace } from '../../support/spaces.js';
import { filesUnder } from '../../support/stored-files.js';
import { streamUpload } from '../../support/stream-upload.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';

const MiB = 1024 * 1024;

describe('Send Message with attachments', () => {
  let testApp: TestApp;
  let project: TestProject;
  let alice: TestUser;
  let bob: TestUser;
  let outsider: TestUser;
  let conversationId: string;
  let storageDirectory: string;

  beforeAll(async () => {
    testApp = await createTestApp({ listen: true, env: { MAX_FILE_BYTES: String(45 * MiB) } });
    project = await createProject(testApp);
    [alice, bob, outsider] = await Promise.all([
      createUser(testApp, project),
      createUser(testApp, project),
      createUser(testApp, project),
    ]);
    conversationId = await createGroup(testApp, project, alice, [bob]);
    if (testApp.config.storage.driver !== 'local') throw new Error('expects local storage');
    storageDirectory = testApp.config.storage.directory;
  });
  afterAll(() => testApp.close());

  const path = () => messagesPath(project, conversationId);
  const text = (content: string) => ({ name: 'notes.txt', content: Buffer.from(content) });

  /** Sends, expects the error, and that nothing changed: rows, counters, stored bytes. */
  async function expectNothingKept(
    send: () => request.Test,
    status: number,
    expected: Record<string, unknown>,
  ): Promise<void> {
    const before = { state: await chatState(testApp, conversationId), stored: await filesUnder(storageDirectory) };
    const response = await send();
    expect({ status: response.status, body: response.body }).toEqual({
      status,
      body: expect.objectContaining(expected),
    });
    expect({ state: await chatState(testApp, conversationId), stored: await filesUnder(storageDirectory) }).toEqual(
      before,
    );
    expect(
      await sql(testApp, 'SELECT count(*)::int AS n FROM files WHERE project_id = $1 AND chat_message_id IS NULL', [
        project.projectId,
      ]),
    ).toEqual([{ n: 0 }]);
  }

  it('stores the parts in order, typed by their content, and returns them on the message', async () => {
    const picture = await png(320, 200);
    const response = await sendAs(
      testApp,
      'multipart',
      path(),
      alice.auth,
      { content: 'two files', localId: 'L-files' },
      [{ name: 'photo.bin', content: picture, contentType: 'application/octet-stream' }, text('plain words\n')],
    ).expect(201);

    expect(response.body).toMatchObject({
      content: 'two files',
      localId: 'L-files',
      reactionCounts: {},
      userReactions: [],
    });
    expect(response.body.files).toEqual([
      expect.objectContaining({
        position: 0,
        type: 'image',
        originalMimeType: 'image/png',
        originalSize: picture.length,
        chatMessageId: response.body.id,
        userId: alice.id,
        image: expect.objectContaining({ originalWidth: 320, originalHeight: 200 }),
      }),
      expect.objectContaining({ position: 1, type: 'document', originalMimeType: 'text/plain', originalSize: 12 }),
    ]);
    const rows = await sql(
      testApp,
      'SELECT position, mime_type FROM files WHERE chat_message_id = $1 ORDER BY position',
      [response.body.id],
    );
    expect(rows).toEqual([
      { position: 0, mime_type: 'image/png' },
      { position: 1, mime_type: 'text/plain' },
    ]);

    // The history shows files on request; the single message always.
    const listed = await request(testApp.http)
      .get(path())
      .query({ include: 'files', limit: 1 })
      .set(bob.auth)
      .expect(200);
    expect(listed.body.messages[0].files).toHaveLength(2);
    const plain = await request(testApp.http).get(path()).query({ limit: 1 }).set(bob.auth).expect(200);
    expect(plain.body.messages[0]).not.toHaveProperty('files');
    const single = await request(testApp.http).get(`${path()}/${response.body.id}`).set(bob.auth).expect(200);
    expect(single.body.files.map((file: { id: string }) => file.id)).toEqual(
      response.body.files.map((file: { id: string }) => file.id),
    );
  });

  it('sends a file alone, with content null, and does not call an executable an image', async () => {
    const response = await sendAs(testApp, 'multipart', path(), alice.auth, {}, [
      { name: 'cat.png', content: windowsExecutable(), contentType: 'image/png' },
    ]).expect(201);
    expect(response.body.content).toBeNull();
    expect(response.body.files[0]).toMatchObject({ type: 'other', originalMimeType: 'application/x-msdownload' });
  });

  it('serves the attachment to members only, and removes it from storage when its author deletes the message', async () => {
    const response = await sendAs(testApp, 'multipart', path(), alice.auth, { content: 'doc' }, [
      text('secret plans'),
    ]).expect(201);
    const [file] = response.body.files as { id: string; originalPath: string }[];
    const download = await request(testApp.http).get(file.originalPath).set(bob.auth).expect(200);
    expect(download.text).toBe('secret plans');
    expect((await request(testApp.http).get(file.originalPath).set(outsider.auth).expect(404)).body.code).toBe(
      'file/not-found',
    );

    const storedBefore = await filesUnder(storageDirectory);
    await request(testApp.http).delete(`${path()}/${response.body.id}`).set(alice.auth).expect(200);
    const storedAfter = await filesUnder(storageDirectory);
    expect(storedBefore.filter((key) => !storedAfter.includes(key)).some((key) => key.includes(file.id))).toBe(true);
    expect(await sql(testApp, 'SELECT count(*)::int AS n FROM files WHERE id = $1', [file.id])).toEqual([{ n: 0 }]);
    await request(testApp.http).get(file.originalPath).set(bob.auth).expect(404);
  });

  it('accepts 10 files and refuses 11 with chat/too-many-files, keeping nothing', async () => {
    const ten = Array.from({ length: 10 }, (_, i) => text(`file ${i}`));
    expect((await sendAs(testApp, 'multipart', path(), alice.auth, {}, ten).expect(201)).body.files).toHaveLength(10);
    await expectNothingKept(
      () => sendAs(testApp, 'multipart', path(), alice.auth, { content: 'too many' }, [...ten, text('eleven')]),
      400,
      { code: 'chat/too-many-files', error: 'A message can have at most 10 files.' },
    );
  });

  it.each([
    ['content over 4000 characters', { content: 'x'.repeat(4001) }, 'chat/content-too-long'],
    ['metadata over 10 KB', { metadata: { k: 'x'.repeat(10240) } }, 'chat/metadata-too-large'],
    ['a parent in no conversation', { parentMessageId: randomUUID() }, 'chat/invalid-parent'],
    ['a quote in no conversation', { quotedMessageId: randomUUID() }, 'chat/invalid-quote'],
    ['an unknown mention', { mentions: [{ type: 'user', id: randomUUID(), username: 'x' }] }, 'chat/invalid-mentions'],
    ['an unknown field', { colour: 'red' }, 'chat/invalid-body'],
  ])('leaves no message, counter or stored file when refused for %s after the files were stored', (_, fields, code) =>
    expectNothingKept(
      () =>
        sendAs(testApp, 'multipart', path(), alice.auth, fields, [
          text('kept?'),
          { name: 'p.png', content: Buffer.alloc(64, 1) },
        ]),
      400,
      { code },
    ),
  );

  it('stores nothing for a non-member, who is refused before the body is read', () =>
    expectNothingKept(
      () => sendAs(testApp, 'multipart', path(), outsider.auth, { content: 'hi' }, [text('nope')]),
      403,
      {
        code: 'chat/not-a-member',
      },
    ));

  it('refuses a file over MAX_FILE_BYTES with 413 storage/file-too-large, keeping nothing', async () => {
    const workDir = await mkdtemp(join(tmpdir(), 'confab-send-'));
    try {
      const big = await sparseFile(workDir, 'big.bin', 46 * MiB);
      const before = { state: await chatState(testApp, conversationId), stored: await filesUnder(storageDirectory) };
      const result = await streamUpload(`${testApp.url}${path()}`, alice.auth, big, 'big.bin');
      expect(result).toMatchObject({ status: 413, body: { code: 'storage/file-too-large' } });
      expect({ state: await chatState(testApp, conversationId), stored: await filesUnder(storageDirectory) }).toEqual(
        before,
      );
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  });

  it('keeps nothing when the membership ends while the files upload: the write finds it ended', async () => {
    const dana = await createUser(testApp, project);
    const group = await createGroup(testApp, project, alice, [dana]);
    const workDir = await mkdtemp(join(tmpdir(), 'confab-send-'));
    try {
      const file = await sparseFile(workDir, 'slow.bin', 4 * MiB);
      const storedBefore = await filesUnder(storageDirectory);

      // About two seconds of upload; the removal lands in the middle of it.
      const upload = streamUpload(`${testApp.url}${messagesPath(project, group)}`, dana.auth, file, 'slow.bin', {
        bytesPerSecond: 2 * MiB,
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      await request(testApp.http)
        .delete(`${project.base}/chat/conversations/${group}/members/${dana.id}`)
        .set(alice.auth)
        .expect(200);

      expect(await upload).toMatchObject({ status: 403, body: { code: 'chat/not-a-member' } });
      expect(
        await sql(testApp, 'SELECT count(*)::int AS n FROM chat_messages WHERE conversation_id = $1', [group]),
      ).toEqual([{ n: 0 }]);
      expect(await sql(testApp, 'SELECT last_message_at FROM conversations WHERE id = $1', [group])).toEqual([
        { last_message_at: null },
      ]);
      expect(await filesUnder(storageDirectory)).toEqual(storedBefore);
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  });

  it('refuses a multipart send when the space chat turns admin-only while its files upload', async () => {
    const dana = await createUser(testApp, project);
    const space = await createSpace(testApp, project, alice);
    await addMember(testApp, project, space, alice, dana);
    const spaceChat = (
      await request(testApp.http).get(`${project.base}/chat/spaces/${space.id}/conversation`).set(dana.auth).expect(200)
    ).body.id as string;
    const workDir = await mkdtemp(join(tmpdir(), 'confab-send-'));
    try {
      const file = await sparseFile(workDir, 'slow.bin', 4 * MiB);
      const storedBefore = await filesUnder(storageDirectory);

      // About two seconds of upload; the guards admitted dana before the change lands.
      const upload = streamUpload(`${testApp.url}${messagesPath(project, spaceChat)}`, dana.auth, file, 'slow.bin', {
        bytesPerSecond: 2 * MiB,
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      await request(testApp.http)
        .patch(`${project.base}/chat/conversations/${spaceChat}`)
        .set(alice.auth)
        .send({ postingPermission: 'admins' })
        .expect(200);

      expect(await upload).toMatchObject({ status: 403, body: { code: 'chat/posting-restricted' } });
      expect(
        await sql(testApp, 'SELECT count(*)::int AS n FROM chat_messages WHERE conversation_id = $1', [spaceChat]),
      ).toEqual([{ n: 0 }]);
      expect(await filesUnder(storageDirectory)).toEqual(storedBefore);
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  });

  it('accepts a userId field that repeats the acting user, and refuses one naming someone else', async () => {
    await sendAs(testApp, 'multipart', path(), alice.auth, { userId: alice.id, content: 'me' }, [text('a')]).expect(
      201,
    );
    const response = await sendAs(testApp, 'multipart', path(), alice.auth, { userId: bob.id, content: 'not me' }, [
      text('b'),
    ]).expect(403);
    expect(response.body.code).toBe('chat/unauthorized');
  });

  it('takes the acting user from the query string when the API key sends multipart', async () => {
    const response = await sendAs(
      testApp,
      'multipart',
      `${path()}?userId=${bob.id}`,
      apiKeyAuth(project),
      { content: 'server' },
      [text('from the server')],
    ).expect(201);
    expect(response.body).toMatchObject({ userId: bob.id, files: [expect.objectContaining({ userId: bob.id })] });
  });
});
