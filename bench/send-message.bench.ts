// Send Message under load: the Confab server against the plain node:http + pg baseline, both
// child processes on the same machine and database, driven by autocannon from this process.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { signUserToken } from '../src/auth/user-token.js';
import type { Benchmark } from './run.js';
import { createBenchDatabase } from './support/bench-database.js';
import { ADMIN_TOKEN, postJson } from './support/confab-api.js';
import { type NodeServer, startNodeServer } from './support/processes.js';
import { printTable } from './support/report.js';

const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const WARMUP_SECONDS = 2;
/**
 * Confab and the baseline take turns, in alternating order, so that drift on a shared machine
 * (a neighbour's load, autovacuum, the tables growing) falls on both alike.
 */
const ROUNDS = 5;

interface Fixture {
  projectId: string;
  conversationId: string;
  parentId: string;
  sender: { id: string; token: string };
}

interface BenchRequest {
  path: string;
  headers: Record<string, string>;
  body: string | Buffer;
}

interface Scenario {
  name: string;
  connections: number[];
  /** The Confab request. */
  confab: (fixture: Fixture) => BenchRequest;
  /** The same SQL work against the baseline; absent when it has no counterpart there. */
  baseline?: (fixture: Fixture) => BenchRequest;
}

/** One server under load with one request. */
interface Target {
  server: string;
  url: string;
  request: BenchRequest;
}

type Load = { 'sends/s': number; 'p50 ms': number; 'p99 ms': number };

const json = { 'content-type': 'application/json' };

/** A multipart body as the official client sends it: content, localId and two small files. */
function multipartBody(): { contentType: string; body: Buffer } {
  const boundary = 'confab-bench-boundary';
  const part = (headers: string, content: string | Buffer) =>
    Buffer.concat([Buffer.from(`--${boundary}\r\n${headers}\r\n\r\n`), Buffer.from(content), Buffer.from('\r\n')]);
  const body = Buffer.concat([
    part('Content-Disposition: form-data; name="content"', 'Two attachments'),
    part('Content-Disposition: form-data; name="localId"', 'bench'),
    part(
      'Content-Disposition: form-data; name="files"; filename="notes.txt"\r\nContent-Type: text/plain',
      'notes\n'.repeat(300),
    ),
    part(
      'Content-Disposition: form-data; name="files"; filename="data.bin"\r\nContent-Type: application/octet-stream',
      Buffer.alloc(4096, 7),
    ),
    Buffer.from(`--${boundary}--\r\n`),
  ]);
  return { contentType: `multipart/form-data; boundary=${boundary}`, body };
}

const scenarios: Scenario[] = [
  {
    name: 'text',
    connections: [1, 16, 64],
    confab: (f) => ({
      path: `/v7/${f.projectId}/chat/conversations/${f.conversationId}/messages`,
      headers: { ...json, authorization: `Bearer ${f.sender.token}` },
      body: JSON.stringify({ content: 'Hello from the benchmark', localId: 'bench' }),
    }),
    baseline: (f) => ({
      path: `/conversations/${f.conversationId}/messages`,
      headers: { ...json, 'x-user-id': f.sender.id },
      body: JSON.stringify({ content: 'Hello from the benchmark' }),
    }),
  },
  {
    name: 'reply',
    connections: [16],
    confab: (f) => ({
      path: `/v7/${f.projectId}/chat/conversations/${f.conversationId}/messages`,
      headers: { ...json, authorization: `Bearer ${f.sender.token}` },
      body: JSON.stringify({ content: 'A reply', parentMessageId: f.parentId }),
    }),
    baseline: (f) => ({
      path: `/conversations/${f.conversationId}/messages`,
      headers: { ...json, 'x-user-id': f.sender.id },
      body: JSON.stringify({ content: 'A reply', parentMessageId: f.parentId }),
    }),
  },
  {
    // Both files are stored (local disk), sniffed and recorded; the baseline has no counterpart.
    name: 'multipart, 2 files',
    connections: [16],
    confab: (f) => {
      const { contentType, body } = multipartBody();
      return {
        path: `/v7/${f.projectId}/chat/conversations/${f.conversationId}/messages`,
        headers: { 'content-type': contentType, authorization: `Bearer ${f.sender.token}` },
        body,
      };
    },
  },
];

