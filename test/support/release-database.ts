import { adminQuery } from './test-database.js';

/** Drops this run's databases and stops the embedded PostgreSQL if the setup started it. */
export async function releaseDatabase(): Promise<void> {
  const adminUrl = process.env.CONFAB_TEST_ADMIN_URL;
  const template = process.env.CONFAB_TEST_TEMPLATE;
  if (adminUrl && template) {
    const prefix = template.replace('_tpl_', '_t_');
    const { rows } = await adminQuery(
      adminUrl,
      `SELECT datname FROM pg_database WHERE datname = '${template}' OR starts_with(datname, '${prefix}_')`,
    );
    for (const { datname } of rows as { datname: string }[]) {
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  }
  const embedded = (globalThis as { __CONFAB_TEST_PG__?: { stop(): Promise<void> } }).__CONFAB_TEST_PG__;
  await embedded?.stop();
}
