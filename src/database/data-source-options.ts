import type { DataSourceOptions } from 'typeorm';
import { confabEntities } from './entities.js';
import { confabMigrations } from './migrations.js';

/** The table in which TypeORM records which of Confab's migrations have run. */
export const CONFAB_MIGRATIONS_TABLE = 'confab_migrations';

/**
 * TypeORM options for a data source that serves Confab alone (the standalone server, the CLI, the
 * tests). A host application that shares its own data source adds `confabEntities` and
 * `confabMigrations` to it instead.
 */
export function confabDataSourceOptions(url: string, overrides: { poolSize?: number } = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: confabEntities,
    migrations: confabMigrations,
    migrationsTableName: CONFAB_MIGRATIONS_TABLE,
    // Schema changes happen only through migrations.
    synchronize: false,
    migrationsRun: false,
    // gen_random_uuid() is built into PostgreSQL 13+, so no extension needs installing.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    logging: ['error', 'warn'],
    poolSize: overrides.poolSize ?? 20,
    // Fail fast when the server is unreachable instead of waiting on the OS default.
    connectTimeoutMS: 5000,
  };
}
