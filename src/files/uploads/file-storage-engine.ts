import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import type { StorageEngine } from 'multer';
import type { FileStorage } from '../storage/file-storage.js';
import { sniffContentType } from './content-type.js';
import { sanitizeFilename } from './filename.js';
import { StorageKeys } from './storage-keys.js';
import { storageKeysOf, type StoredUpload } from './stored-upload.js';
import { type UploadLimits, UploadMeter } from './upload-meter.js';

/** What multer keeps for each file part once the engine has stored it. */
export interface StoredFilePart extends Express.Multer.File {
  upload: StoredUpload;
}

export interface FileStorageEngineOptions extends UploadLimits {
  projectId: string;
}

/**
 * A multer storage engine that streams each file part into `FileStorage` under a generated key,
 * through an `UploadMeter` that enforces the limits while the bytes flow, then sniffs the type.
 * One engine serves one request: it remembers everything it stored so that the request's failure
 * can remove all of it (a file that finishes storing after multer gave up on the request comes
 * back through `_removeFile`).
 */
export class FileStorageEngine implements StorageEngine {
  private readonly stored = new Set<StoredUpload>();

  constructor(
    private readonly storage: FileStorage,
    private readonly options: FileStorageEngineOptions,
  ) {}

  _handleFile(
    _req: Request,
    file: Express.Multer.File,
    callback: (error?: unknown, info?: Partial<StoredFilePart>) => void,
  ): void {
    this.store(file).then(
      (upload) => callback(null, { upload, size: upload.size }),
      (error: unknown) => callback(error),
    );
  }

  _removeFile(_req: Request, file: Express.Multer.File, callback: (error: Error | null) => void): void {
    const { upload } = file as Partial<StoredFilePart>;
    if (!upload) return callback(null);
    this.remove(upload).then(
      () => callback(null),
      (error: unknown) => callback(error as Error),
    );
  }

  /** Removes everything this engine stored and has not removed yet. */
  async removeAll(): Promise<void> {
    await Promise.all([...this.stored].map((upload) => this.remove(upload)));
  }

  private async remove(upload: StoredUpload): Promise<void> {
    this.stored.delete(upload);
    await Promise.all(storageKeysOf(upload).map((key) => this.storage.delete(key)));
  }

  private async store(file: Express.Multer.File): Promise<StoredUpload> {
    const { projectId, fileTooLarge } = this.options;
    const fileId = randomUUID();
    const storageKey = StorageKeys.upload(projectId, fileId);
    const meter = new UploadMeter(this.options);
    const source = file.stream;
    source.once('error', (error) => meter.destroy(error));
    meter.once('error', () => {
      // Discard the rest of this part so the parser can move on to the end of the request.
      source.unpipe(meter);
      source.resume();
    });
    source.pipe(meter);

    const { size } = await this.storage.write(storageKey, meter);
    let upload: StoredUpload;
    try {
      // busboy cuts a part at its size limit and flags it; the cut part is not the client's file.
      if ((source as typeof source & { truncated?: boolean }).truncated) throw fileTooLarge();
      const originalName = sanitizeFilename(file.originalname);
      const { mimeType, type } = await sniffContentType(meter.head(), originalName, meter.headIsComplete());
      upload = { fileId, projectId, storageKey, originalName, size, mimeType, type, image: null };
    } catch (error) {
      await this.storage.delete(storageKey);
      throw error;
    }
    this.stored.add(upload);
    return upload;
  }
}
