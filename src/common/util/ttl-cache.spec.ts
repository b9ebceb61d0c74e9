import { jest } from '@jest/globals';
import { TtlCache } from './ttl-cache.js';

describe('TtlCache', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('returns a value until its expiry time, and nothing from then on', () => {
    const cache = new TtlCache<string, number>();
    cache.set('a', 1, Date.now() + 100);
    expect(cache.get('a')).toBe(1);
    jest.advanceTimersByTime(99);
    expect(cache.get('a')).toBe(1);
    jest.advanceTimersByTime(1);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('missing')).toBeUndefined();
  });

  it('keeps an expired entry, counted, until it is overwritten or deleted', () => {
    const cache = new TtlCache<string, number>();
    cache.set('a', 1, Date.now() - 1);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(1);
    cache.set('a', 2, Date.now() + 100);
    expect(cache.get('a')).toBe(2);
    cache.delete('a');
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('empties itself before a set once it holds maxEntries, even when the key is already there', () => {
    const cache = new TtlCache<string, number>({ maxEntries: 2 });
    const later = Date.now() + 100;
    cache.set('a', 1, later);
    cache.set('b', 2, later);
    cache.set('b', 3, later);
    expect(cache.size).toBe(1);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBe(3);
  });

  it('has no size limit without maxEntries', () => {
    const cache = new TtlCache<number, number>();
    for (let i = 0; i < 1000; i++) cache.set(i, i, Date.now() + 100);
    expect(cache.size).toBe(1000);
    expect(cache.get(0)).toBe(0);
  });
});
