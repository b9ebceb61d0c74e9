import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient, type RedisClientType } from 'redis';

type RedisClient = RedisClientType;

/** The adapter constructor socket.io takes in `server.adapter(...)`. */
type AdapterConstructor = ReturnType<typeof createAdapter>;

// Channels are prefixed with this instead of the adapter's default `socket.io`, so that a host
// application's own socket.io servers on the same Redis never receive our broadcasts.
const CHANNEL_PREFIX = 'confab';

/**
 * With a Redis URL, the connections through which instances share rooms and events
 * (`@socket.io/redis-adapter`: one client publishes, one subscribes). The first connection must
 * succeed, or the server does not start; later outages are retried forever and logged once.
 */
export class RealtimeRedis implements OnApplicationShutdown {
  private constructor(
    private readonly clients: RedisClient[],
    /** Null without Redis: socket.io's in-memory adapter, one instance alone. */
    readonly adapter: AdapterConstructor | null,
  ) {}

  static async connect(url: string | null, logger = new Logger('ConfabRealtime')): Promise<RealtimeRedis> {
    if (url === null) return new RealtimeRedis([], null);
    const clients = [openClient(url, 'publisher', logger), openClient(url, 'subscriber', logger)];
    const connected = await Promise.allSettled(clients.map((client) => client.connect()));
    const failure = connected.find((result) => result.status === 'rejected');
    if (failure) {
      clients.forEach((client) => client.destroy());
      const reason = messageOf(failure.reason);
      throw new Error(`Cannot connect to the Redis at ${hostOf(url)} (REDIS_URL): ${reason}`);
    }
    const [publisher, subscriber] = clients.map((client) => withHandledRejections(client, logger));
    return new RealtimeRedis(clients, createAdapter(publisher, subscriber, { key: CHANNEL_PREFIX }));
  }

  // After the socket.io server has closed (Nest disposes it before this hook), so the adapter's
  // last unsubscribe still has its connection.
  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.clients.filter((client) => client.isOpen).map((client) => client.close()));
  }
}

function openClient(url: string, role: string, logger: Logger): RedisClient {
  let state: 'connecting' | 'up' | 'down' = 'connecting';
  const client = createClient({
    url,
    socket: {
      connectTimeout: 5000,
      // Refuse to start against a Redis that is not there; once up, wait for it to come back.
      // (`false` rather than an Error: node-redis tests `instanceof Error`, which fails across realms.)
      reconnectStrategy: (retries) => (state === 'connecting' ? false : Math.min(100 * 2 ** retries, 5000)),
    },
  });
  client.on('ready', () => {
    if (state === 'down') logger.log(`Redis ${role} connection restored`);
    state = 'up';
  });
  // Without an 'error' listener, a lost connection would crash the process.
  client.on('error', (error: Error) => {
    if (state !== 'up') return;
    state = 'down';
    logger.error(
      `Redis ${role} connection lost (${error.message}); events reach only this instance's sockets until it is back`,
    );
  });
  return client;
}

/**
 * The adapter calls its clients' commands without handling their promises, and a command queued
 * during an outage is rejected after a few seconds: an unhandled rejection, which ends the process.
 * The adapter gets this view of the client instead, where every returned promise has a handler
 * (callers that await one still see its rejection).
 */
export function withHandledRejections<T extends object>(client: T, logger: Logger): T {
  return new Proxy(client, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]): unknown => {
        const result: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (isPromise(result)) {
          void result.catch((error: unknown) =>
            logger.warn(`A realtime message was not shared through Redis: ${messageOf(error)}`),
          );
        }
        return result;
      };
    },
  });
}

/** Host and port only: a Redis URL may carry a password. */
function hostOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || '6379'}`;
}

// Duck-typed rather than `instanceof`: under a test runner's VM context, errors and promises may
// come from another realm.
function isPromise(value: unknown): value is Promise<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as Promise<unknown>).catch === 'function';
}

function messageOf(error: unknown): string {
  const { message, name } = (error ?? {}) as { message?: unknown; name?: unknown };
  // node-redis's TimeoutError has an empty message.
  if (typeof message === 'string' && message !== '') return message;
  return typeof name === 'string' ? name : String(error);
}
