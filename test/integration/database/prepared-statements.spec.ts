import { DataSource, QueryFailedError } from 'typeorm';
import { confabDataSourceOptions } from '../../../src/database/data-source-options.js';
import { preparedRows, preparedStatement } from '../../../src/database/sql.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';

const ECHO = preparedStatement('test_echo', 'SELECT $1::int + 1 AS next');
const INSERT_PROJECT = preparedStatement(
  'test_insert_project',
  `INSERT INTO projects (name, jwt_secret) VALUES ($1, 'secret') RETURNING to_jsonb(projects) AS project`,
);
const DIVIDE = preparedStatement('test_divide', 'SELECT 1 / $1::int AS quotient');

describe('prepared statements', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    // Quiet: one test fails a statement on purpose.
    dataSource = await new DataSource({
      ...confabDataSourceOptions(database.url, { poolSize: 1 }),
      logging: false,
    }).initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('answer rows, and are parsed once per connection', async () => {
    expect(await preparedRows(dataSource.manager, ECHO, [1])).toEqual([{ next: 2 }]);
    expect(await preparedRows(dataSource.manager, ECHO, [41])).toEqual([{ next: 42 }]);
    // One pooled connection: the statement it prepared is still there.
    const prepared: { name: string }[] = await dataSource.query('SELECT name FROM pg_prepared_statements');
    expect(prepared.map((row) => row.name)).toEqual(['test_echo']);
  });

  it('run inside the transaction of the manager they are given', async () => {
    await expect(
      dataSource.transaction(async (manager) => {
        const [row] = await preparedRows<{ project: { name: string } }>(manager, INSERT_PROJECT, ['rolled back']);
        expect(row.project.name).toBe('rolled back');
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await dataSource.query(`SELECT 1 FROM projects WHERE name = 'rolled back'`)).toEqual([]);
  });

  it('fail as TypeORM queries do, with the driver error kept', async () => {
    const failure = await preparedRows(dataSource.manager, DIVIDE, [0]).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(QueryFailedError);
    expect((failure as QueryFailedError).driverError).toMatchObject({ code: '22012' });
    // The connection went back to the pool and still works.
    expect(await preparedRows(dataSource.manager, DIVIDE, [1])).toEqual([{ quotient: 1 }]);
  });

  it('refuse a name declared twice, which pg would refuse at the first call', () => {
    expect(() => preparedStatement('test_echo', 'SELECT 2')).toThrow(
      'prepared statement "test_echo" is declared twice',
    );
  });
});
