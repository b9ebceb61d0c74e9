import { Type } from 'class-transformer';
import { IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { BadRequestError } from '../errors/app-error.js';
import { AppValidationPipe, assertSafeInput, errorContext, expandBracketKeys } from './app-validation.pipe.js';

class Inner {
  @IsString()
  url: string;
}

class Sample {
  @IsOptional()
  @IsString()
  @MaxLength(5, errorContext('sample/too-long', 'Text is too long.'))
  text?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => Inner)
  inner?: Inner;
}

describe('AppValidationPipe', () => {
  const pipe = new AppValidationPipe('sample');
  const run = (value: unknown, type: 'body' | 'query' = 'body') => pipe.transform(value, { type, metatype: Sample });
  const failure = async (value: unknown, type: 'body' | 'query' = 'body') => {
    try {
      await run(value, type);
    } catch (error) {
      return error as BadRequestError;
    }
    throw new Error('expected a validation failure');
  };

  it('returns an instance of the DTO for a valid value', async () => {
    await expect(run({ text: 'hi', inner: { url: 'u' } })).resolves.toBeInstanceOf(Sample);
  });

  it("uses the failed rule's own code and message", async () => {
    const error = await failure({ text: 'too long' });
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ code: 'sample/too-long', message: 'Text is too long.', field: 'text' });
  });

  it('names unknown fields, with the area code for bodies and queries', async () => {
    expect(await failure({ surprise: 1 })).toMatchObject({ code: 'sample/invalid-body', field: 'surprise' });
    expect(await failure({ surprise: 1 }, 'query')).toMatchObject({ code: 'sample/invalid-query', field: 'surprise' });
  });

  it('reports the path of a nested failure', async () => {
    expect(await failure({ inner: { url: 3 } })).toMatchObject({ code: 'sample/invalid-body', field: 'inner.url' });
  });

  it('refuses a body that is not an object', async () => {
    expect(await failure([1, 2])).toMatchObject({ code: 'sample/invalid-body' });
    expect(await failure('text')).toMatchObject({ code: 'sample/invalid-body' });
  });

  it('leaves route params and primitive types alone', async () => {
    await expect(pipe.transform('abc', { type: 'param', metatype: String })).resolves.toBe('abc');
  });
});

describe('expandBracketKeys', () => {
  it('nests bracket-notation keys one level and leaves others alone', () => {
    expect(expandBracketKeys({ 'filters[hasReplies]': 'true', 'filters[x]': '1', limit: '5' })).toEqual({
      filters: { hasReplies: 'true', x: '1' },
      limit: '5',
    });
  });
});

describe('assertSafeInput', () => {
  it('refuses NUL characters in values and keys, naming the field', () => {
    expect(() => assertSafeInput({ a: { b: 'x\u0000y' } }, 'x/invalid-body')).toThrow(
      expect.objectContaining({ code: 'x/invalid-body', field: 'a.b' }),
    );
    expect(() => assertSafeInput({ ['k\u0000']: 1 }, 'x/invalid-body')).toThrow(
      expect.objectContaining({ code: 'x/invalid-body' }),
    );
  });

  it('refuses nesting deeper than the limit without overflowing the stack', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 50_000; i++) deep = [deep];
    expect(() => assertSafeInput({ metadata: deep }, 'x/invalid-body')).toThrow(
      expect.objectContaining({ code: 'x/invalid-body', message: expect.stringContaining('nested') }),
    );
  });

  it('lets ordinary input through', () => {
    expect(() => assertSafeInput({ a: [1, { b: 'ok', c: null }], d: 'é😀' }, 'x/invalid-body')).not.toThrow();
  });
});
