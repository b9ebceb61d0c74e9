import { open } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';

/** A real PNG of `width`×`height`. */
export function png(width = 640, height = 480): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#2a7ab0' } })
    .png()
    .toBuffer();
}

/** The start of a Windows executable (the `MZ` header and padding): what file-type calls `exe`. */
export function windowsExecutable(): Buffer {
  return Buffer.concat([Buffer.from('MZ'), Buffer.alloc(2046, 0x90)]);
}

/** A JPEG of 8000×6300 pixels (50.4 megapixels), small on disk. */
export function hugeJpeg(): Promise<Buffer> {
  return sharp({ create: { width: 8000, height: 6300, channels: 3, background: '#ffffff' } })
    .jpeg()
    .toBuffer();
}

/** A file of `bytes` zeros at `directory/name`, sparse: its size on disk without writing it. */
export async function sparseFile(directory: string, name: string, bytes: number): Promise<string> {
  const path = join(directory, name);
  const handle = await open(path, 'w');
  await handle.truncate(bytes);
  await handle.close();
  return path;
}
