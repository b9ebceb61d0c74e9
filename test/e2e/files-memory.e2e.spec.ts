import { randomUUID } from 'node:crypto';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Controller, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { createConversation, createMessage, fileRows } from '../support/chat-rows.js';
import { createProject, createUser, type TestProject, type TestUser } from '../support/factories.js';
import { FilesTestHostModule } from '../support/files-test-host.js';
import { measurePeakGrowth } from '../support/memory-probe.js';
import { filesUnder } from '../support/stored-files.js';
import { streamUpload } from '../support/stream-upload.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const MiB = 1024 * 1024;
// Streaming holds a few chunks per stage; buffering a refused 60 MiB upload holds at least the
// 50 MiB read before the limit.
const STREAMING_BUDGET = 5 * MiB;
// Sent at this pace (60 MiB in about two seconds), the upload lasts long enough to be sampled often.
const UPLOAD_SPEED = 30 * MiB;
// Besides the probe's timer, a sample every 8 MiB sent: a loaded machine cannot leave the upload unmeasured.
const sampleEvery = (sample: () => void) => ({ every: 8 * MiB, call: sample });

/** What the upload path must not do: read the whole body into memory. It proves the probe sees it. */
@Controller('test/buffering')
class BufferingController {
  @Post()
  async swallow(@Req() request: Request): Promise<{ bytes: number }> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    await new Promise((resolve) => setTimeout(resolve, 200));
    return { bytes: Buffer.concat(chunks).length };
  }
}

describe('upload memory', () => {
  let testApp: TestApp;
  let project: TestProject;
  let alice: TestUser;
  let url: string;
  let workDir: string;
  let bigFile: string;

  beforeAll(async () => {
    testApp = await createTestApp({ listen: true, imports: [FilesTestHostModule], controllers: [BufferingController] });
    const db = testApp.app.get(DataSource);
    project = await createProject(testApp);
    alice = await createUser(testApp, project);
    const conversationId = await createConversation(db, project.projectId, [alice.id]);
    const messageId = await createMessage(db, project.projectId, conversationId, alice.id);
    url = `${testApp.url}/test/${project.projectId}/messages/${messageId}/files`;

    // 60 MiB on disk without writing 60 MiB: a sparse file reads back as zeros.
    workDir = await mkdtemp(join(tmpdir(), 'confab-memory-'));
    bigFile = join(workDir, `${randomUUID()}.bin`);
    const handle = await open(bigFile, 'w');
    await handle.truncate(60 * MiB);
    await handle.close();
  });
  afterAll(async () => {
    await testApp.close();
    await rm(workDir, { recursive: true, force: true });
  });

  it('refuses a 60 MiB upload with 413 while holding no more than a few MB, and stores nothing', async () => {
    // Warm up the route first, so loading code does not count as upload memory.
    const small = join(workDir, 'small.bin');
    await (await open(small, 'w')).close();
    expect((await streamUpload(url, alice.auth, small, 'small.bin')).status).toBe(201);
    await testApp.app.get(DataSource).query(`DELETE FROM files WHERE project_id = $1`, [project.projectId]);
    const storage = testApp.config.storage;
    if (storage.driver !== 'local') throw new Error('expects local storage');
    await rm(storage.directory, { recursive: true, force: true });

    const { result, peak, samples } = await measurePeakGrowth((sample) =>
      streamUpload(url, alice.auth, bigFile, 'big.bin', {
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
    expect(await filesUnder(storage.directory)).toEqual([]);
    expect(await fileRows(testApp.app.get(DataSource), { projectId: project.projectId })).toEqual([]);
  });

  it('would catch an upload that is buffered: the same probe sees the body held in memory', async () => {
    const { result, peak } = await measurePeakGrowth((sample) =>
      streamUpload(`${testApp.url}/test/buffering`, {}, bigFile, 'big.bin', {
        bytesPerSecond: UPLOAD_SPEED,
        progress: sampleEvery(sample),
      }),
    );
    expect(result.status).toBe(201);
    expect(peak).toBeGreaterThan(50 * MiB);
  });
});
