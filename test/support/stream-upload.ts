import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { request } from 'node:http';
import { Readable } from 'node:stream';

export interface UploadOptions {
  /** At most this rate, as a real network would send. */
  bytesPerSecond?: number;
  /** Called each time another `every` bytes of the file have been handed to the socket. */
  progress?: { every: number; call: () => void };
}

/**
 * Uploads the file at `path` as one `files` part of a multipart body, read from disk as it is sent,
 * so that the client never holds the file in memory. Resolves with the status and the JSON body.
 */
export async function streamUpload(
  url: string,
  headers: Record<string, string>,
  path: string,
  filename: string,
  { bytesPerSecond = Infinity, progress }: UploadOptions = {},
): Promise<{ status: number; body: unknown }> {
  const boundary = `----confab${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${filename}"\r\n` +
      `Content-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const { size } = await stat(path);

  async function* body() {
    yield head;
    const started = Date.now();
    let sent = 0;
    let nextProgress = progress?.every ?? Infinity;
    for await (const chunk of createReadStream(path)) {
      yield chunk as Buffer;
      sent += (chunk as Buffer).length;
      if (progress && sent >= nextProgress) {
        nextProgress += progress.every;
        progress.call();
      }
      const ahead = (sent / bytesPerSecond) * 1000 - (Date.now() - started);
      if (ahead > 0) await new Promise((resolve) => setTimeout(resolve, ahead));
    }
    yield tail;
  }

  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method: 'POST',
        headers: {
          ...headers,
          'Content-Type': `multipart/form-data; boundary=${boundary}`,
          'Content-Length': String(head.length + size + tail.length),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: response.statusCode ?? 0, body: text ? (JSON.parse(text) as unknown) : null });
        });
      },
    );
    outgoing.on('error', reject);
    Readable.from(body()).pipe(outgoing);
  });
}
