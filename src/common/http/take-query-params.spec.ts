import type { Request } from 'express';
import { takeQueryParams } from './take-query-params.js';

/** A request whose `query` is a getter that parses afresh on every read, as Express 5's does. */
function requestWithQuery(query: Record<string, unknown>): Request {
  const prototype = {};
  Object.defineProperty(prototype, 'query', { get: () => ({ ...query }), configurable: true, enumerable: true });
  return Object.create(prototype) as Request;
}

describe('takeQueryParams', () => {
  it('returns the values of the named parameters that are present, and removes them for good', () => {
    const request = requestWithQuery({ a: '1', b: ['2', '3'], keep: 'x' });
    expect(takeQueryParams(request, ['a', 'b', 'missing'])).toEqual({ a: '1', b: ['2', '3'] });
    expect(request.query).toEqual({ keep: 'x' });
    expect(request.query).toBe(request.query);
  });

  it('leaves the query alone when none of the names is present', () => {
    const request = requestWithQuery({ keep: 'x' });
    expect(takeQueryParams(request, ['a'])).toEqual({});
    expect(Object.getOwnPropertyDescriptor(request, 'query')).toBeUndefined();
    expect(request.query).toEqual({ keep: 'x' });
  });

  it('can run again on a request whose query it already replaced', () => {
    const request = requestWithQuery({ a: '1', b: '2', keep: 'x' });
    takeQueryParams(request, ['a']);
    expect(takeQueryParams(request, ['b'])).toEqual({ b: '2' });
    expect(request.query).toEqual({ keep: 'x' });
  });
});
