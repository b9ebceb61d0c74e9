import { createHash } from 'node:crypto';
import { chmod, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrations } from '../../src/database/database-connection.js';
import { startEmbeddedPostgres, unreachableAncestor } from '../../src/database/embedded-postgres.js';
import { adminQuery, withDatabase } from './test-database.js';

// Databases of runs that died without cleaning up are dropped once they are this old; younger
// ones may belong to a run still going on the same server.
const STALE_AFTER_SECONDS = 2 * 3600;

/**
 * Once per `npm test`: find a PostgreSQL (TEST_DATABASE_URL, or an embedded one, normally under
 * .data/test-postgres), migrate a template database, and tell the test files where it is.
 */
export async function prepareDatabase(): Promise<void> {
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    console.log(`\nTests use the PostgreSQL at TEST_DATABASE_URL.`);
  } else {
    const directory = await testClusterDirectory();
    const embedded = await startEmbeddedPostgres({ directory, database: 'postgres', attachIfRunning: true });
    adminUrl = embedded.adminUrl;
    (globalThis as { __CONFAB_TEST_PG__?: unknown }).__CONFAB_TEST_PG__ = embedded;
    console.log(`\nTests use the embedded PostgreSQL in ${directory}.`);
  }

  await dropStaleDatabases(adminUrl);
  const template = `confab_tpl_${Math.floor(Date.now() / 1000)}_${process.pid}`;
  await adminQuery(adminUrl, `CREATE DATABASE "${template}"`);
  await runMigrations(withDatabase(adminUrl, template));

  process.env.CONFAB_TEST_ADMIN_URL = adminUrl;
  process.env.CONFAB_TEST_TEMPLATE = template;
}

/**
 * `.data/test-postgres`, unless the checkout sits where PostgreSQL cannot reach it: run as root, it
 * runs as the `postgres` user, and a checkout in a private directory (a `mktemp -d`, as CI makes)
 * is closed to that user. The tests then keep their cluster in the system's temporary directory,
 * one per checkout, rather than change the permissions of the user's directories.
 */
async function testClusterDirectory(): Promise<string> {
  const inCheckout = join(process.cwd(), '.data', 'test-postgres');
  if (!(await unreachableAncestor(inCheckout))) return inCheckout;
  const shared = join(tmpdir(), 'confab-test-postgres');
  await mkdir(shared, { recursive: true, mode: 0o755 });
  await chmod(shared, 0o755);
  return join(shared, createHash('sha256').update(process.cwd()).digest('hex').slice(0, 16));
}

async function dropStaleDatabases(adminUrl: string): Promise<void> {
  const { rows } = await adminQuery(
    adminUrl,
    `SELECT datname FROM pg_database WHERE datname ~ '^confab_(tpl|t)_[0-9]+_'`,
  );
  const now = Date.now() / 1000;
  for (const { datname } of rows as { datname: string }[]) {
    const createdAt = Number(datname.split('_')[2]);
    if (now - createdAt > STALE_AFTER_SECONDS) {
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  }
}
