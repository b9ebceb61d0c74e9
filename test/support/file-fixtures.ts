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
