import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type NodeServer, startNodeServer } from '../../bench/support/processes.js';
import { createGroup, messagesPath } from '../support/chat.js';
import { sparseFile } from '../support/file-fixtures.js';
import { createProject, createUser, type TestProject, type TestUser } from '../support/factories.js';
import { MEMORY_SAMPLER_NODE_ARGS, measurePeakGrowth } from '../support/memory-probe.js';
import { buildServer } from '../support/server-build.js';
import { filesUnder } from '../support/stored-files.js';
import { streamUpload } from '../support/stream-upload.js';
import { TEST_ADMIN_TOKEN } from '../support/test-app.js';
import { adminQuery, createTestDatabase, type TestDatabase } from '../support/test-database.js';

const MiB = 1024 * 1024;
// Streaming holds a few chunks per stage; buffering a 60 MiB upload holds at least the 50 MiB read
// before the limit.
const STREAMING_BUDGET = 5 * MiB;
// Sent at this pace, an upload lasts a couple of seconds: long enough to be sampled often.
const UPLOAD_SPEED = 25 * MiB;
// Besides the sampler's timer, a sample every 8 MiB sent: a loaded machine cannot leave an upload unmeasured.
const sampleEvery = (sample: () => void) => ({ every: 8 * MiB, call: sample });

// The standalone server, built and run as its own process with the sampler preloaded: what is
// measured is the server's memory alone, as it would run in production.
describe('upload memory of the standalone server', () => {
  let build: Awaited<ReturnType<typeof buildServer>>;
  let db: TestDatabase;
  let dataDir: string;
  let server: NodeServer;
  let project: TestProject;
  let alice: TestUser;
  let url: string;
  let sixty: string;

  beforeAll(async () => {
    [build, db, dataDir] = await Promise.all([
      buildServer(),
      createTestDatabase(),
      mkdtemp(join(tmpdir(), 'confab-memory-')),
    ]);
    server = await startNodeServer(
      build.main,
      { DATABASE_URL: db.url, DATA_DIR: dataDir, ADMIN_TOKEN: TEST_ADMIN_TOKEN, LOG_LEVEL: 'error' },
      { nodeArgs: MEMORY_SAMPLER_NODE_ARGS, ipc: true },
    );
    const target = { http: server.url, config: { apiPrefix: 'v7' } };
    project = await createProject(target);
    alice = await createUser(target, project);
    const bob = await createUser(target, project);
    url = `${server.url}${messagesPath(project, await createGroup(target, project, alice, [bob]))}`;
    sixty = await sparseFile(dataDir, 'sixty.bin', 60 * MiB);
    // Warm the multipart path up, so that loading its code does not count as upload memory.
    expect(
      (await streamUpload(url, alice.auth, await sparseFile(dataDir, 'small.bin', 1000), 'small.bin')).status,
    ).toBe(201);
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await db?.drop();
    await rm(dataDir, { recursive: true, force: true });
    await build?.remove();
  });

  const count = async (table: 'chat_messages' | 'files') =>
    (await adminQuery(db.url, `SELECT count(*)::int AS n FROM ${table}`)).rows[0] as { n: number };

  it('streams a 40 MB attachment into storage while holding no more than a few MB of it', async () => {
    const forty = await sparseFile(dataDir, 'forty.bin', 40 * 1000 * 1000);
    const { result, peak, samples } = await measurePeakGrowth(server.child, (sample) =>
      streamUpload(url, alice.auth, forty, 'forty.bin', {
        bytesPerSecond: UPLOAD_SPEED,
        progress: sampleEvery(sample),
      }),
    );
    expect(result.status).toBe(201);
    expect((result.body as { files: { originalSize: number }[] }).files[0].originalSize).toBe(40 * 1000 * 1000);
    expect(samples).toBeGreaterThanOrEqual(4);
    expect(peak).toBeLessThan(STREAMING_BUDGET);
  }, 60_000);

  it('refuses a 60 MiB attachment with 413 while holding no more than a few MB, and keeps nothing', async () => {
    const storage = join(dataDir, 'files');
    const before = {
      messages: await count('chat_messages'),
      files: await count('files'),
      stored: await filesUnder(storage),
    };

    const { result, peak, samples } = await measurePeakGrowth(server.child, (sample) =>
      streamUpload(url, alice.auth, sixty, 'sixty.bin', {
        bytesPerSecond: UPLOAD_SPEED,
        progress: sampleEvery(sample),
      }),
    );
    expect(result).toEqual({
      status: 413,
      body: { error: 'File size exceeds the allowed limit of 50MB', code: 'storage/file-too-large' },
    });
    expect(samples).toBeGreaterThanOrEqual(4);
    expect(peak).toBeLessThan(STREAMING_BUDGET);
    expect({
      messages: await count('chat_messages'),
      files: await count('files'),
      stored: await filesUnder(storage),
    }).toEqual(before);
  }, 60_000);

  it('would catch a server that buffers uploads: the same sampler sees the body held in memory', async () => {
    const buffering = await startNodeServer(
      fileURLToPath(new URL('../support/buffering-server.js', import.meta.url)),
      {},
      { nodeArgs: MEMORY_SAMPLER_NODE_ARGS, ipc: true },
    );
    try {
      const { result, peak } = await measurePeakGrowth(buffering.child, (sample) =>
        streamUpload(buffering.url, {}, sixty, 'sixty.bin', {
          bytesPerSecond: UPLOAD_SPEED,
          progress: sampleEvery(sample),
        }),
      );
      expect(result).toEqual({ status: 201, body: { bytes: expect.any(Number) } });
      expect(peak).toBeGreaterThan(50 * MiB);
    } finally {
      await buffering.stop();
    }
  }, 60_000);
});
