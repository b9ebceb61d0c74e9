import { Transform, type TransformCallback } from 'node:stream';
import { SNIFF_BYTES } from './content-type.js';

/** Bytes left for the files of one message; shared by the meters of its parts. */
export class UploadBudget {
  constructor(private remaining: number) {}

  /** Takes `bytes` from the budget; false once the budget is exceeded. */
  take(bytes: number): boolean {
    this.remaining -= bytes;
    return this.remaining >= 0;
  }
}

/** The limits an `UploadMeter` enforces, and the errors it fails with. */
export interface UploadLimits {
  maxFileBytes: number;
  budget: UploadBudget;
  fileTooLarge: () => Error;
  messageTooLarge: () => Error;
}

/**
 * Sits between an incoming file part and storage: counts its bytes, fails the stream as soon as
 * the file or the message's total goes over its limit (so storage stops writing and removes what
 * it wrote), and keeps the first `SNIFF_BYTES` for content sniffing. Nothing else is held.
 */
export class UploadMeter extends Transform {
  bytes = 0;
  private readonly headChunks: Buffer[] = [];
  private headBytes = 0;

  constructor(private readonly limits: UploadLimits) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.limits.maxFileBytes) return callback(this.limits.fileTooLarge());
    if (!this.limits.budget.take(chunk.length)) return callback(this.limits.messageTooLarge());
    if (this.headBytes < SNIFF_BYTES) {
      // Copied: the chunk is a view into the parser's buffer, which must not stay alive through us.
      const part = Buffer.from(chunk.subarray(0, SNIFF_BYTES - this.headBytes));
      this.headChunks.push(part);
      this.headBytes += part.length;
    }
    callback(null, chunk);
  }

  /** The first bytes of the file (all of it when it is smaller than `SNIFF_BYTES`). */
  head(): Buffer {
    return Buffer.concat(this.headChunks, this.headBytes);
  }

  /** True when `head()` is the whole file. */
  headIsComplete(): boolean {
    return this.bytes <= SNIFF_BYTES;
  }
}
