import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import sharp from 'sharp';
import { AppError } from '../../../src/common/errors/app-error.js';
import { ImageProcessor } from '../../../src/files/images/image-processor.js';
import { StorageKeys } from '../../../src/files/uploads/storage-keys.js';
import type { StoredUpload } from '../../../src/files/uploads/stored-upload.js';
import { type StorageSubject, storageDrivers } from '../../support/storage-drivers.js';

const projectId = randomUUID();

/** A 1200×900 JPEG, rotated by its EXIF (shows as 900×1200), carrying a copyright and a GPS position. */
function photoWithExif(): Promise<Buffer> {
  return sharp({ create: { width: 1200, height: 900, channels: 3, background: '#336699' } })
    .jpeg()
    .withExif({
      IFD0: { Copyright: 'SECRET-OWNER', ImageDescription: 'taken at home' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 0/1' },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe.each(storageDrivers)('ImageProcessor on %s', (_, makeSubject) => {
  let subject: StorageSubject;
  let processor: ImageProcessor;

  beforeAll(async () => {
    subject = await makeSubject();
    processor = new ImageProcessor(subject.storage);
  });
  afterAll(() => subject.close());

  async function upload(bytes: Buffer, mimeType: string): Promise<StoredUpload> {
    const fileId = randomUUID();
    const storageKey = StorageKeys.upload(projectId, fileId);
    const { size } = await subject.storage.write(storageKey, Readable.from([bytes]));
    return { fileId, projectId, storageKey, originalName: 'photo', size, mimeType, type: 'image', image: null };
  }

  it('makes 150, 400 and 800 px wide WebP variants of the upright image, without EXIF', async () => {
    const processed = await processor.process(await upload(await photoWithExif(), 'image/jpeg'));

    expect(processed.image).toMatchObject({
      originalWidth: 900,
      originalHeight: 1200,
      processingStatus: 'completed',
      processingError: null,
      format: 'webp',
      quality: 85,
      exifStripped: true,
    });
    const variants = processed.image!.variants;
    expect(Object.keys(variants)).toEqual(['thumbnail', 'small', 'medium']);
    for (const [name, width] of [
      ['thumbnail', 150],
      ['small', 400],
      ['medium', 800],
    ] as const) {
      const variant = variants[name];
      const bytes = await readAll(await subject.storage.read(variant.storageKey));
      const metadata = await sharp(bytes).metadata();
      expect({ format: metadata.format, width: metadata.width, height: metadata.height, exif: metadata.exif }).toEqual({
        format: 'webp',
        width,
        height: Math.round((width * 1200) / 900),
        exif: undefined,
      });
      expect(variant).toEqual({
        storageKey: StorageKeys.variant(projectId, processed.fileId, name, 'webp'),
        width,
        height: metadata.height,
        size: bytes.length,
        format: 'webp',
      });
      expect(bytes.includes('SECRET-OWNER')).toBe(false);
    }
  });

  it('replaces an upload that carries EXIF with an upright copy without it', async () => {
    const original = await upload(await photoWithExif(), 'image/jpeg');
    const processed = await processor.process(original);

    expect(processed.storageKey).toBe(StorageKeys.original(projectId, original.fileId));
    expect(await subject.storage.size(original.storageKey)).toBeNull();
    const bytes = await readAll(await subject.storage.read(processed.storageKey));
    expect(processed.size).toBe(bytes.length);
    const metadata = await sharp(bytes).metadata();
    expect({ format: metadata.format, width: metadata.width, height: metadata.height }).toEqual({
      format: 'jpeg',
      width: 900,
      height: 1200,
    });
    expect(metadata.exif).toBeUndefined();
    expect(bytes.includes('SECRET-OWNER')).toBe(false);
  });

  it('never enlarges a small image, and keeps an upload without metadata as sent', async () => {
    const png = await sharp({ create: { width: 100, height: 50, channels: 4, background: '#ff000080' } })
      .png()
      .toBuffer();
    const original = await upload(png, 'image/png');
    const processed = await processor.process(original);

    expect(processed.storageKey).toBe(original.storageKey);
    expect(await readAll(await subject.storage.read(processed.storageKey))).toEqual(png);
    const sizes = Object.values(processed.image!.variants).map(({ width, height }) => [width, height]);
    expect(sizes).toEqual([
      [100, 50],
      [100, 50],
      [100, 50],
    ]);
  });

  it('records a failure on an image it cannot read, and keeps the upload as sent', async () => {
    const header = (
      await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
        .png()
        .toBuffer()
    ).subarray(0, 33);
    const broken = Buffer.concat([header, Buffer.alloc(200, 7)]);
    const original = await upload(broken, 'image/png');
    const before = await subject.stored();
    const processed = await processor.process(original);

    expect(processed.storageKey).toBe(original.storageKey);
    expect(processed.image).toEqual({
      originalWidth: null,
      originalHeight: null,
      variants: {},
      processingStatus: 'failed',
      processingError: 'The image could not be read.',
      format: 'webp',
      quality: 85,
      exifStripped: false,
    });
    expect(await subject.stored()).toEqual(before);
  });

  it('refuses an image over 50 megapixels with 413 storage/image-too-large, storing nothing more', async () => {
    const huge = await sharp({ create: { width: 8000, height: 6300, channels: 3, background: '#fff' } })
      .jpeg()
      .toBuffer();
    const original = await upload(huge, 'image/jpeg');
    const before = await subject.stored();

    const refusal = processor.process(original);
    await expect(refusal).rejects.toBeInstanceOf(AppError);
    await expect(refusal).rejects.toMatchObject({ status: 413, code: 'storage/image-too-large' });
    expect(await subject.stored()).toEqual(before);
  });
});
