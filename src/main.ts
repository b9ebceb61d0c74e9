import 'reflect-metadata';
import { ConsoleLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module.js';
import { type AppConfig, ConfigError, loadConfig } from './common/config/app-config.js';
import { enabledLogLevels } from './common/config/log-levels.js';
import { configureHttpApp } from './common/http/configure-http-app.js';
import { type DatabaseConnection, openDatabase, runMigrations } from './database/database-connection.js';

/**
 * Starts the standalone server: read the configuration, open the database (starting the embedded
 * one when DATABASE_URL is unset), migrate, serve, and on SIGINT/SIGTERM close in reverse order.
 */
async function main(): Promise<void> {
  const config = configOrExit();
  const logger = new ConsoleLogger('Confab', { logLevels: enabledLogLevels(config.logLevel) });

  // Until the server listens, a Ctrl-C stops what has started (the embedded database among it,
  // which an exit stops too) rather than leave it running.
  let database: DatabaseConnection | null = null;
  const stopStarting = (signal: NodeJS.Signals) => {
    logger.log(`${signal} during start-up: stopping`);
    void (database?.close() ?? Promise.resolve()).finally(() => process.exit(130));
  };
  process.on('SIGINT', stopStarting);
  process.on('SIGTERM', stopStarting);

  try {
    database = await openDatabase(config, { log: (line) => logger.log(line) });
  } catch (error) {
    logger.error((error as Error).message);
    process.exit(1);
  }

  try {
    if (config.migrateOnStart) {
      const ran = await runMigrations(database.url);
      logger.log(ran.length ? `Applied migrations: ${ran.join(', ')}` : 'Database schema is up to date');
    }
    const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, database.url), {
      logger,
    });
    configureHttpApp(app);
    await app.listen(config.port);
    logger.log(`Confab listening on http://localhost:${listeningPort(app)}/${config.apiPrefix}`);
    process.off('SIGINT', stopStarting);
    process.off('SIGTERM', stopStarting);
    closeOnSignal(app, database, logger);
  } catch (error) {
    logger.error((error as Error).stack ?? String(error));
    await database.close().catch(() => {});
    process.exit(1);
  }
}

function configOrExit(): AppConfig {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

function listeningPort(app: NestExpressApplication): number {
  const address = app.getHttpServer().address();
  return typeof address === 'object' && address ? address.port : 0;
}

/** The server closes (finishing requests in flight) before the database it uses stops. */
function closeOnSignal(app: NestExpressApplication, database: DatabaseConnection, logger: ConsoleLogger): void {
  let closing = false;
  const close = (signal: NodeJS.Signals) => {
    if (closing) {
      logger.warn(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    closing = true;
    logger.log(`${signal}: shutting down`);
    void app
      .close()
      .then(() => database.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error(`Shutdown failed: ${(error as Error).message}`);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', close);
  process.on('SIGTERM', close);
}

void main();
