import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * Per-file databases cloned from the template that the global setup migrated once. Each test
 * file gets its own, so files run in parallel without seeing each other's rows.
 */
export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

export function testServerEnv(): { adminUrl: string; template: string } {
  const adminUrl = process.env.CONFAB_TEST_ADMIN_URL;
  const template = process.env.CONFAB_TEST_TEMPLATE;
  if (!adminUrl || !template)
    throw new Error('Run the tests through `npm test` (the global setup prepares the database).');
  return { adminUrl, template };
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const { adminUrl, template } = testServerEnv();
  const name = `${template.replace('_tpl_', '_t_')}_${randomBytes(4).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  const url = withDatabase(adminUrl, name);
  return {
    url,
    name,
    drop: async () => {
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

export async function adminQuery(adminUrl: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