export const sendMessageBenchmark: Benchmark = {
  name: 'send-message',
  async run() {
    const database = await createBenchDatabase();
    const dataDir = await mkdtemp(join(tmpdir(), 'confab-bench-'));
    const servers: NodeServer[] = [];
    try {
      const confab = await startNodeServer(join('dist', 'src', 'main.js'), {
        DATABASE_URL: database.url,
        DATA_DIR: dataDir,
        ADMIN_TOKEN,
        LOG_LEVEL: 'error',
        MIGRATE_ON_START: 'false',
      });
      servers.push(confab);
      const baseline = await startNodeServer(join('dist', 'bench', 'baseline-server.js'), {
        DATABASE_URL: database.url,
      });
      servers.push(baseline);
      const fixture = await prepare(confab.url);

      const rows: Record<string, string | number>[] = [];
      const ratios: Record<string, string | number>[] = [];
      for (const scenario of scenarios) {
        for (const connections of scenario.connections) {
          const targets: Target[] = [{ server: 'confab', url: confab.url, request: scenario.confab(fixture) }];
          if (scenario.baseline)
            targets.push({ server: 'baseline', url: baseline.url, request: scenario.baseline(fixture) });
          const runs = await interleaved(targets, connections);
          for (const [i, target] of targets.entries()) {
            rows.push({
              scenario: scenario.name,
              connections,
              server: target.server,
              ...medians(runs.map((round) => round[i])),
            });
          }
          if (targets.length < 2) continue;
          const throughput = runs.map(([ours, floor]) => ours['sends/s'] / floor['sends/s']);
          const p99 = runs.map(([ours, floor]) => ours['p99 ms'] / floor['p99 ms']);
          ratios.push({
            scenario: scenario.name,
            connections,
            'throughput confab/baseline': median(throughput),
            'p99 confab/baseline': median(p99),
            'throughput by round': throughput.map((ratio) => ratio.toFixed(2)).join(' '),
            'p99 by round': p99.map((ratio) => ratio.toFixed(2)).join(' '),
          });
        }
      }
      printTable(
        `Send Message: medians of ${ROUNDS} rounds of ${DURATION_SECONDS}s per server (after ${WARMUP_SECONDS}s warm-up)`,
        rows,
      );
      printTable('Confab relative to the baseline: median of the rounds, and each round', ratios);
    } finally {
      await Promise.all(servers.map((server) => server.stop()));
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    }
  },
};

/** A project, two members of a group, and a parent message for the replies. */
async function prepare(url: string): Promise<Fixture> {
  const created = await postJson<{ project: { id: string }; apiKey: string; jwtSecret: string }>(
    `${url}/admin/projects`,
    ADMIN_TOKEN,
    { name: 'bench' },
  );
  const projectId = created.project.id;
  const users = [];
  for (const foreignId of ['sender', 'reader']) {
    const user = await postJson<{ id: string }>(`${url}/v7/${projectId}/users`, created.apiKey, {
      foreignId,
      name: foreignId,
    });
    users.push({ id: user.id, token: await signUserToken(created.jwtSecret, { sub: foreignId }, 3600) });
  }
  const [sender, reader] = users;
  const group = await postJson<{ id: string }>(`${url}/v7/${projectId}/chat/conversations`, sender.token, {
    type: 'group',
    memberIds: [reader.id],
  });
  const parent = await postJson<{ id: string }>(
    `${url}/v7/${projectId}/chat/conversations/${group.id}/messages`,
    sender.token,
    { content: 'parent' },
  );
  return { projectId, conversationId: group.id, parentId: parent.id, sender };
}

/** Each target warmed up, then `ROUNDS` measured runs of each, alternating which goes first. */
async function interleaved(targets: Target[], connections: number): Promise<Load[][]> {
  for (const target of targets) await load(target, connections, WARMUP_SECONDS);
  const rounds: Load[][] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? targets : [...targets].reverse();
    const results = new Map<Target, Load>();
    for (const target of order) results.set(target, await load(target, connections, DURATION_SECONDS));
    rounds.push(targets.map((target) => results.get(target)!));
  }
  return rounds;
}

async function load({ url, request }: Target, connections: number, duration: number): Promise<Load> {
  const result = await autocannon({
    url: `${url}${request.path}`,
    method: 'POST',
    headers: request.headers,
    body: request.body,
    connections,
    duration,
  });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${request.path}: ${result.non2xx} non-2xx responses and ${result.errors} errors under load`);
  }
  return { 'sends/s': result.requests.average, 'p50 ms': result.latency.p50, 'p99 ms': result.latency.p99 };
}

function medians(runs: Load[]): Load {
  return {
    'sends/s': median(runs.map((run) => run['sends/s'])),
    'p50 ms': median(runs.map((run) => run['p50 ms'])),
    'p99 ms': median(runs.map((run) => run['p99 ms'])),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
