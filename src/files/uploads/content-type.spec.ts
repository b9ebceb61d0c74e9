import sharp from 'sharp';
import { fileTypeOf, sniffContentType, SNIFF_BYTES } from './content-type.js';

const png = () =>
  sharp({ create: { width: 4, height: 4, channels: 3, background: '#123456' } })
    .png()
    .toBuffer();

describe('sniffContentType', () => {
  it('recognizes a PNG by its bytes, whatever its name says', async () => {
    expect(await sniffContentType(await png(), 'holiday.bin', true)).toEqual({ mimeType: 'image/png', type: 'image' });
  });

  it('does not take a Windows executable named .png for an image', async () => {
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(510, 0x90)]);
    expect(await sniffContentType(exe, 'cute-cat.png', true)).toEqual({
      mimeType: 'application/x-msdownload',
      type: 'other',
    });
  });

  it('recognizes a PDF as a document', async () => {
    expect(await sniffContentType(Buffer.from('%PDF-1.7\n%\xE2\xE3\n1 0 obj\n'), 'x', true)).toEqual({
      mimeType: 'application/pdf',
      type: 'document',
    });
  });

  it('stores UTF-8 text as text/plain, and HTML or SVG sent as text as text/plain too', async () => {
    const text = Buffer.from('Grüße\nfrom the meeting\tnotes\r\n');
    expect(await sniffContentType(text, 'notes.txt', true)).toEqual({ mimeType: 'text/plain', type: 'document' });
    const html = Buffer.from('<!doctype html><html><script>alert(1)</script></html>');
    expect((await sniffContentType(html, 'page.html', true)).mimeType).toBe('text/plain');
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');
    expect((await sniffContentType(svg, 'logo.svg', true)).mimeType).toBe('text/plain');
  });

  it('lets the extension refine text into CSV or Markdown, and nothing else', async () => {
    const text = Buffer.from('a,b\n1,2\n');
    expect((await sniffContentType(text, 'table.csv', true)).mimeType).toBe('text/csv');
    expect((await sniffContentType(text, 'README.md', true)).mimeType).toBe('text/markdown');
    expect((await sniffContentType(text, 'script.js', true)).mimeType).toBe('text/plain');
  });

  it('does not count a character cut at the end of a partial sample against text', async () => {
    const sample = Buffer.from('é'.repeat(SNIFF_BYTES / 2)).subarray(0, SNIFF_BYTES - 1);
    expect((await sniffContentType(sample, 'long.txt', false)).mimeType).toBe('text/plain');
    expect((await sniffContentType(sample, 'long.txt', true)).mimeType).toBe('application/octet-stream');
  });

  it('treats bytes with control characters or invalid UTF-8 as application/octet-stream', async () => {
    expect(await sniffContentType(Buffer.from([0x41, 0x00, 0x42]), 'a.txt', true)).toEqual({
      mimeType: 'application/octet-stream',
      type: 'other',
    });
    expect((await sniffContentType(Buffer.from([0xc3, 0x28]), 'a.txt', true)).mimeType).toBe(
      'application/octet-stream',
    );
    expect((await sniffContentType(Buffer.alloc(0), 'empty.txt', true)).mimeType).toBe('application/octet-stream');
  });
});

describe('fileTypeOf', () => {
  it.each([
    ['image/jpeg', 'image'],
    ['video/mp4', 'video'],
    ['application/pdf', 'document'],
    ['text/plain', 'document'],
    ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'document'],
    ['application/vnd.oasis.opendocument.spreadsheet', 'document'],
    ['application/msword', 'document'],
    ['audio/mpeg', 'other'],
    ['application/zip', 'other'],
    ['application/x-msdownload', 'other'],
  ])('files %s as %s', (mimeType, type) => {
    expect(fileTypeOf(mimeType)).toBe(type);
  });
});
