import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { io, type Socket } from 'socket.io-client';
import { signUserToken } from '../src/auth/user-token.js';
import type { Benchmark } from './run.js';
import { createBenchDatabase } from './support/bench-database.js';
import { ADMIN_TOKEN, postJson } from './support/confab-api.js';
import { type NodeServer, startNodeServer } from './support/processes.js';
import { printTable } from './support/report.js';

const SOCKETS = 100;
const WARMUP_SENDS = 20;
const MEASURED_SENDS = 300;
const SERVER = fileURLToPath(new URL('../src/main.js', import.meta.url));

/**
 * Fan-out latency: 100 sockets (one per member) in one group, one member sends through HTTP, and
 * each socket's `message:created` is timed from the moment the request was sent. Sends go one at
 * a time, each after every socket got the previous one, so the figures are latencies, not
 * queueing. The server runs as its own process (the built `dist/src/main.js`), as in production,
 * so the clients here do not share its event loop. With BENCH_REDIS_URL, a second run puts the
 * sockets on another instance than the one that takes the sends, through Redis.
 */
export const realtimeFanout: Benchmark = {
  name: 'realtime-fanout',
  async run() {
    const rows = [await measure('1 instance', null)];
    const redisUrl = process.env.BENCH_REDIS_URL;
    if (redisUrl) rows.push(await measure('2 instances + Redis', redisUrl));
    else console.log('(BENCH_REDIS_URL unset: the two-instance run through Redis is skipped)');
    printTable(`message:created fan-out to ${SOCKETS} sockets, ${MEASURED_SENDS} sends (ms)`, rows);
  },
};

async function measure(label: string, redisUrl: string | null): Promise<Record<string, string | number>> {
  const database = await createBenchDatabase();
  const servers: NodeServer[] = [];
  const sockets: Socket[] = [];
  try {
    const env = { DATABASE_URL: database.url, ADMIN_TOKEN, LOG_LEVEL: 'warn', MIGRATE_ON_START: 'false' };
    const sending = await startNodeServer(SERVER, redisUrl ? { ...env, REDIS_URL: redisUrl } : env);
    servers.push(sending);
    const receiving = redisUrl ? await startNodeServer(SERVER, { ...env, REDIS_URL: redisUrl }) : sending;
    if (receiving !== sending) servers.push(receiving);

    const created = await postJson<{ project: { id: string }; apiKey: string; jwtSecret: string }>(
      `${sending.url}/admin/projects`,
      ADMIN_TOKEN,
      { name: 'bench' },
    );
    const { apiKey, jwtSecret } = created;
    const projectId = created.project.id;
    const users: { id: string; token: string }[] = [];
    for (let i = 0; i < SOCKETS; i += 10) {
      const batch = Array.from({ length: Math.min(10, SOCKETS - i) }, async (_, j) => {
        const foreignId = `bench-${i + j}`;
        const user = await postJson<{ id: string }>(`${sending.url}/v7/${projectId}/users`, apiKey, { foreignId });
        return { id: user.id, token: await signUserToken(jwtSecret, { sub: foreignId }) };
      });
      users.push(...(await Promise.all(batch)));
    }
    const [sender, ...others] = users;
    const conversation = await postJson<{ id: string }>(
      `${sending.url}/v7/${projectId}/chat/conversations`,
      sender.token,
      { type: 'group', memberIds: others.map((user) => user.id) },
    );

    // Per send: when its request left, and when each socket got it.
    const sentAt = new Map<string, number>();
    const receipts = new Map<string, number[]>();
    let onAllReceived: (() => void) | null = null;
    for (const user of users) {
      const socket = io(receiving.url, {
        auth: { token: user.token },
        query: { projectId },
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
      });
      socket.on('message:created', (message: { localId?: string }) => {
        const at = performance.now();
        const localId = message.localId ?? '';
        const times = receipts.get(localId);
        if (!times) return;
        times.push(at - (sentAt.get(localId) ?? at));
        if (times.length === SOCKETS) onAllReceived?.();
      });
      sockets.push(socket);
    }
    await Promise.all(sockets.map((socket) => new Promise<void>((resolve) => socket.once('connect', () => resolve()))));

    const latencies: number[] = [];
    const lastReceipts: number[] = [];
    const spreads: number[] = [];
    const responses: number[] = [];
    for (let i = 0; i < WARMUP_SENDS + MEASURED_SENDS; i++) {
      const localId = `send-${i}`;
      receipts.set(localId, []);
      const allReceived = new Promise<void>((resolve) => (onAllReceived = resolve));
      sentAt.set(localId, performance.now());
      await postJson(`${sending.url}/v7/${projectId}/chat/conversations/${conversation.id}/messages`, sender.token, {
        content: `message ${i}`,
        localId,
      });
      const respondedIn = performance.now() - sentAt.get(localId)!;
      await allReceived;
      if (i < WARMUP_SENDS) continue;
      const times = receipts.get(localId)!;
      latencies.push(...times);
      lastReceipts.push(Math.max(...times));
      spreads.push(Math.max(...times) - Math.min(...times));
      responses.push(respondedIn);
    }
    return {
      setup: label,
      'receipt p50': percentile(latencies, 50),
      'receipt p99': percentile(latencies, 99),
      'last socket p50': percentile(lastReceipts, 50),
      'last socket p99': percentile(lastReceipts, 99),
      // The fan-out alone: from the first socket's copy to the last one's.
      'first→last p50': percentile(spreads, 50),
      'HTTP 201 p50': percentile(responses, 50),
    };
  } finally {
    sockets.forEach((socket) => socket.close());
    await Promise.all(servers.map((server) => server.stop()));
    await database.drop();
  }
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
