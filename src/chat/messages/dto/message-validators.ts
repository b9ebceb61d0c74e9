import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isUuid } from '../../../common/util/ids.js';
import type { GifData, Mention } from '../chat-message.entity.js';

const GIF_FIELDS = ['id', 'url', 'gifUrl', 'gifPreviewUrl', 'altText', 'aspectRatio'] as const;
const GIF_URL_FIELDS = new Set(['url', 'gifUrl', 'gifPreviewUrl']);
const MAX_URL = 2048;
const MAX_TEXT = 1000;

/** A GIF as the providers describe it: exactly six strings, the three URLs http(s). */
export function isGifData(value: unknown): value is GifData {
  if (!isPlainObject(value)) return false;
  if (Object.keys(value).some((key) => !(GIF_FIELDS as readonly string[]).includes(key))) return false;
  return GIF_FIELDS.every((field) => {
    const text = value[field];
    if (typeof text !== 'string') return false;
    return GIF_URL_FIELDS.has(field) ? isHttpUrl(text) : text.length <= MAX_TEXT;
  });
}

/** `{type:"user", id, username, foreignId?}` or `{type:"space", id, slug}`, nothing else. */
export function isMention(value: unknown): value is Mention {
  if (!isPlainObject(value) || !isUuid(value.id)) return false;
  const keys = Object.keys(value);
  if (value.type === 'user') {
    return (
      keys.every((key) => ['type', 'id', 'username', 'foreignId'].includes(key)) &&
      isShortString(value.username) &&
      (value.foreignId === undefined || value.foreignId === null || isShortString(value.foreignId))
    );
  }
  if (value.type === 'space') {
    return keys.every((key) => ['type', 'id', 'slug'].includes(key)) && isShortString(value.slug);
  }
  return false;
}

export function IsGifData(options?: ValidationOptions): PropertyDecorator {
  // A default message is needed: class-validator attaches `context` only to non-empty messages.
  return ValidateBy(
    {
      name: 'isGifData',
      validator: {
        validate: isGifData,
        defaultMessage: () => 'gif must have string id, url, gifUrl, gifPreviewUrl, altText and aspectRatio',
      },
    },
    options,
  );
}

/** An array of at most `max` mentions. */
export function IsMentionList(max: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isMentionList',
      validator: {
        validate: (value) => Array.isArray(value) && value.length <= max && value.every(isMention),
        defaultMessage: () => `mentions must be an array of at most ${max} mentions`,
      },
    },
    options,
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isShortString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= 255;
}

function isHttpUrl(text: string): boolean {
  if (text.length > MAX_URL) return false;
  try {
    const { protocol } = new URL(text);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
