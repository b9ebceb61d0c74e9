import type { ClientBase } from 'pg';
import { type EntityManager, QueryFailedError, type QueryResult, type QueryRunner } from 'typeorm';

/**
 * Runs one SQL statement on `manager` (inside its transaction, if it has one) and returns the
 * rows, whatever the command. `EntityManager.query` answers UPDATE and DELETE with
 * `[rows, count]` but INSERT and SELECT with the rows alone, which makes `RETURNING` awkward.
 */
export function sqlRows<T>(manager: EntityManager, sql: string, parameters: readonly unknown[]): Promise<T[]> {
  return withRunner(manager, async (runner) => {
    const result = (await runner.query(sql, [...parameters], true)) as QueryResult<T>;
    return result.records ?? [];
  });
}

/** Runs `work` on the manager's query runner (its transaction), or on one of the pool's, released after. */
async function withRunner<T>(manager: EntityManager, work: (runner: QueryRunner) => Promise<T>): Promise<T> {
  const runner = manager.queryRunner ?? manager.dataSource.createQueryRunner();
  try {
    return await work(runner);
  } finally {
    if (!manager.queryRunner) await runner.release();
  }
}

/**
 * A statement run on every message sent, or as often. PostgreSQL parses and plans it once per
 * connection instead of on every call; for the send statement, planning cost more than running it. Its result
 * columns must not depend on a table's columns (`RETURNING *` or `t.*` at the top level): a
 * migration adding a column would then fail every prepared copy with "cached plan must not change
 * result type". Return rows as `to_jsonb(...)` instead.
 */
export interface PreparedStatement {
  name: string;
  text: string;
}

const preparedNames = new Set<string>();

/** Declares a prepared statement; its name must be unique, as pg refuses one name for two texts. */
export function preparedStatement(name: string, text: string): PreparedStatement {
  if (preparedNames.has(name)) throw new Error(`prepared statement "${name}" is declared twice`);
  preparedNames.add(name);
  return { name, text };
}

/** `sqlRows` for a prepared statement: logged and failing (`QueryFailedError`) as TypeORM would. */
export function preparedRows<T>(
  manager: EntityManager,
  statement: PreparedStatement,
  parameters: readonly unknown[],
): Promise<T[]> {
  const values = [...parameters];
  const { logger } = manager.dataSource;
  return withRunner(manager, async (runner) => {
    // TypeORM's query() sends unnamed statements only; its Postgres runner hands out the pg client.
    const client = (await runner.connect()) as ClientBase;
    logger.logQuery(statement.text, values, runner);
    try {
      return (await client.query<T & object>({ name: statement.name, text: statement.text, values })).rows;
    } catch (error) {
      logger.logQueryError(error as Error, statement.text, values, runner);
      throw new QueryFailedError(statement.text, values, error as Error);
    }
  });
}

/** The first row of `sqlRows`, or null. */
export async function sqlRow<T>(
  manager: EntityManager,
  sql: string,
  parameters: readonly unknown[],
): Promise<T | null> {
  return (await sqlRows<T>(manager, sql, parameters))[0] ?? null;
}

function postgresError(error: unknown): { code?: string; constraint?: string } | null {
  if (!(error instanceof QueryFailedError)) return null;
  return error.driverError as { code?: string; constraint?: string };
}

/** True when `error` is PostgreSQL refusing a duplicate key of `constraint`. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const pg = postgresError(error);
  return pg?.code === '23505' && pg.constraint === constraint;
}

/** True when `error` is an integer column or expression leaving its type's range. */
export function isNumericOutOfRange(error: unknown): boolean {
  return postgresError(error)?.code === '22003';
}
