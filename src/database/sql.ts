import { type EntityManager, QueryFailedError, type QueryResult } from 'typeorm';

/**
 * Runs one SQL statement on `manager` (inside its transaction, if it has one) and returns the
 * rows, whatever the command. `EntityManager.query` answers UPDATE and DELETE with
 * `[rows, count]` but INSERT and SELECT with the rows alone, which makes `RETURNING` awkward.
 */
export async function sqlRows<T>(manager: EntityManager, sql: string, parameters: readonly unknown[]): Promise<T[]> {
  const runner = manager.queryRunner ?? manager.dataSource.createQueryRunner();
  try {
    const result = (await runner.query(sql, [...parameters], true)) as QueryResult<T>;
    return result.records ?? [];
  } finally {
    if (!manager.queryRunner) await runner.release();
  }
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
