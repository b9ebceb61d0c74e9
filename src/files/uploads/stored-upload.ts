import type { FileImageInfo, FileType } from '../file.entity.js';

/**
 * A file of a multipart message, already in storage, not yet attached to a message. The upload
 * interceptor puts them on the request (`req.uploads`) in the order of the parts.
 */
export interface StoredUpload {
  /** The id the file row will have; it is also part of the storage keys. */
  readonly fileId: string;
  readonly projectId: string;
  /** Where the file's bytes are (for an image whose metadata was stripped, the clean copy). */
  readonly storageKey: string;
  /** The client's filename, sanitized. */
  readonly originalName: string;
  /** Bytes stored under `storageKey`. */
  readonly size: number;
  /** Sniffed from the content. */
  readonly mimeType: string;
  readonly type: FileType;
  /** For images: dimensions, variants and processing outcome. Null for other files. */
  readonly image: FileImageInfo | null;
}

/** Every storage key an upload occupies: its bytes and its image variants. */
export function storageKeysOf(upload: Pick<StoredUpload, 'storageKey' | 'image'>): string[] {
  return [upload.storageKey, ...Object.values(upload.image?.variants ?? {}).map((variant) => variant.storageKey)];
}

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by `MessageUploadInterceptor` on multipart requests: the stored files, in part order. */
    uploads?: StoredUpload[];
  }
}
