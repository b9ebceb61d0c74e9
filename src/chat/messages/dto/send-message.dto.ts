import { IsOptional, IsString, IsUUID } from 'class-validator';
import { MaxChars } from '../../../common/validation/text-length.js';
import { errorContext } from '../../../common/validation/app-validation.pipe.js';
import { IsPlainJsonObject } from '../../../common/validation/is-plain-json-object.js';
import { type GifData, MAX_CONTENT_LENGTH, type Mention } from '../chat-message.entity.js';
import { IsGifData, IsMentionList } from './message-validators.js';

export const MAX_MENTIONS = 50;
export const MAX_METADATA_DEPTH = 10;
export const MAX_LOCAL_ID_LENGTH = 255;

/** What a message says: the fields both Send Message and Edit Message accept. */
export class MessageContentDto {
  @IsOptional()
  @IsString(errorContext('chat/invalid-body', 'content must be a string.'))
  @MaxChars(
    MAX_CONTENT_LENGTH,
    errorContext('chat/content-too-long', `Content must be at most ${MAX_CONTENT_LENGTH} characters.`),
  )
  content?: string | null;

  @IsOptional()
  @IsGifData(
    errorContext(
      'chat/invalid-gif',
      'gif must have string id, url, gifUrl, gifPreviewUrl, altText and aspectRatio, with http(s) URLs.',
    ),
  )
  gif?: GifData | null;

  @IsOptional()
  @IsMentionList(
    MAX_MENTIONS,
    errorContext(
      'chat/invalid-mentions',
      `mentions must be at most ${MAX_MENTIONS} of {type:"user", id, username, foreignId?} or {type:"space", id, slug}.`,
    ),
  )
  mentions?: Mention[] | null;

  @IsOptional()
  @IsPlainJsonObject(
    MAX_METADATA_DEPTH,
    errorContext(
      'chat/invalid-body',
      `metadata must be a JSON object nested at most ${MAX_METADATA_DEPTH} levels deep.`,
    ),
  )
  metadata?: Record<string, unknown> | null;
}

/** The body of Send Message (JSON, or multipart after its JSON-encoded parts are decoded). */
export class SendMessageDto extends MessageContentDto {
  @IsOptional()
  @IsUUID(
    'all',
    errorContext(
      'chat/invalid-parent',
      'Parent message not found, not in this conversation, already removed, or is itself a reply.',
    ),
  )
  parentMessageId?: string | null;

  @IsOptional()
  @IsUUID('all', errorContext('chat/invalid-quote', 'Quoted message not found, not in this conversation, or removed.'))
  quotedMessageId?: string | null;

  @IsOptional()
  @IsString(errorContext('chat/invalid-body', 'localId must be a string.'))
  @MaxChars(
    MAX_LOCAL_ID_LENGTH,
    errorContext('chat/invalid-body', `localId must be at most ${MAX_LOCAL_ID_LENGTH} characters.`),
  )
  localId?: string | null;
}
