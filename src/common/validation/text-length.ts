import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * Length in Unicode code points, as PostgreSQL's `varchar(n)` and `char_length` count it.
 * class-validator's `MaxLength` counts differently (it skips variation selectors), so a value it
 * accepts could still overflow the column.
 */
export function charCount(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}

/** A string of at most `max` characters (code points). */
export function MaxChars(max: number, options?: ValidationOptions): PropertyDecorator {
  return CharsBetween(0, max, options);
}

/** A string of `min` to `max` characters (code points). */
export function CharsBetween(min: number, max: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'charsBetween',
      constraints: [min, max],
      validator: {
        // Only strings are measured; whether the value is a string is `@IsString()`'s to say, so
        // the error names the real problem whatever order the decorators run in.
        validate: (value) => {
          if (typeof value !== 'string') return true;
          const count = charCount(value);
          return count >= min && count <= max;
        },
        defaultMessage: (args) =>
          min > 0
            ? `${args?.property ?? 'value'} must be ${min} to ${max} characters long`
            : `${args?.property ?? 'value'} must be at most ${max} characters long`,
      },
    },
    options,
  );
}
