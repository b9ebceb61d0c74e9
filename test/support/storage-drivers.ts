import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileStorage } from '../../src/files/storage/file-storage.js';
import { LocalFileStorage } from '../../src/files/storage/local-file-storage.js';
import { S3FileStorage } from '../../src/files/storage/s3-file-storage.js';
import { filesUnder } from './stored-files.js';
import { startTestS3 } from './test-s3.js';

/** A driver under test and a way to list what it really holds, bypassing the driver. */
export interface StorageSubject {
  storage: FileStorage;
  stored(): Promise<string[]>;
  close(): Promise<void>;
}

/** Both drivers, for `describe.each`: a temporary directory, and a bucket on a loopback s3rver. */
export const storageDrivers: [string, () => Promise<StorageSubject>][] = [
  [
    'local disk',
    async () => {
      const directory = await mkdtemp(join(tmpdir(), 'confab-storage-'));
      return {
        storage: new LocalFileStorage(directory),
        stored: () => filesUnder(directory),
        close: () => rm(directory, { recursive: true, force: true }),
      };
    },
  ],
  [
    'S3 (s3rver on loopback)',
    async () => {
      const s3 = await startTestS3();
      return { storage: new S3FileStorage(s3.options), stored: () => s3.keys(), close: () => s3.close() };
    },
  ],
];
