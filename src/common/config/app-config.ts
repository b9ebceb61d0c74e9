import { resolve } from 'node:path';
import { DEFAULT_MAX_FILE_BYTES, defaultMaxMessageFilesBytes, type StorageOptions } from './confab-options.js';

/** The values of `LOG_LEVEL`, most severe first: `enabledLogLevels` takes a prefix of them. */
export const LOG_LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The standalone server's configuration, read once from the environment at start. */
export interface AppConfig {
  port: number;
  apiPrefix: string;
  /** `null` means: run an embedded PostgreSQL under `dataDir/postgres`. */
  databaseUrl: string | null;
  dataDir: string;
  adminToken: string | null;
  maxFileBytes: number;
  maxMessageFilesBytes: number;
  /** Base URL of the API as clients reach it, for file links; null for root-relative links. */
  publicUrl: string | null;
  storage: StorageOptions;
  redisUrl: string | null;
  logLevel: LogLevel;
  migrateOnStart: boolean;
}

/** A configuration value the process cannot start with. The message names the variable. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`Invalid configuration: ${variable} ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const GiB = 1024 * 1024 * 1024;

/** Reads and validates the environment. Throws a `ConfigError` naming the first bad variable. */
export function loadConfig(env: Env, cwd: string = process.cwd()): AppConfig {
  const read = (name: string): string | null => {
    const value = env[name]?.trim();
    return value ? value : null;
  };

  const dataDir = resolve(cwd, read('DATA_DIR') ?? '.data');
  const storageDriver = oneOf(read('STORAGE_DRIVER') ?? 'local', 'STORAGE_DRIVER', ['local', 's3'] as const);
  const maxFileBytes = integer(read('MAX_FILE_BYTES') ?? String(DEFAULT_MAX_FILE_BYTES), 'MAX_FILE_BYTES', 1, 5 * GiB);
  const maxMessageFilesBytes = integer(
    read('MAX_MESSAGE_FILES_BYTES') ?? String(defaultMaxMessageFilesBytes(maxFileBytes)),
    'MAX_MESSAGE_FILES_BYTES',
    maxFileBytes,
    50 * GiB,
  );

  return {
    port: integer(read('PORT') ?? '3000', 'PORT', 0, 65535),
    apiPrefix: apiPrefix(read('API_PREFIX') ?? 'v7'),
    databaseUrl: postgresUrl(read('DATABASE_URL'), 'DATABASE_URL'),
    dataDir,
    adminToken: adminToken(read('ADMIN_TOKEN')),
    maxFileBytes,
    maxMessageFilesBytes,
    publicUrl: publicUrl(read('PUBLIC_URL')),
    storage:
      storageDriver === 'local'
        ? { driver: 'local', directory: resolve(cwd, read('STORAGE_DIR') ?? resolve(dataDir, 'files')) }
        : {
            driver: 's3',
            bucket: required(read('S3_BUCKET'), 'S3_BUCKET', 'is required when STORAGE_DRIVER=s3'),
            region: read('S3_REGION') ?? 'us-east-1',
            endpoint: httpUrl(read('S3_ENDPOINT'), 'S3_ENDPOINT'),
            accessKeyId: read('S3_ACCESS_KEY_ID'),
            secretAccessKey: read('S3_SECRET_ACCESS_KEY'),
            forcePathStyle: boolean(read('S3_FORCE_PATH_STYLE') ?? 'false', 'S3_FORCE_PATH_STYLE'),
          },
    redisUrl: redisUrl(read('REDIS_URL')),
    logLevel: oneOf(read('LOG_LEVEL') ?? 'log', 'LOG_LEVEL', LOG_LEVELS),
    migrateOnStart: boolean(read('MIGRATE_ON_START') ?? 'true', 'MIGRATE_ON_START'),
  };
}

function integer(raw: string, name: string, min: number, max: number): number {
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${raw}`);
  return value;
}

function boolean(raw: string, name: string): boolean {
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(name, `must be "true" or "false", got "${raw}"`);
}

function oneOf<T extends string>(raw: string, name: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
}

function required(value: string | null, name: string, why: string): string {
  if (value === null) throw new ConfigError(name, why);
  return value;
}

function apiPrefix(raw: string): string {
  const prefix = raw.replace(/^\/+|\/+$/g, '');
  if (!/^[A-Za-z0-9._~-]+(\/[A-Za-z0-9._~-]+)*$/.test(prefix)) {
    throw new ConfigError('API_PREFIX', `must be a URL path segment such as "v7", got "${raw}"`);
  }
  return prefix;
}

function adminToken(raw: string | null): string | null {
  // A short admin token is guessable; refuse it rather than run with it.
  if (raw !== null && raw.length < 16) throw new ConfigError('ADMIN_TOKEN', 'must be at least 16 characters long');
  return raw;
}

function parseUrl(raw: string, name: string, protocols: string[]): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `is not a valid URL`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(name, `must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
  }
  return url;
}

function postgresUrl(raw: string | null, name: string): string | null {
  if (raw === null) return null;
  parseUrl(raw, name, ['postgres:', 'postgresql:']);
  return raw;
}

function redisUrl(raw: string | null): string | null {
  if (raw === null) return null;
  parseUrl(raw, 'REDIS_URL', ['redis:', 'rediss:']);
  return raw;
}

function publicUrl(raw: string | null): string | null {
  if (raw === null) return null;
  const url = parseUrl(raw, 'PUBLIC_URL', ['http:', 'https:']);
  // Links are built by appending `/<prefix>/...`; a query or fragment would end up in the middle.
  if (url.search || url.hash) throw new ConfigError('PUBLIC_URL', 'must not have a query or fragment');
  return raw.replace(/\/+$/, '');
}

function httpUrl(raw: string | null, name: string): string | null {
  if (raw === null) return null;
  parseUrl(raw, name, ['http:', 'https:']);
  return raw;
}
