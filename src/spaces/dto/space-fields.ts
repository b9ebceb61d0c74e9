import { Transform } from 'class-transformer';
import { IsOptional, IsString, Matches } from 'class-validator';
import { errorContext } from '../../common/validation/app-validation.pipe.js';
import { CharsBetween, MaxChars } from '../../common/validation/text-length.js';

/** Unicode letters, numbers, hyphens and underscores, as the official API allows in slugs. */
const SLUG_PATTERN = /^[\p{L}\p{N}_-]+$/u;

/** Names are stored without surrounding whitespace, so "  ab " does not pass as three characters. */
const Trimmed = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** An empty slug means none. */
const EmptyAsNull = () => Transform(({ value }: { value: unknown }) => (value === '' ? null : value));

/**
 * One decorator for a stack of them, applied bottom-up as if written one above the other:
 * validation stops at the first failing rule in the order the rules were applied, so the order
 * decides which error a request gets.
 */
function stacked(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, propertyKey) => {
    for (const decorator of decorators.toReversed()) decorator(target, propertyKey);
  };
}

/** A space's name: trimmed, then 3 to 100 characters. Required unless preceded by `@IfPresent()`. */
export const SpaceName = () =>
  stacked(
    Trimmed(),
    IsString(),
    CharsBetween(3, 100, errorContext('space/invalid-body', 'name must be 3 to 100 characters long.')),
  );

/** A space's slug; null, absent or "" for none. */
export const SpaceSlug = () =>
  stacked(
    EmptyAsNull(),
    IsOptional(),
    IsString(),
    MaxChars(100),
    Matches(SLUG_PATTERN, errorContext('space/invalid-body', 'slug may contain only letters, numbers, - and _.')),
  );
