import { validate } from 'class-validator';
import { CharsBetween, charCount, MaxChars } from './text-length.js';

class Sample {
  @MaxChars(4)
  short: string;

  @CharsBetween(2, 3)
  bounded: string;
}

const sample = (short: string, bounded = 'ab') => Object.assign(new Sample(), { short, bounded });

describe('text length in code points', () => {
  it('counts code points, as PostgreSQL does: a variation selector counts, a surrogate pair does not twice', () => {
    expect(charCount('❤️')).toBe(2);
    expect(charCount('😀')).toBe(1);
    expect(charCount('abc')).toBe(3);
  });

  it('accepts up to the maximum and refuses one more', async () => {
    expect(await validate(sample('😀😀😀😀'))).toEqual([]);
    expect(await validate(sample('❤️❤️❤️'))).not.toEqual([]);
  });

  it('refuses values outside the range, and leaves non-strings to @IsString()', async () => {
    expect(await validate(sample('ok', 'a'))).not.toEqual([]);
    expect(await validate(Object.assign(new Sample(), { short: 5, bounded: 'ab' }))).toEqual([]);
  });
});
