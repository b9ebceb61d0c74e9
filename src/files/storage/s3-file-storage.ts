import { Readable, Transform } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { StorageOptions } from '../../common/config/confab-options.js';
import { assertStorageKey, type ByteRange, type FileStorage, StoredObjectNotFoundError } from './file-storage.js';

export type S3StorageOptions = Extract<StorageOptions, { driver: 's3' }>;

// S3's smallest multipart part. lib-storage holds one part in memory per upload in flight while
// it sends it; one part at a time keeps an upload's footprint at about this size.
const PART_SIZE = 5 * 1024 * 1024;

/**
 * Stores objects in an S3 bucket, or any S3-compatible service (MinIO, R2, Ceph...). Bodies stream
 * in parts of `PART_SIZE`: a small file is one PutObject, a large one a multipart upload that is
 * only completed once the body ended cleanly, so a failed body never becomes an object.
 */
export class S3FileStorage implements FileStorage {
  private readonly bucket: string;

  constructor(
    options: S3StorageOptions,
    private readonly client: S3Client = createS3Client(options),
  ) {
    this.bucket = options.bucket;
  }

  async write(key: string, body: Readable): Promise<{ size: number }> {
    assertStorageKey(key);
    let size = 0;
    let bodyError: unknown = null;
    const counted = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        callback(null, chunk);
      },
    });
    body.once('error', (error) => {
      bodyError ??= error;
      counted.destroy(error);
    });
    body.pipe(counted);
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: key, Body: counted, ContentType: 'application/octet-stream' },
      partSize: PART_SIZE,
      queueSize: 1,
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } catch (error) {
      // When the body failed, lib-storage aborts the multipart upload and may report the abort's
      // outcome instead; the body's error (a size limit, say) is the one that explains the failure.
      throw bodyError ?? error;
    }
    return { size };
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    assertStorageKey(key);
    try {
      const response = await this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Range: range ? `bytes=${range.start}-${range.end}` : undefined,
        }),
      );
      // In Node the SDK's body is an `http.IncomingMessage`, i.e. a Readable.
      return response.Body as Readable;
    } catch (error) {
      if (isNotFound(error)) throw new StoredObjectNotFoundError(key);
      throw error;
    }
  }

  async size(key: string): Promise<number | null> {
    assertStorageKey(key);
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return head.ContentLength ?? 0;
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertStorageKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  localPath(): null {
    return null;
  }
}

/** The S3 client for the configured service. */
export function createS3Client(options: S3StorageOptions): S3Client {
  return new S3Client({
    region: options.region,
    endpoint: options.endpoint ?? undefined,
    forcePathStyle: options.forcePathStyle,
    credentials:
      options.accessKeyId && options.secretAccessKey
        ? { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey }
        : undefined,
    // Recent SDKs add CRC checksums to every upload by default; several S3-compatible services
    // reject or mishandle them. Checksums only where the API requires them works everywhere.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

function isNotFound(error: unknown): boolean {
  if (error instanceof S3ServiceException) {
    return error.name === 'NoSuchKey' || error.name === 'NotFound' || error.$metadata.httpStatusCode === 404;
  }
  return false;
}
