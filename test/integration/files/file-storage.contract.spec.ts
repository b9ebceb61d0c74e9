import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { StoredObjectNotFoundError } from '../../../src/files/storage/file-storage.js';
import { type StorageSubject, storageDrivers } from '../../support/storage-drivers.js';

const MiB = 1024 * 1024;

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** `size` bytes in 64 KiB chunks, then an error instead of the end when `failAfter` is reached. */
function body(bytes: Buffer, failAfter?: number, error = new Error('client went away')): Readable {
  let offset = 0;
  return new Readable({
    read() {
      if (failAfter !== undefined && offset >= failAfter) return this.destroy(error);
      if (offset >= bytes.length) return void this.push(null);
      const chunk = bytes.subarray(offset, offset + 64 * 1024);
      offset += chunk.length;
      this.push(chunk);
    },
  });
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
// Keys shaped as the application makes them: <projectId>/<fileId>/<object>.
const PROJECT = randomUUID();
const key = (object = 'upload') => `${PROJECT}/${randomUUID()}/${object}`;

describe.each(storageDrivers)('FileStorage contract: %s', (_, makeSubject) => {
  let subject: StorageSubject;
  beforeAll(async () => (subject = await makeSubject()));
  afterAll(() => subject.close());

  it('stores a stream and gives the same bytes back, reporting their number', async () => {
    const bytes = randomBytes(300_000);
    const k = key();
    expect(await subject.storage.write(k, body(bytes))).toEqual({ size: bytes.length });
    expect(sha256(await readAll(await subject.storage.read(k)))).toBe(sha256(bytes));
    expect(await subject.storage.size(k)).toBe(bytes.length);
  });

  it('stores a body of several S3 parts intact', async () => {
    const bytes = randomBytes(12 * MiB + 123);
    const k = key();
    expect(await subject.storage.write(k, body(bytes))).toEqual({ size: bytes.length });
    expect(sha256(await readAll(await subject.storage.read(k)))).toBe(sha256(bytes));
  });

  it('stores an empty body', async () => {
    const k = key();
    expect(await subject.storage.write(k, body(Buffer.alloc(0)))).toEqual({ size: 0 });
    expect(await readAll(await subject.storage.read(k))).toHaveLength(0);
  });

  it('reads an inclusive byte range', async () => {
    const bytes = randomBytes(10_000);
    const k = key();
    await subject.storage.write(k, body(bytes));
    expect(await readAll(await subject.storage.read(k, { start: 100, end: 199 }))).toEqual(bytes.subarray(100, 200));
    expect(await readAll(await subject.storage.read(k, { start: 9_999, end: 9_999 }))).toEqual(bytes.subarray(9_999));
  });

  it('rejects reading a missing object with StoredObjectNotFoundError, and sizes it null', async () => {
    const k = key();
    await expect(subject.storage.read(k)).rejects.toBeInstanceOf(StoredObjectNotFoundError);
    expect(await subject.storage.size(k)).toBeNull();
  });

  it('deletes an object, and deleting a missing object succeeds', async () => {
    const k = key();
    await subject.storage.write(k, body(randomBytes(10)));
    await subject.storage.delete(k);
    expect(await subject.storage.size(k)).toBeNull();
    const fileId = k.split('/')[1];
    expect((await subject.stored()).filter((path) => path.includes(fileId))).toEqual([]);
    await expect(subject.storage.delete(k)).resolves.toBeUndefined();
  });

  it.each([
    ['within the first part', 100_000],
    ['after several parts', 11 * MiB],
  ])('leaves nothing when the body fails %s, and rejects with the body error', async (_, failAfter) => {
    const before = await subject.stored();
    const k = key();
    const limit = new Error('file too large');
    await expect(subject.storage.write(k, body(randomBytes(12 * MiB), failAfter, limit))).rejects.toBe(limit);
    expect(await subject.storage.size(k)).toBeNull();
    expect(await subject.stored()).toEqual(before);
  });

  it('shows nothing under the key until the write has completed', async () => {
    const k = key();
    const incoming = new PassThrough();
    const writing = subject.storage.write(k, incoming);
    incoming.write(randomBytes(1000));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await subject.storage.size(k)).toBeNull();
    incoming.end(randomBytes(1000));
    await writing;
    expect(await subject.storage.size(k)).toBe(2000);
  });

  it.each(['../escape', '/etc/passwd', 'a/../../b', 'a\\b', '.hidden/x', 'a//b', '', 'a/./b'])(
    'refuses the key %j',
    async (bad) => {
      await expect(subject.storage.write(bad, body(Buffer.from('x')))).rejects.toThrow('Refusing storage key');
      await expect(subject.storage.read(bad)).rejects.toThrow('Refusing storage key');
      await expect(subject.storage.delete(bad)).rejects.toThrow('Refusing storage key');
    },
  );
});
