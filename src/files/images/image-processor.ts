import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import sharp, { type Metadata, type Sharp, type SharpOptions } from 'sharp';
import type { FileImageInfo } from '../file.entity.js';
import { FileErrors } from '../files.errors.js';
import { FILE_STORAGE, type FileStorage } from '../storage/file-storage.js';
import { StorageKeys } from '../uploads/storage-keys.js';
import type { StoredUpload } from '../uploads/stored-upload.js';

/** The variants made of every image: WebP, this wide at most, never upscaled. */
const IMAGE_VARIANTS = [
  { name: 'thumbnail', width: 150 },
  { name: 'small', width: 400 },
  { name: 'medium', width: 800 },
] as const;

const VARIANT_FORMAT = 'webp';
const VARIANT_QUALITY = 85;

/** Larger images are refused (413): decoding one costs hundreds of MB. */
const MAX_IMAGE_PIXELS = 50_000_000;

// What libvips decodes that browsers also show (AVIF is `heif` to sharp). Anything else sharp could open (SVG, PDF, RAW...)
// is not processed even when its bytes sniffed as an image.
const PROCESSED_FORMATS = new Set<string>(['jpeg', 'png', 'webp', 'gif', 'tiff', 'heif']);

// Decoding images is memory- and CPU-heavy; at most this many run at once in the process.
const CONCURRENT_IMAGES = 2;

const INPUT: SharpOptions = { autoOrient: true, limitInputPixels: MAX_IMAGE_PIXELS };

/**
 * Processes an uploaded image: records its dimensions, writes the WebP variants, and replaces the
 * upload with a re-encoded copy when it carries metadata (EXIF with its GPS position, XMP, IPTC,
 * comments), oriented as the EXIF said. Nothing the client sent survives in what is served.
 *
 * Runs before the message's transaction. Any processing failure is recorded on the file
 * (`processingStatus: 'failed'`, the upload kept as sent) rather than failing the message; only an
 * image over `MAX_IMAGE_PIXELS` is refused.
 */
@Injectable()
export class ImageProcessor {
  private readonly logger = new Logger('Confab');
  private readonly slots = new Slots(CONCURRENT_IMAGES);

  constructor(@Inject(FILE_STORAGE) private readonly storage: FileStorage) {}

  /** The upload with its `image` set, and possibly a new `storageKey` and `size`. */
  async process(upload: StoredUpload): Promise<StoredUpload> {
    return this.slots.run(() => this.processNow(upload));
  }

  private async processNow(upload: StoredUpload): Promise<StoredUpload> {
    // sharp buffers a stream input whole, but reads a file in place: work from files on disk.
    const work = await mkdtemp(join(tmpdir(), 'confab-image-'));
    try {
      const input = this.storage.localPath(upload.storageKey) ?? (await this.copyToDisk(upload.storageKey, work));
      let metadata: Metadata;
      try {
        metadata = await sharp(input).metadata();
      } catch (error) {
        this.logger.warn(`Image ${upload.fileId} not readable: ${(error as Error).message}`);
        return failed(upload, 'The image could not be read.', null);
      }
      if (!PROCESSED_FORMATS.has(metadata.format)) {
        return failed(upload, `Images in the ${metadata.format} format are not processed.`, null);
      }
      if (metadata.width * (metadata.pageHeight ?? metadata.height) > MAX_IMAGE_PIXELS) {
        throw FileErrors.imageTooLarge(MAX_IMAGE_PIXELS);
      }
      return await this.transform(upload, input, metadata, work);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }

  private async transform(upload: StoredUpload, input: string, metadata: Metadata, work: string) {
    const dimensions = metadata.autoOrient;
    const written: string[] = [];
    try {
      const variants: FileImageInfo['variants'] = {};
      for (const { name, width } of IMAGE_VARIANTS) {
        const path = join(work, `${name}.${VARIANT_FORMAT}`);
        const info = await sharp(input, INPUT)
          .resize({ width, withoutEnlargement: true })
          .webp({ quality: VARIANT_QUALITY })
          .toFile(path);
        const storageKey = StorageKeys.variant(upload.projectId, upload.fileId, name, VARIANT_FORMAT);
        const { size } = await this.storage.write(storageKey, createReadStream(path));
        written.push(storageKey);
        variants[name] = { storageKey, width: info.width, height: info.height, size, format: VARIANT_FORMAT };
      }

      let { storageKey, size } = upload;
      if (carriesMetadata(metadata)) {
        const path = join(work, 'original');
        await reencodeWithoutMetadata(input, metadata).toFile(path);
        storageKey = StorageKeys.original(upload.projectId, upload.fileId);
        ({ size } = await this.storage.write(storageKey, createReadStream(path)));
        written.push(storageKey);
        await this.storage.delete(upload.storageKey);
      }

      const image: FileImageInfo = {
        originalWidth: dimensions.width,
        originalHeight: dimensions.height,
        variants,
        processingStatus: 'completed',
        processingError: null,
        format: VARIANT_FORMAT,
        quality: VARIANT_QUALITY,
        exifStripped: true,
      };
      return { ...upload, storageKey, size, image };
    } catch (error) {
      await Promise.all(written.map((key) => this.storage.delete(key).catch(() => {})));
      this.logger.warn(`Image ${upload.fileId} not processed: ${(error as Error).message}`);
      return failed(upload, 'The image could not be processed.', dimensions);
    }
  }

  private async copyToDisk(key: string, work: string): Promise<string> {
    const path = join(work, 'source');
    await pipeline(await this.storage.read(key), createWriteStream(path));
    return path;
  }
}

function carriesMetadata(metadata: Metadata): boolean {
  return Boolean(
    metadata.exif || metadata.xmp || metadata.iptc || metadata.tifftagPhotoshop || metadata.comments?.length,
  );
}

/** The same image in the same format, upright, with its colour profile and nothing else. */
function reencodeWithoutMetadata(input: string, metadata: Metadata): Sharp {
  const animated = (metadata.pages ?? 1) > 1 && (metadata.format === 'gif' || metadata.format === 'webp');
  const image = sharp(input, { ...INPUT, animated }).keepIccProfile();
  const encode = ENCODERS[metadata.format];
  if (!encode || (metadata.format === 'heif' && metadata.compression !== 'av1')) {
    // HEIC (HEVC) is readable where libheif has a decoder, but sharp's build has no encoder.
    throw new Error(
      `Images in the ${metadata.format} format (${metadata.compression ?? 'default'}) cannot be re-encoded.`,
    );
  }
  return encode(image, metadata);
}

const ENCODERS: Partial<Record<Metadata['format'], (image: Sharp, metadata: Metadata) => Sharp>> = {
  jpeg: (image) => image.jpeg({ quality: 92 }),
  png: (image, metadata) => image.png({ palette: metadata.isPalette }),
  webp: (image) => image.webp({ quality: 90 }),
  gif: (image) => image.gif(),
  tiff: (image) => image.tiff(),
  heif: (image) => image.avif({ quality: 70 }),
};

// The reason is ours, never the library's message: that one can name server paths.
function failed(
  upload: StoredUpload,
  reason: string,
  dimensions: { width: number; height: number } | null,
): StoredUpload {
  const image: FileImageInfo = {
    originalWidth: dimensions?.width ?? null,
    originalHeight: dimensions?.height ?? null,
    variants: {},
    processingStatus: 'failed',
    processingError: reason,
    format: VARIANT_FORMAT,
    quality: VARIANT_QUALITY,
    exifStripped: false,
  };
  return { ...upload, image };
}

/** A counting semaphore: at most `size` tasks run at once, the others wait in order. */
class Slots {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly size: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
