import { Injectable, type PipeTransform } from '@nestjs/common';
import { ChatErrors } from '../../chat.errors.js';
import type { SendMessageDraft } from '../send-message.request.js';

/** Largest metadata, measured as the UTF-8 bytes of its JSON serialization. */
export const MAX_METADATA_BYTES = 10 * 1024;

/** Metadata must serialize to at most 10 KB of UTF-8 JSON. */
@Injectable()
export class MetadataSizePipe implements PipeTransform<SendMessageDraft, SendMessageDraft> {
  transform(draft: SendMessageDraft): SendMessageDraft {
    assertMetadataSize(draft.metadata);
    return draft;
  }
}

/** Throws `chat/metadata-too-large` when the metadata's UTF-8 JSON exceeds 10 KB. */
export function assertMetadataSize(metadata: Record<string, unknown>): void {
  if (Buffer.byteLength(JSON.stringify(metadata), 'utf8') > MAX_METADATA_BYTES) throw ChatErrors.metadataTooLarge();
}
