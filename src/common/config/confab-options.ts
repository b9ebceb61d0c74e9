import { resolve } from 'node:path';
import { Inject } from '@nestjs/common';

/** Where attachments are stored. */
export type StorageOptions =
  | {
      driver: 'local';
      /** Directory for stored files. Default: `.data/files` under the working directory. */
      directory: string;
    }
  | {
      driver: 's3';
      bucket: string;
      region: string;
      /** For S3-compatible services (MinIO, R2...); null means AWS. */
      endpoint: string | null;
      /** Null: the AWS SDK's default credential chain. */
      accessKeyId: string | null;
      secretAccessKey: string | null;
      forcePathStyle: boolean;
    };

/** Options of `ChatModule.forRoot()` / `forRootAsync()`. */
export interface ChatModuleOptions {
  /** Enables `POST /admin/projects` and the other admin routes, guarded by this bearer token. */
  adminToken?: string | null;
  /** Largest accepted attachment in bytes. Default 50 MiB. */
  maxFileBytes?: number;
  /** Largest total of one message's attachments in bytes. Default 200 MiB, or `maxFileBytes` if larger. */
  maxMessageFilesBytes?: number;
  /**
   * Absolute base URL of the API as clients reach it (`https://chat.example.com`), for the file links
   * in responses. Null: links are root-relative paths (`/v7/<projectId>/files/<fileId>`).
   */
  publicUrl?: string | null;
  /** Attachment storage. Default: local disk under `.data/files`. */
  storage?: StorageOptions;
  /** With a Redis URL, realtime events reach sockets connected to any instance. */
  redisUrl?: string | null;
}

/** The options with every default filled in, plus the route prefix fixed at registration. */
export type ResolvedChatModuleOptions = Required<ChatModuleOptions> & {
  /** Path segment before `/:projectId/...` on every route (the `routePrefix` of `forRoot`). */
  routePrefix: string;
};

export const CONFAB_OPTIONS = Symbol('CONFAB_OPTIONS');

/** Injects the resolved `ChatModuleOptions`. */
export const InjectConfabOptions = (): ParameterDecorator => Inject(CONFAB_OPTIONS);

export const DEFAULT_MAX_FILE_BYTES = 50 * 1024 * 1024;
const DEFAULT_MAX_MESSAGE_FILES_BYTES = 200 * 1024 * 1024;

/** The message total must leave room for one file of the largest accepted size. */
export function defaultMaxMessageFilesBytes(maxFileBytes: number): number {
  return Math.max(DEFAULT_MAX_MESSAGE_FILES_BYTES, maxFileBytes);
}

export function resolveChatModuleOptions(options: ChatModuleOptions, routePrefix = 'v7'): ResolvedChatModuleOptions {
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  return {
    adminToken: options.adminToken ?? null,
    maxFileBytes,
    maxMessageFilesBytes: options.maxMessageFilesBytes ?? defaultMaxMessageFilesBytes(maxFileBytes),
    publicUrl: options.publicUrl?.replace(/\/+$/, '') ?? null,
    storage: options.storage ?? { driver: 'local', directory: resolve('.data', 'files') },
    redisUrl: options.redisUrl ?? null,
    routePrefix,
  };
}
