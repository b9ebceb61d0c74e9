const MAX_NAME_LENGTH = 255;
const FALLBACK_NAME = 'file';

/**
 * The client's filename made safe to store and to send back in `Content-Disposition`: only its last
 * path segment, without control or bidirectional-formatting characters (which can disguise
 * `evil‮fdp.exe` as `evil.pdf`), without characters that Windows or a header quote would
 * misread, without leading dots, and at most 255 characters with the extension kept.
 */
export function sanitizeFilename(raw: string | null | undefined): string {
  if (!raw) return FALLBACK_NAME;
  let name = raw.normalize('NFC');
  name = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  name = name
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  if (!name) return FALLBACK_NAME;
  return truncateKeepingExtension(name, MAX_NAME_LENGTH);
}

/** The filename's extension in lower case, without the dot; '' when it has none. */
export function extensionOf(name: string): string {
  const dot = extensionDot(name);
  return dot === -1 ? '' : name.slice(dot + 1).toLowerCase();
}

/** The filename without its extension; the whole name when it has none. */
export function stemOf(name: string): string {
  const dot = extensionDot(name);
  return dot === -1 ? name : name.slice(0, dot);
}

/**
 * A `Content-Disposition` value naming `filename`: a plain-ASCII `filename` for old clients and
 * the exact name as RFC 8187 `filename*`.
 */
export function contentDisposition(type: 'inline' | 'attachment', filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

function truncateKeepingExtension(name: string, max: number): string {
  const chars = Array.from(name);
  if (chars.length <= max) return name;
  const extension = extensionOf(name);
  const suffix = extension && extension.length <= 16 ? Array.from(name.slice(name.lastIndexOf('.'))) : [];
  return (
    chars
      .slice(0, max - suffix.length)
      .join('')
      .trimEnd() + suffix.join('')
  );
}

/** Where the extension's dot is, or -1: a leading dot (`.profile`) is part of the name. */
function extensionDot(name: string): number {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? dot : -1;
}
