import { Injectable, type PipeTransform } from '@nestjs/common';
import { validateDto } from '../../../common/validation/app-validation.pipe.js';
import { ChatErrors } from '../../chat.errors.js';
import { SendMessageDto } from '../dto/send-message.dto.js';
import { AuthErrors } from '../../../auth/auth.errors.js';
import { echoedLocalId, type RawSendMessage, type SendMessageDraft } from '../send-message.request.js';

// In multipart, these fields arrive JSON-encoded; a part that does not parse gets the field's code.
const JSON_FIELDS: [field: string, code: string][] = [
  ['gif', 'chat/invalid-gif'],
  ['mentions', 'chat/invalid-mentions'],
  ['metadata', 'chat/invalid-body'],
];

/**
 * Validates the body (either encoding) against `SendMessageDto` and normalizes it: absent and
 * null become empty values, whitespace-only content counts as none, and a message must have
 * content, a GIF or a file.
 */
@Injectable()
export class SendMessageBodyPipe implements PipeTransform<RawSendMessage, Promise<SendMessageDraft>> {
  async transform(raw: RawSendMessage): Promise<SendMessageDraft> {
    const body =
      raw.encoding === 'multipart' ? withoutActingUser(decodeMultipartFields(raw.body), raw.sender.id) : raw.body;
    const dto = await validateDto(SendMessageDto, body, 'chat');

    const content = dto.content?.trim() ? dto.content : null;
    const gif = dto.gif ?? null;
    if (content === null && gif === null && raw.uploads.length === 0) throw ChatErrors.emptyMessage();

    return {
      conversation: raw.conversation,
      sender: raw.sender,
      encoding: raw.encoding,
      content,
      gif,
      mentions: dto.mentions ?? [],
      metadata: dto.metadata ?? {},
      parentMessageId: dto.parentMessageId ?? null,
      quotedMessageId: dto.quotedMessageId ?? null,
      localId: echoedLocalId(dto.localId, raw.encoding),
      uploads: raw.uploads,
      reputation: raw.reputation,
    };
  }
}

/**
 * A JSON body's `userId` was taken by the authentication guard, but a multipart body is read
 * after the guards: the acting user came from the token or the query, and a `userId` field (the
 * SDKs send one) may only repeat it.
 */
function withoutActingUser(fields: unknown, actingUserId: string): unknown {
  if (typeof fields !== 'object' || fields === null || !('userId' in fields)) return fields;
  const { userId, ...rest } = fields as Record<string, unknown>;
  if (userId !== actingUserId) throw AuthErrors.userMismatch();
  return rest;
}

/**
 * Multipart text fields are strings: decode the JSON-encoded ones (`"null"` is null) and read
 * `"null"` or an empty string in an id field as absent, as the official SDKs send them.
 */
export function decodeMultipartFields(fields: unknown): unknown {
  if (typeof fields !== 'object' || fields === null) return fields;
  const decoded: Record<string, unknown> = { ...(fields as Record<string, unknown>) };
  for (const [field, code] of JSON_FIELDS) {
    const value = decoded[field];
    if (typeof value !== 'string') continue;
    try {
      decoded[field] = JSON.parse(value);
    } catch {
      throw ChatErrors.invalidJsonField(field, code);
    }
  }
  for (const field of ['parentMessageId', 'quotedMessageId']) {
    if (decoded[field] === 'null' || decoded[field] === '') decoded[field] = null;
  }
  return decoded;
}
