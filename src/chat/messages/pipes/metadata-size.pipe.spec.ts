import type { SendMessageDraft } from '../send-message.request.js';
import { MAX_METADATA_BYTES, MetadataSizePipe } from './metadata-size.pipe.js';

describe('MetadataSizePipe', () => {
  const pipe = new MetadataSizePipe();
  const draft = (metadata: Record<string, unknown>) => ({ metadata }) as SendMessageDraft;
  // {"k":"…"} wraps the value in 8 bytes.
  const valueFor = (bytes: number) => 'a'.repeat(bytes - 8);

  it('passes metadata of exactly 10 KB through unchanged', () => {
    const input = draft({ k: valueFor(MAX_METADATA_BYTES) });
    expect(pipe.transform(input)).toBe(input);
  });

  it('refuses one byte more', () => {
    expect(() => pipe.transform(draft({ k: valueFor(MAX_METADATA_BYTES + 1) }))).toThrow(
      expect.objectContaining({ code: 'chat/metadata-too-large', message: 'Metadata must not exceed 10 KB.' }),
    );
  });

  it('measures UTF-8 bytes: 4-byte emoji count four times', () => {
    expect(() => pipe.transform(draft({ k: '😀'.repeat(2559) }))).toThrow(
      expect.objectContaining({ code: 'chat/metadata-too-large' }),
    );
    expect(() => pipe.transform(draft({ k: '😀'.repeat(2558) }))).not.toThrow();
  });
});
