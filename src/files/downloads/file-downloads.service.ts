import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { FILE_ACCESS_PORT, type FileAccessPort } from '../file-access.port.js';
import type { FileEntity } from '../file.entity.js';
import { FileErrors } from '../files.errors.js';
import { FilesRepository } from '../files.repository.js';
import { type ByteRange, FILE_STORAGE, type FileStorage, StoredObjectNotFoundError } from '../storage/file-storage.js';
import { stemOf } from '../uploads/filename.js';

/** A stored object a user may download, with what its response headers need. */
export interface Download {
  storageKey: string;
  size: number;
  mimeType: string;
  filename: string;
  /** Images are shown in the page; anything else is saved, never rendered by the browser. */
  disposition: 'inline' | 'attachment';
  /** Strong: an object under a key never changes (every write gets a new key). */
  etag: string;
}

/**
 * Decides who may download a file (those who can read its message, per Chat's `FileAccessPort`)
 * and opens the bytes. Every refusal is the same 404 as a missing file, so nothing tells an
 * outsider that a file exists.
 */
@Injectable()
export class FileDownloadsService {
  private readonly logger = new Logger('Confab');

  constructor(
    private readonly files: FilesRepository,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    // Absent when Chat does not provide it (a host without Chat's routes): then nobody may download.
    @Optional() @Inject(FILE_ACCESS_PORT) private readonly access: FileAccessPort | null,
  ) {}

  /** The file itself, or its variant `variant`. */
  async find(projectId: string, userId: string, fileId: string, variant?: string): Promise<Download> {
    const file = await this.readableFile(projectId, userId, fileId);
    if (variant === undefined) {
      return {
        storageKey: file.storageKey,
        size: file.originalSize,
        mimeType: file.mimeType,
        filename: file.originalName,
        disposition: file.type === 'image' ? 'inline' : 'attachment',
        etag: etagOf(file.storageKey, file.originalSize),
      };
    }
    const variants = file.image?.variants ?? {};
    // Own keys only: a name such as `constructor` must not find something on the prototype.
    if (!Object.hasOwn(variants, variant)) throw FileErrors.variantNotFound();
    const { storageKey, size, format } = variants[variant];
    return {
      storageKey,
      size,
      mimeType: `image/${format}`,
      filename: `${stemOf(file.originalName)}-${variant}.${format}`,
      disposition: 'inline',
      etag: etagOf(storageKey, size),
    };
  }

  /** The download's bytes, or `range` of them. */
  async open(download: Download, range?: ByteRange): Promise<Readable> {
    try {
      return await this.storage.read(download.storageKey, range);
    } catch (error) {
      if (!(error instanceof StoredObjectNotFoundError)) throw error;
      this.logger.error(`Stored object ${download.storageKey} is missing although its file row exists.`);
      throw FileErrors.notFound();
    }
  }

  private async readableFile(projectId: string, userId: string, fileId: string): Promise<FileEntity> {
    const file = await this.files.findById(projectId, fileId);
    if (!file?.chatMessageId || !this.access) throw FileErrors.notFound();
    if (!(await this.access.canReadMessage(projectId, userId, file.chatMessageId))) throw FileErrors.notFound();
    return file;
  }
}

function etagOf(storageKey: string, size: number): string {
  return `"${createHash('sha256').update(`${storageKey}:${size}`).digest('base64url').slice(0, 27)}"`;
}
