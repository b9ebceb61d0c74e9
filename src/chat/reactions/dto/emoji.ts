import { ValidateBy, type ValidationOptions } from 'class-validator';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Exactly one grapheme cluster (👍, ❤️, 👨‍👩‍👧 …), not whitespace, at most 64 bytes. */
export function isSingleGrapheme(value: unknown): value is string {
  if (typeof value !== 'string' || value.trim() !== value || value === '') return false;
  if (Buffer.byteLength(value, 'utf8') > 64) return false;
  let count = 0;
  for (const _ of graphemes.segment(value)) if (++count > 1) return false;
  return true;
}

export function IsSingleGrapheme(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isSingleGrapheme',
      validator: { validate: isSingleGrapheme, defaultMessage: () => 'emoji must be exactly one grapheme cluster' },
    },
    options,
  );
}
