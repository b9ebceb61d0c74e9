import type { LogLevel as NestLogLevel } from '@nestjs/common';
import { LOG_LEVELS, type LogLevel } from './app-config.js';

/** The Nest log levels enabled by `LOG_LEVEL`: that level and every more severe one. */
export function enabledLogLevels(level: LogLevel): NestLogLevel[] {
  return ['fatal', ...LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(level) + 1)];
}
