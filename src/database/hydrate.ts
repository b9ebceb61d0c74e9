import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Turns a raw row (snake_case columns, as `RETURNING *` gives them) into an entity, applying each
 * column's type conversion and transformer as TypeORM would on a find.
 */
export function hydrate<T extends ObjectLiteral>(
  dataSource: DataSource,
  target: EntityTarget<T>,
  row: Record<string, unknown>,
): T {
  const metadata = dataSource.getMetadata(target);
  const entity = metadata.create() as T;
  for (const column of metadata.columns) {
    if (column.databaseName in row) {
      (entity as Record<string, unknown>)[column.propertyName] = dataSource.driver.prepareHydratedValue(
        row[column.databaseName],
        column,
      );
    }
  }
  return entity;
}
