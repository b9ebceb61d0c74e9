import { DataSource } from 'typeorm';
import { confabDataSourceOptions } from '../../../src/database/data-source-options.js';
import { confabMigrations } from '../../../src/database/migrations.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';

describe('the migrations', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await new DataSource(confabDataSourceOptions(database.url, { poolSize: 2 })).initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('build exactly the schema the entities describe', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('have all run, and can be reverted and applied again', async () => {
    expect(await dataSource.showMigrations()).toBe(false);
    for (let i = 0; i < confabMigrations.length; i++) await dataSource.undoLastMigration();
    const tables: { count: string }[] = await dataSource.query(
      `SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'confab_migrations'`,
    );
    expect(Number(tables[0].count)).toBe(0);
    await dataSource.runMigrations();
    expect(await dataSource.showMigrations()).toBe(false);
    expect((await dataSource.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
  });
});
