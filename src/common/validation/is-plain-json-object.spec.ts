import { depth, isPlainJsonObject } from './is-plain-json-object.js';

describe('isPlainJsonObject', () => {
  it('accepts plain objects within the depth limit', () => {
    expect(isPlainJsonObject({}, 1)).toBe(true);
    expect(isPlainJsonObject({ a: { b: [1, { c: 2 }] } }, 4)).toBe(true);
  });

  it('refuses arrays, null and scalars', () => {
    for (const value of [[], null, 1, 'x', true]) expect(isPlainJsonObject(value, 10)).toBe(false);
  });

  it('counts arrays as levels', () => {
    expect(depth({ a: [[[]]] })).toBe(4);
    expect(isPlainJsonObject({ a: [[[]]] }, 3)).toBe(false);
  });
});
