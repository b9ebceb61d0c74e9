import { Logger } from '@nestjs/common';
import { jest } from '@jest/globals';
import { RealtimeRedis, withHandledRejections } from './realtime-redis.js';

describe('RealtimeRedis', () => {
  it('is absent without a URL: socket.io keeps its in-memory adapter', async () => {
    const redis = await RealtimeRedis.connect(null);
    expect(redis.adapter).toBeNull();
    await redis.onApplicationShutdown();
  });

  it('refuses to start against a Redis that is not there, naming host and port but no password', async () => {
    await expect(RealtimeRedis.connect('redis://:s3cret@127.0.0.1:1')).rejects.toThrow(
      /^Cannot connect to the Redis at 127\.0\.0\.1:1 \(REDIS_URL\): .*ECONNREFUSED/,
    );
    await expect(RealtimeRedis.connect('redis://:s3cret@127.0.0.1:1')).rejects.not.toThrow(/s3cret/);
  });
});

describe('withHandledRejections', () => {
  const logger = new Logger('test');

  it('gives every promise the adapter does not handle a handler that logs, and still rejects for awaiting callers', async () => {
    const warn = jest.spyOn(logger, 'warn').mockImplementation(() => {});
    const client = {
      publish: (channel: string) => Promise.reject(new Error(`publish to ${channel} timed out`)),
      name: 'publisher',
    };
    const guarded = withHandledRejections(client, logger);

    const published = guarded.publish('room');
    await expect(published).rejects.toThrow('publish to room timed out');
    expect(warn).toHaveBeenCalledWith('A realtime message was not shared through Redis: publish to room timed out');
    expect(guarded.name).toBe('publisher');
  });

  it('calls through with the client as `this`, as its private fields require', () => {
    class Client {
      #secret = 'inside';
      read(): string {
        return this.#secret;
      }
    }
    expect(withHandledRejections(new Client(), logger).read()).toBe('inside');
  });
});
