import type { Request } from 'express';

/**
 * Removes the named parameters from `request.query` and returns the values of those present, for
 * guards that consume parameters the route's strict query DTO would refuse as unknown.
 */
export function takeQueryParams<Name extends string>(
  request: Request,
  names: readonly Name[],
): Partial<Record<Name, unknown>> {
  const query = request.query as Record<string, unknown>;
  const taken: Partial<Record<Name, unknown>> = {};
  const present = names.filter((name) => name in query);
  if (present.length === 0) return taken;
  const rest = { ...query };
  for (const name of present) {
    taken[name] = query[name];
    delete rest[name];
  }
  // Express 5 re-parses `req.query` on every read; shadow the getter with the trimmed object.
  Object.defineProperty(request, 'query', { value: rest, configurable: true, enumerable: true, writable: true });
  return taken;
}
