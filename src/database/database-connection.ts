import { join } from 'node:path';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { confabDataSourceOptions } from './data-source-options.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';

/** The database the standalone server (or the CLI) works on, and how to let go of it. */
export interface DatabaseConnection {
  url: string;
  close(): Promise<void>;
}

/**
 * Opens the configured database: the server at `databaseUrl`, or without one an embedded
 * PostgreSQL under `dataDir/postgres`. Fails within seconds, with a message that names the
 * server but never the password, when it cannot be reached.
 */
export async function openDatabase(
  config: { databaseUrl: string | null; dataDir: string },
  options: { log?: (line: string) => void; attachIfRunning?: boolean } = {},
): Promise<DatabaseConnection> {
  if (config.databaseUrl === null) {
    const directory = join(config.dataDir, 'postgres');
    options.log?.(`No DATABASE_URL set: using the embedded PostgreSQL in ${directory}`);
    const embedded = await startEmbeddedPostgres({
      directory,
      database: 'confab',
      attachIfRunning: options.attachIfRunning,
      notice: options.log,
    });
    return { url: embedded.url, close: () => embedded.stop() };
  }
  await probe(config.databaseUrl);
  return { url: config.databaseUrl, close: async () => {} };
}

async function probe(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(`Cannot connect to the database at DATABASE_URL (${describe(url)}): ${reason(error)}`, {
      cause: error,
    });
  } finally {
    await client.end().catch(() => {});
  }
}

/** Runs every pending migration; returns the names of those that ran. */
export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = new DataSource({ ...confabDataSourceOptions(url, { poolSize: 1 }), logging: ['error'] });
  await dataSource.initialize();
  try {
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    return ran.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}

/** `host:port/database` of a connection URL, without credentials. */
export function describe(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return 'an unparsable URL';
  }
}

function reason(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length) return reason(error.errors[0]);
  const { code, message } = error as { code?: string; message?: string };
  return [code, message].filter(Boolean).join(' ') || String(error);
}
