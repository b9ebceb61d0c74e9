// The data source the TypeORM CLI uses (`npm run migration:generate -- src/database/migrations/Name`).
// It reads the same validated configuration as the server; DATABASE_URL must point at a database.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from './src/common/config/app-config.js';
import { confabDataSourceOptions } from './src/database/data-source-options.js';

const config = loadConfig(process.env);
if (!config.databaseUrl) {
  throw new Error(
    'Set DATABASE_URL to use the TypeORM CLI. (npm start and npm run migration:run handle the embedded database.)',
  );
}

export default new DataSource(confabDataSourceOptions(config.databaseUrl));
