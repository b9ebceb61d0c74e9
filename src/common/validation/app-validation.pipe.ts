import { type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { BadRequestError } from '../errors/app-error.js';

/**
 * What a validation decorator can say about its own failure, through class-validator's `context`
 * option: `@MaxLength(4000, { context: errorContext('chat/content-too-long', '...') })`.
 */
export interface ValidationErrorContext {
  code: string;
  message?: string;
}

export function errorContext(code: string, message?: string): { context: ValidationErrorContext } {
  return { context: { code, message } };
}

const PRIMITIVES = new Set<unknown>([String, Boolean, Number, Array, Object]);

/**
 * Validates `@Body()` and `@Query()` DTO classes strictly (unknown fields rejected, values
 * transformed) and turns the first failure into a `BadRequestError`. The code comes from the failed
 * decorator's context, else `<area>/invalid-body` (or `invalid-query`), with the field path.
 */
export class AppValidationPipe implements PipeTransform {
  constructor(private readonly area: string) {}

  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const { metatype, type } = metadata;
    if (!metatype || PRIMITIVES.has(metatype) || (type !== 'body' && type !== 'query')) return value;
    const input = type === 'query' ? expandBracketKeys(value) : value;
    return validateDto(metatype as new () => object, input ?? {}, this.area, type);
  }
}

/** Validates a plain value against a DTO class; throws the first error as a `BadRequestError`. */
export async function validateDto<T extends object>(
  dto: new () => T,
  value: unknown,
  area: string,
  source: 'body' | 'query' = 'body',
): Promise<T> {
  const fallbackCode = `${area}/invalid-${source}`;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new BadRequestError(fallbackCode, `The request ${source} must be an object.`);
  }
  assertSafeInput(value, fallbackCode, source);
  const instance = plainToInstance(dto, value);
  const errors = await validate(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    stopAtFirstError: true,
    validationError: { target: false, value: false },
  });
  if (errors.length > 0) throw toBadRequest(errors[0], fallbackCode);
  return instance;
}

/** Deepest nesting any request body or query may have; the deepest rule (metadata) allows 10. */
export const MAX_INPUT_DEPTH = 32;

/**
 * Refuses, before anything recurses into the input, what would otherwise fail deep inside: nesting
 * deep enough to overflow class-transformer's stack, and NUL characters, which PostgreSQL cannot
 * store in text or JSON. The walk is iterative, so no input can overflow it.
 */
export function assertSafeInput(value: unknown, code: string, source: 'body' | 'query' = 'body'): void {
  const pending: { value: unknown; depth: number; path: string }[] = [{ value, depth: 0, path: '' }];
  while (pending.length > 0) {
    const { value: current, depth, path } = pending.pop()!;
    if (typeof current === 'string') {
      if (current.includes('\u0000')) throw nulError(code, path);
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= MAX_INPUT_DEPTH) {
      throw new BadRequestError(code, `The request ${source} is nested more than ${MAX_INPUT_DEPTH} levels deep.`, {
        field: path || undefined,
      });
    }
    for (const [key, child] of Object.entries(current)) {
      const childPath = path ? `${path}.${key}` : key;
      if (key.includes('\u0000')) throw nulError(code, path || key);
      pending.push({ value: child, depth: depth + 1, path: childPath });
    }
  }
}

function nulError(code: string, field: string): BadRequestError {
  return new BadRequestError(code, 'Text must not contain NUL characters.', { field: field || undefined });
}

function toBadRequest(error: ValidationError, fallbackCode: string, parentPath = ''): BadRequestError {
  const path = parentPath ? `${parentPath}.${error.property}` : error.property;
  const constraints = error.constraints ?? {};
  const [rule] = Object.keys(constraints);
  if (!rule) {
    const child = error.children?.[0];
    if (child) return toBadRequest(child, fallbackCode, path);
    return new BadRequestError(fallbackCode, `Invalid value for "${path}".`, { field: path });
  }
  if (rule === 'whitelistValidation') {
    return new BadRequestError(fallbackCode, `Unknown field "${path}".`, { field: path });
  }
  const context = error.contexts?.[rule] as ValidationErrorContext | undefined;
  const message = context?.message ?? sentence(constraints[rule]);
  return new BadRequestError(context?.code ?? fallbackCode, message, { field: path });
}

function sentence(text: string): string {
  const trimmed = text.trim();
  const capitalized = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capitalized) ? capitalized : `${capitalized}.`;
}

/**
 * Clients serialize nested query objects in bracket notation (`filters[hasReplies]=true`, as
 * axios does); Express 5's default query parser keeps such keys flat. Nest them one level.
 */
export function expandBracketKeys(query: unknown): unknown {
  if (typeof query !== 'object' || query === null) return query;
  const expanded: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query as Record<string, unknown>)) {
    const match = /^([^[\]]+)\[([^[\]]+)\]$/.exec(key);
    if (!match) {
      expanded[key] = value;
      continue;
    }
    const [, outer, inner] = match;
    const nested = expanded[outer];
    expanded[outer] = { ...(typeof nested === 'object' && nested !== null ? nested : {}), [inner]: value };
  }
  return expanded;
}
