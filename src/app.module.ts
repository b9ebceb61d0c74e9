import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChatModule } from './chat/chat.module.js';
import type { AppConfig } from './common/config/app-config.js';
import { AppExceptionFilter } from './common/filters/app-exception.filter.js';
import { confabDataSourceOptions } from './database/data-source-options.js';
import { HealthModule } from './health/health.module.js';

/**
 * The standalone server: Confab's `ChatModule` mounted the way any host application mounts it,
 * plus what only a whole server needs (its data source, `/health`, one error format for routes
 * that match nothing).
 */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRoot(confabDataSourceOptions(databaseUrl)),
        ChatModule.forRoot({
          routePrefix: config.apiPrefix,
          adminToken: config.adminToken,
          maxFileBytes: config.maxFileBytes,
          maxMessageFilesBytes: config.maxMessageFilesBytes,
          publicUrl: config.publicUrl,
          storage: config.storage,
          redisUrl: config.redisUrl,
        }),
        HealthModule,
      ],
      // Unknown routes and body-parser failures happen outside ChatModule's controllers.
      providers: [{ provide: APP_FILTER, useClass: AppExceptionFilter }],
    };
  }
}
