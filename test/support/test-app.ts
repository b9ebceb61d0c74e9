import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import type { App } from 'supertest/types.js';
import { AppModule } from '../../src/app.module.js';
import { type AppConfig, loadConfig } from '../../src/common/config/app-config.js';
import { configureHttpApp } from '../../src/common/http/configure-http-app.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface TestApp {
  app: NestExpressApplication;
  /** The Node HTTP server, for supertest. */
  http: ReturnType<INestApplication['getHttpServer']>;
  db: TestDatabase;
  config: AppConfig;
  /** Base URL when started with `listen: true`. */
  url: string;
  close(): Promise<void>;
}

/**
 * What the HTTP helpers need of a server: the in-process app's server, or the base URL of one
 * running as its own process (supertest takes either).
 */
export interface HttpTarget {
  http: App;
  config: Pick<AppConfig, 'apiPrefix'>;
}

/**
 * The standalone server's AppModule on a fresh database cloned from the migrated template, with
 * files in a fresh temporary directory. `env` overrides the configuration as variables would.
 */
export async function createTestApp(
  options: {
    env?: Record<string, string>;
    listen?: boolean;
    /** Serve this database instead of the fresh clone (which is still made, and dropped). */
    databaseUrl?: string;
    /** Extra controllers mounted beside the app, for tests of the framework around the routes. */
    controllers?: Type[];
    /** Extra modules imported beside the app (test hosts that stand in for a missing piece). */
    imports?: (Type | DynamicModule)[];
  } = {},
): Promise<TestApp> {
  const db = await createTestDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'confab-test-'));
  const config = loadConfig({ DATA_DIR: dataDir, ADMIN_TOKEN: TEST_ADMIN_TOKEN, LOG_LEVEL: 'error', ...options.env });
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.forRoot(config, options.databaseUrl ?? db.url), ...(options.imports ?? [])],
    controllers: options.controllers ?? [],
  }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: ['error', 'fatal'] });
  configureHttpApp(app);
  let url = '';
  if (options.listen) {
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address() as { port: number };
    url = `http://127.0.0.1:${address.port}`;
  } else {
    await app.init();
  }
  return {
    app,
    http: app.getHttpServer(),
    db,
    config,
    url,
    close: async () => {
      await app.close();
      await db.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
