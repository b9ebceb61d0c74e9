import request from 'supertest';
import type { TestApp } from './test-app.js';

export type Encoding = 'json' | 'multipart';

const JSON_ENCODED = new Set(['gif', 'mentions', 'metadata']);

/**
 * Sends a message body in either encoding, as the official clients do: JSON as is; multipart with
 * `gif`, `mentions` and `metadata` JSON-encoded, `null` as the string "null", other fields as
 * plain strings, and files as repeated `files` parts.
 */
export function sendAs(
  testApp: TestApp,
  encoding: Encoding,
  path: string,
  auth: Record<string, string>,
  body: Record<string, unknown>,
  files: { name: string; content: Buffer; contentType?: string }[] = [],
): request.Test {
  const req = request(testApp.http).post(path).set(auth);
  if (encoding === 'json') {
    if (files.length) throw new Error('files need multipart');
    return req.send(body);
  }
  for (const [field, value] of Object.entries(body)) {
    if (value === undefined) continue;
    const plain = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
    const text = JSON_ENCODED.has(field) || !plain ? JSON.stringify(value) : String(value);
    void req.field(field, text);
  }
  for (const file of files) {
    void req.attach('files', file.content, {
      filename: file.name,
      contentType: file.contentType ?? 'application/octet-stream',
    });
  }
  // A multipart request with no parts at all still has to be multipart.
  if (Object.keys(body).length === 0 && files.length === 0) void req.field('localId', '');
  return req;
}
