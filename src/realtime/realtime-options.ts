import type { Type } from '@nestjs/common';
import type { ChatEvents } from './chat-events.js';

/**
 * How ChatModule delivers its events live (`ChatModule.forRoot({ realtime })`). Fixed when the
 * module is declared, like `routePrefix`: it decides which providers exist, so it cannot come from
 * an options factory.
 */
export type RealtimeOptions =
  /** The built-in socket.io gateway, served on the host application's HTTP server. The default. */
  | { gateway: true }
  /**
   * No gateway. Chat's events go to `events`, an injectable class extending `ChatEvents` (for
   * example, onto the host's own transport), or nowhere when it is absent. Its dependencies must
   * be visible to ChatModule: list their modules in `forRootAsync({ imports })`, or make them global.
   */
  | { gateway: false; events?: Type<ChatEvents> };

export const DEFAULT_REALTIME_OPTIONS: RealtimeOptions = { gateway: true };
