import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { firstValueFrom, of, throwError } from 'rxjs';
import { LocalIdInterceptor } from './local-id.interceptor.js';

const contextWith = (body: unknown, multipart = false) =>
  ({
    switchToHttp: () => ({
      getRequest: () => ({ body, is: (type: string) => multipart && type === 'multipart/form-data' }),
    }),
  }) as unknown as ExecutionContext;
const handlerReturning = (value: unknown): CallHandler => ({ handle: () => of(value) });

describe('LocalIdInterceptor', () => {
  const interceptor = new LocalIdInterceptor();
  const run = (body: unknown, multipart = false) =>
    firstValueFrom(interceptor.intercept(contextWith(body, multipart), handlerReturning({ id: 'm1' })));

  it('adds the localId of the request to the created message', async () => {
    expect(await run({ localId: 'L-1', content: 'x' })).toEqual({ id: 'm1', localId: 'L-1' });
  });

  it('adds nothing when the request had none, or the multipart "null" the SDKs send for none', async () => {
    expect(await run({})).toEqual({ id: 'm1' });
    expect(await run({ localId: '' })).toEqual({ id: 'm1' });
    expect(await run(undefined)).toEqual({ id: 'm1' });
    expect(await run({ localId: 'null' }, true)).toEqual({ id: 'm1' });
  });

  it('echoes a JSON localId of "null": in JSON it is just a string', async () => {
    expect(await run({ localId: 'null' })).toEqual({ id: 'm1', localId: 'null' });
  });

  it('lets errors through untouched', async () => {
    const failing: CallHandler = { handle: () => throwError(() => new Error('boom')) };
    await expect(firstValueFrom(interceptor.intercept(contextWith({ localId: 'L' }), failing))).rejects.toThrow('boom');
  });
});
