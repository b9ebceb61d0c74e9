import { contentDisposition, extensionOf, sanitizeFilename, stemOf } from './filename.js';

describe('sanitizeFilename', () => {
  it.each([
    ['report.pdf', 'report.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\ann\\photo.jpg', 'photo.jpg'],
    ['/absolute/path/notes.txt', 'notes.txt'],
    ['..', 'file'],
    ['.htaccess', 'htaccess'],
    ['   ', 'file'],
    ['', 'file'],
    ['name\u0000with\u0007controls.txt', 'namewithcontrols.txt'],
    ['line\r\nbreak.txt', 'linebreak.txt'],
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['zero\u200Bwidth.png', 'zerowidth.png'],
    ['quote"and<angle>:pipe|?*.txt', 'quote_and_angle__pipe___.txt'],
    ['trailing dots...', 'trailing dots'],
    ['Re\u0301sume\u0301.pdf', 'Résumé.pdf'],
    ['日本語のファイル.docx', '日本語のファイル.docx'],
  ])('turns %j into %j', (raw, safe) => {
    expect(sanitizeFilename(raw)).toBe(safe);
  });

  it('treats a missing name as "file"', () => {
    expect(sanitizeFilename(undefined)).toBe('file');
    expect(sanitizeFilename(null)).toBe('file');
  });

  it('cuts a long name to 255 characters and keeps its extension', () => {
    const safe = sanitizeFilename(`${'a'.repeat(300)}.jpeg`);
    expect(Array.from(safe)).toHaveLength(255);
    expect(safe.endsWith('a.jpeg')).toBe(true);
  });

  it('never cuts a character in half', () => {
    const safe = sanitizeFilename('😀'.repeat(300));
    expect(Array.from(safe)).toHaveLength(255);
    expect(safe).toBe('😀'.repeat(255));
  });
});

describe('extensionOf', () => {
  it.each([
    ['photo.JPG', 'jpg'],
    ['archive.tar.gz', 'gz'],
    ['README', ''],
    ['.profile', ''],
  ])('of %j is %j', (name, extension) => {
    expect(extensionOf(name)).toBe(extension);
  });
});

describe('stemOf', () => {
  it.each([
    ['photo.JPG', 'photo'],
    ['archive.tar.gz', 'archive.tar'],
    ['README', 'README'],
    ['.profile', '.profile'],
  ])('of %j is %j', (name, stem) => {
    expect(stemOf(name)).toBe(stem);
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII name as is, with its RFC 8187 twin', () => {
    expect(contentDisposition('attachment', 'report.pdf')).toBe(
      `attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`,
    );
  });

  it('replaces what cannot go between quotes in the fallback and encodes the exact name', () => {
    expect(contentDisposition('inline', 'Résumé "final" 100%.pdf')).toBe(
      `inline; filename="R_sum_ _final_ 100_.pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%22final%22%20100%25.pdf`,
    );
  });
});
