import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import type { Request, Response } from 'express';
import { FileErrors } from '../files.errors.js';
import type { ByteRange } from '../storage/file-storage.js';
import { contentDisposition } from '../uploads/filename.js';
import { matchesEtag, parseRange } from './byte-range.js';
import type { Download } from './file-downloads.service.js';

/**
 * Answers a GET or HEAD for a download: conditional (`If-None-Match` → 304), ranged (`Range` →
 * 206, honoured only while `If-Range` still matches), or whole (200), with headers that keep the
 * browser from doing anything with the bytes but show an image or save a file.
 *
 * Every failure is decided before the file's own headers are set, so an error answer stays a JSON
 * error rather than something labelled as the file.
 */
export async function sendDownload(
  request: Request,
  response: Response,
  download: Download,
  open: (range?: ByteRange) => Promise<Readable>,
): Promise<void> {
  response.setHeader('ETag', download.etag);
  // Private: the URL may carry the user's token, and the bytes are not for shared caches.
  response.setHeader('Cache-Control', 'private, max-age=3600');
  response.setHeader('Accept-Ranges', 'bytes');
  if (matchesEtag(request.headers['if-none-match'], download.etag)) {
    response.status(304).end();
    return;
  }

  const ifRange = request.get('if-range');
  const wanted =
    ifRange === undefined || ifRange.trim() === download.etag
      ? parseRange(request.headers.range, download.size)
      : ({ kind: 'whole' } as const);
  if (wanted.kind === 'unsatisfiable') {
    response.setHeader('Content-Range', `bytes */${download.size}`);
    throw FileErrors.rangeNotSatisfiable();
  }
  const range = wanted.kind === 'range' ? wanted.range : undefined;
  const body = request.method === 'HEAD' ? null : await open(range);

  response.setHeader('Content-Type', download.mimeType);
  response.setHeader('Content-Disposition', contentDisposition(download.disposition, download.filename));
  response.setHeader('X-Content-Type-Options', 'nosniff');
  // Even if a browser rendered the bytes as a document, no script or request could come of it.
  response.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
  response.setHeader('Referrer-Policy', 'no-referrer');
  if (range) {
    response.status(206);
    response.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${download.size}`);
    response.setHeader('Content-Length', range.end - range.start + 1);
  } else {
    response.status(200);
    response.setHeader('Content-Length', download.size);
  }
  if (!body) {
    response.end();
    return;
  }
  try {
    await pipeline(body, response);
  } catch {
    // The client went away, or storage failed mid-stream. The status is already sent; pipeline has
    // destroyed the response, which is how an HTTP client learns the body is incomplete.
  }
}
