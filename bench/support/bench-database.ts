import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { runMigrations } from '../../src/database/database-connection.js';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres.js';

/** A fresh, migrated database for one benchmark, dropped afterwards. */
export interface BenchDatabase {
  url: string;
  drop(): Promise<void>;
}

let server: Promise<{ adminUrl: string; stop(): Promise<void> }> | null = null;

/**
 * The benchmarks' PostgreSQL: BENCH_DATABASE_URL (a maintenance database on a server where the
 * user may create databases), or an embedded cluster under .data/bench-postgres.
 */
function benchServer(): Promise<{ adminUrl: string; stop(): Promise<void> }> {
  server ??= process.env.BENCH_DATABASE_URL
    ? Promise.resolve({ adminUrl: process.env.BENCH_DATABASE_URL, stop: async () => {} })
    : startEmbeddedPostgres({
        directory: join(process.cwd(), '.data', 'bench-postgres'),
        database: 'postgres',
        attachIfRunning: true,
      });
  return server;
}

export async function createBenchDatabase(): Promise<BenchDatabase> {
  const { adminUrl } = await benchServer();
  const name = `confab_bench_${randomBytes(4).toString('hex')}`;
  await admin(adminUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await runMigrations(url.toString());
  return { url: url.toString(), drop: () => admin(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

export async function stopBenchServer(): Promise<void> {
  if (server) await (await server).stop();
  server = null;
}

async function admin(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
