import { ValidateBy, type ValidationOptions } from 'class-validator';

/** True for a plain JSON object (not an array, not null), nested at most `maxDepth` levels. */
export function isPlainJsonObject(value: unknown, maxDepth: number): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && depth(value) <= maxDepth;
}

/** Nesting depth of a JSON value: 0 for a scalar, 1 for `{}` or `[]`, and so on. */
export function depth(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  let deepest = 0;
  for (const child of Object.values(value)) deepest = Math.max(deepest, depth(child));
  return deepest + 1;
}

/** Validates a plain JSON object no deeper than `maxDepth`. */
export function IsPlainJsonObject(maxDepth: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPlainJsonObject',
      validator: {
        validate: (value) => isPlainJsonObject(value, maxDepth),
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be a JSON object nested at most ${maxDepth} levels deep`,
      },
    },
    options,
  );
}
