import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { signUserToken } from './auth/user-token.js';
import { ConfigError, loadConfig } from './common/config/app-config.js';
import { confabDataSourceOptions } from './database/data-source-options.js';
import { openDatabase, runMigrations } from './database/database-connection.js';
import { ApiKey } from './projects/api-key.entity.js';
import { Project } from './projects/project.entity.js';
import { ProjectsRepository } from './projects/projects.repository.js';
import { ProjectsService } from './projects/projects.service.js';

const USAGE = `Usage: npm run cli -- <command>

  project:create <name>                      create a project; prints its id, API key and JWT secret
  token <projectId> <foreignId> [--name N] [--username U] [--avatar URL] [--ttl SECONDS]
                                             print a user token (default ttl 3600)
  key:create <projectId>                     issue another API key
  key:revoke <projectId> <keyId>             revoke an API key
  migration:run                              apply pending migrations

The database is DATABASE_URL, or the embedded one under DATA_DIR (default .data), which the
CLI starts for the command, or joins if a running server already started it.`;

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      username: { type: 'string' },
      avatar: { type: 'string' },
      ttl: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...args] = positionals;
  if (!command || values.help) return void console.log(USAGE);

  const config = loadConfig(process.env);
  const database = await openDatabase(config, { attachIfRunning: true });
  try {
    if (command === 'migration:run') {
      const ran = await runMigrations(database.url);
      return void console.log(ran.length ? `Applied: ${ran.join(', ')}` : 'Nothing to apply.');
    }
    // The CLI runs without Nest: the service and its repository are wired by hand.
    const dataSource = await new DataSource(confabDataSourceOptions(database.url, { poolSize: 2 })).initialize();
    try {
      const projects = new ProjectsService(
        new ProjectsRepository(dataSource.getRepository(Project), dataSource.getRepository(ApiKey)),
      );
      await run(projects, command, args, values);
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await database.close();
  }
}

async function run(
  projects: ProjectsService,
  command: string,
  args: string[],
  options: { name?: string; username?: string; avatar?: string; ttl?: string },
): Promise<void> {
  switch (command) {
    case 'project:create': {
      const name = args.join(' ').trim();
      if (!name) throw new UsageError('project:create needs a name');
      return print(await projects.create(name));
    }
    case 'token': {
      const [projectId, foreignId] = args;
      if (!projectId || !foreignId) throw new UsageError('token needs <projectId> <foreignId>');
      const secret = await projects.jwtSecret(projectId);
      if (!secret) throw new UsageError(`no project ${projectId}`);
      const ttl = options.ttl === undefined ? 3600 : Number(options.ttl);
      if (!Number.isInteger(ttl) || ttl <= 0) throw new UsageError('--ttl must be a positive number of seconds');
      const claims = { sub: foreignId, name: options.name, username: options.username, avatar: options.avatar };
      return void console.log(await signUserToken(secret, claims, ttl));
    }
    case 'key:create': {
      const [projectId] = args;
      if (!projectId) throw new UsageError('key:create needs <projectId>');
      return print(await projects.createApiKey(projectId));
    }
    case 'key:revoke': {
      const [projectId, keyId] = args;
      if (!projectId || !keyId) throw new UsageError('key:revoke needs <projectId> <keyId>');
      await projects.revokeApiKey(projectId, keyId);
      return void console.log('Revoked.');
    }
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

class UsageError extends Error {}

function print(value: unknown): void {
  console.log(JSON.stringify(value, null, 2));
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof UsageError) console.error(`${error.message}\n\n${USAGE}`);
    else if (error instanceof ConfigError) console.error(error.message);
    else console.error((error as Error).message ?? error);
    process.exit(1);
  },
);
