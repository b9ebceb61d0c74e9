import { fileTypeFromBuffer } from 'file-type';
import type { FileType } from '../file.entity.js';
import { extensionOf } from './filename.js';

/** How many leading bytes of an upload are kept for sniffing: enough for every signature file-type knows. */
export const SNIFF_BYTES = 64 * 1024;

export interface SniffedType {
  mimeType: string;
  type: FileType;
}

const OCTET_STREAM = 'application/octet-stream';

/**
 * The type of an upload from its first bytes, never from the client's header or filename: a
 * signature known to `file-type`; else text (valid UTF-8 without control characters) as
 * `text/plain`; else `application/octet-stream`. The filename's extension only refines a type the
 * bytes already established (CSV and Markdown are text; an OLE container is a legacy Office file),
 * never turns bytes into something they are not.
 *
 * `complete` says whether `head` is the whole file, so a multi-byte character cut at the end of a
 * partial sample does not count against text.
 */
export async function sniffContentType(head: Uint8Array, filename: string, complete: boolean): Promise<SniffedType> {
  const mimeType = await sniffMimeType(head, filename, complete);
  return { mimeType, type: fileTypeOf(mimeType) };
}

async function sniffMimeType(head: Uint8Array, filename: string, complete: boolean): Promise<string> {
  const detected = head.length > 0 ? await fileTypeFromBuffer(head) : undefined;
  const extension = extensionOf(filename);
  if (detected) {
    if (detected.mime === 'application/x-cfb') return LEGACY_OFFICE[extension] ?? detected.mime;
    return detected.mime;
  }
  if (head.length > 0 && isText(head, complete)) return TEXT_SUBTYPES[extension] ?? 'text/plain';
  return OCTET_STREAM;
}

const LEGACY_OFFICE: Record<string, string> = {
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
};

// Only subtypes no browser executes or renders as a document: HTML, SVG and XML stay text/plain.
const TEXT_SUBTYPES: Record<string, string> = {
  csv: 'text/csv',
  md: 'text/markdown',
  markdown: 'text/markdown',
};

// Tab, line feed, form feed, carriage return and escape (coloured logs) are text; the other C0
// controls and DEL mark binary data.
const TEXT_CONTROLS = new Set([0x09, 0x0a, 0x0c, 0x0d, 0x1b]);

function isText(head: Uint8Array, complete: boolean): boolean {
  // Control characters are single bytes in UTF-8 and never occur inside a multi-byte sequence.
  for (const byte of head) {
    if ((byte < 0x20 && !TEXT_CONTROLS.has(byte)) || byte === 0x7f) return false;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: !complete });
    return true;
  } catch {
    return false;
  }
}

const DOCUMENT_TYPES = new Set([
  'application/pdf',
  'application/rtf',
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint',
  'application/epub+zip',
  'application/xml',
]);

/** The File model's category of a MIME type. */
export function fileTypeOf(mimeType: string): FileType {
  if (mimeType.startsWith('image/')) return 'image';
  if (mimeType.startsWith('video/')) return 'video';
  if (
    mimeType.startsWith('text/') ||
    DOCUMENT_TYPES.has(mimeType) ||
    mimeType.startsWith('application/vnd.openxmlformats-officedocument.') ||
    mimeType.startsWith('application/vnd.oasis.opendocument.')
  ) {
    return 'document';
  }
  return 'other';
}
