import { ConfigError, loadConfig } from './app-config.js';

describe('loadConfig', () => {
  it('gives every variable its default when the environment is empty', () => {
    const config = loadConfig({}, '/srv/confab');
    expect(config).toEqual({
      port: 3000,
      apiPrefix: 'v7',
      databaseUrl: null,
      dataDir: '/srv/confab/.data',
      adminToken: null,
      maxFileBytes: 50 * 1024 * 1024,
      maxMessageFilesBytes: 200 * 1024 * 1024,
      publicUrl: null,
      storage: { driver: 'local', directory: '/srv/confab/.data/files' },
      redisUrl: null,
      logLevel: 'log',
      migrateOnStart: true,
    });
  });

  it('reads the S3 settings when STORAGE_DRIVER is s3', () => {
    const config = loadConfig({
      STORAGE_DRIVER: 's3',
      S3_BUCKET: 'uploads',
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      S3_FORCE_PATH_STYLE: 'true',
    });
    expect(config.storage).toEqual({
      driver: 's3',
      bucket: 'uploads',
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:9000',
      accessKeyId: null,
      secretAccessKey: null,
      forcePathStyle: true,
    });
  });

  it('reads the upload limits and keeps the message total at least one largest file', () => {
    expect(loadConfig({ MAX_FILE_BYTES: '1000', MAX_MESSAGE_FILES_BYTES: '5000' })).toMatchObject({
      maxFileBytes: 1000,
      maxMessageFilesBytes: 5000,
    });
    const bigFiles = 300 * 1024 * 1024;
    expect(loadConfig({ MAX_FILE_BYTES: String(bigFiles) }).maxMessageFilesBytes).toBe(bigFiles);
  });

  it('reads PUBLIC_URL without its trailing slash', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://chat.example.com/api/' }).publicUrl).toBe('https://chat.example.com/api');
  });

  it.each([
    [{ MAX_FILE_BYTES: '2000', MAX_MESSAGE_FILES_BYTES: '1000' }, 'MAX_MESSAGE_FILES_BYTES'],
    [{ PUBLIC_URL: 'ftp://example.com' }, 'PUBLIC_URL'],
    [{ PUBLIC_URL: 'https://example.com/?x=1' }, 'PUBLIC_URL'],
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://localhost/x' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
    [{ MAX_FILE_BYTES: '-1' }, 'MAX_FILE_BYTES'],
    [{ STORAGE_DRIVER: 'ftp' }, 'STORAGE_DRIVER'],
    [{ STORAGE_DRIVER: 's3' }, 'S3_BUCKET'],
    [{ REDIS_URL: 'http://localhost' }, 'REDIS_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ ADMIN_TOKEN: 'short' }, 'ADMIN_TOKEN'],
    [{ API_PREFIX: 'v 7' }, 'API_PREFIX'],
    [{ MIGRATE_ON_START: 'maybe' }, 'MIGRATE_ON_START'],
  ])('refuses %j with a message naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^Invalid configuration: ${variable} `));
  });

  it('never repeats a bad DATABASE_URL, which may hold a password', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://user:secret@localhost/x' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('secret') }),
    );
  });
});
