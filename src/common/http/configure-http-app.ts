import type { NestExpressApplication } from '@nestjs/platform-express';

/** Largest JSON or form body accepted (multipart uploads have their own per-file limits). */
export const MAX_BODY_SIZE = '1mb';

/** HTTP settings of the standalone server, applied before it starts listening. */
export function configureHttpApp(app: NestExpressApplication): void {
  app.useBodyParser('json', { limit: MAX_BODY_SIZE });
  app.useBodyParser('urlencoded', { limit: MAX_BODY_SIZE, extended: false });
  app.disable('x-powered-by');
  app.enableCors();
}
