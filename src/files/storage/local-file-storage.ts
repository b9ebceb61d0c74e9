import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, rmdir, stat } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertStorageKey, type ByteRange, type FileStorage, StoredObjectNotFoundError } from './file-storage.js';

/**
 * Stores objects as files under one directory. A write goes to a temporary name beside its target
 * and is renamed into place once complete, so a reader never sees a partial file and a failed write
 * leaves nothing behind.
 */
export class LocalFileStorage implements FileStorage {
  private readonly root: string;

  constructor(directory: string) {
    this.root = resolve(directory);
  }

  async write(key: string, body: Readable): Promise<{ size: number }> {
    const target = this.pathOf(key);
    await mkdir(dirname(target), { recursive: true });
    const partial = `${target}.${randomBytes(6).toString('hex')}.part`;
    try {
      await pipeline(body, createWriteStream(partial, { flags: 'wx' }));
      const { size } = await stat(partial);
      await rename(partial, target);
      return { size };
    } catch (error) {
      await rm(partial, { force: true });
      await this.removeEmptyParent(target);
      throw error;
    }
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    const path = this.pathOf(key);
    // Open first so a missing object is a rejection here, not an error event mid-response.
    const handle = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
      throw error.code === 'ENOENT' ? new StoredObjectNotFoundError(key) : error;
    });
    return handle.createReadStream({ start: range?.start, end: range?.end });
  }

  async size(key: string): Promise<number | null> {
    try {
      return (await stat(this.pathOf(key))).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    const path = this.pathOf(key);
    await rm(path, { force: true });
    await this.removeEmptyParent(path);
  }

  localPath(key: string): string {
    return this.pathOf(key);
  }

  private pathOf(key: string): string {
    assertStorageKey(key);
    const path = resolve(this.root, key);
    // The key pattern already excludes traversal; this is the second lock on the same door.
    if (!path.startsWith(this.root + sep)) throw new Error(`Refusing storage key "${key}".`);
    return path;
  }

  // Each file's objects share a directory of their own: remove it once it is empty. Directories
  // above it are shared with concurrent writers, so they stay.
  private async removeEmptyParent(path: string): Promise<void> {
    const parent = dirname(path);
    if (parent === this.root) return;
    await rmdir(parent).catch(() => {});
  }
}
