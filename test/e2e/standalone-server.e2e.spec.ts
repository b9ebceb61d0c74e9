import { jest } from '@jest/globals';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../src/common/util/free-port.js';

// These tests run the real server as a separate process, the way a newcomer does.
const ADMIN_TOKEN = 'standalone-admin-token-0123';

interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function start(command: string, args: string[], env: Record<string, string>): Running {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  let output = '';
  // Own process group, so a Ctrl-C can be sent to the whole group as a terminal does.
  const child = spawn(command, args, { env: { ...base, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function ctrlC(running: Running): Promise<number | null> {
  process.kill(-running.child.pid!, 'SIGINT');
  return running.exited;
}

async function waitForHealth(port: number, running: Running, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (running.child.exitCode !== null) throw new Error(`server exited early:\n${running.output()}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health`);
      if (response.status === 200) return Date.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no healthy server within ${timeoutMs} ms:\n${running.output()}`);
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the standalone server', () => {
  jest.setTimeout(60_000);

  let dataDir: string;
  beforeAll(async () => {
    // Every test but the first runs the built server; the first builds again through `npm start`.
    execFileSync('npm', ['run', '-s', 'build'], { stdio: 'ignore' });
    dataDir = await mkdtemp(join(tmpdir(), 'confab-standalone-'));
    // As root, PostgreSQL runs as the postgres user, which must be able to enter the directory.
    await chmod(dataDir, 0o755);
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('starts from nothing with `npm start`, keeps its data across a Ctrl-C and a second start', async () => {
    const port = await freePort();
    // A data directory that does not exist yet, as `.data` in a fresh clone.
    const env = { DATA_DIR: join(dataDir, 'fresh', '.data'), PORT: String(port), ADMIN_TOKEN };

    const first = start('npm', ['start'], env);
    const tookMs = await waitForHealth(port, first, 60_000);
    expect(tookMs).toBeLessThan(60_000);

    const created = await fetch(`http://127.0.0.1:${port}/admin/projects`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'survives restarts' }),
    });
    expect(created.status).toBe(201);
    const { project, apiKey } = (await created.json()) as { project: { id: string }; apiKey: string };

    // npm itself ends by the signal, as in a terminal; the server under it must close cleanly.
    await ctrlC(first);
    await until(() => !existsSync(join(env.DATA_DIR, 'postgres', 'postmaster.pid')), 15_000);
    expect(first.output()).toContain('SIGINT: shutting down');
    // Matching lines rather than the whole output, so a failure shows what went wrong.
    expect(
      first
        .output()
        .split('\n')
        .filter((line) => /pool raised an error|terminating connection|ERROR/.test(line)),
    ).toEqual([]);

    const second = start('node', ['dist/src/main.js'], env);
    await waitForHealth(port, second, 30_000);
    expect(second.output()).toContain('Database schema is up to date');
    // The project and its key are still there: the key authenticates (404 of the user, not 401).
    const lookup = await fetch(`http://127.0.0.1:${port}/v7/${project.id}/users/by-foreign-id?foreignId=nobody`, {
      headers: { Authorization: `Bearer ${apiKey}` },
    });
    expect(lookup.status).toBe(404);
    expect(await ctrlC(second)).toBe(0);
    expect(existsSync(join(env.DATA_DIR, 'postgres', 'postmaster.pid'))).toBe(false);
  }, 180_000);

  it('fails fast, naming the server but not the password, when DATABASE_URL points nowhere', async () => {
    const running = start('node', ['dist/src/main.js'], {
      DATABASE_URL: 'postgres://confab:hunter2@127.0.0.1:1/confab',
      PORT: String(await freePort()),
    });
    const started = Date.now();
    expect(await running.exited).toBe(1);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(running.output()).toContain('Cannot connect to the database at DATABASE_URL (127.0.0.1:1/confab)');
    expect(running.output()).not.toContain('hunter2');
  });

  it('refuses to start on a bad setting, naming the variable', async () => {
    const running = start('node', ['dist/src/main.js'], { PORT: 'eighty' });
    expect(await running.exited).toBe(1);
    expect(running.output()).toContain('Invalid configuration: PORT must be a whole number, got "eighty"');
  });

  it('runs the CLI against the running server’s embedded database', async () => {
    const port = await freePort();
    const env = { DATA_DIR: dataDir, PORT: String(port) };
    const server = start('node', ['dist/src/main.js'], env);
    await waitForHealth(port, server, 30_000);
    try {
      const run = (...args: string[]) =>
        execFileSync('node', ['dist/src/cli.js', ...args], { env: { ...process.env, ...env }, encoding: 'utf8' });
      const created = JSON.parse(run('project:create', 'From', 'the', 'CLI')) as {
        project: { id: string; name: string };
      };
      expect(created.project.name).toBe('From the CLI');
      const token = run('token', created.project.id, 'cli-user', '--name', 'Cli User').trim();
      const me = await fetch(
        `http://127.0.0.1:${port}/v7/${created.project.id}/users/by-foreign-id?foreignId=cli-user`,
        {
          headers: { Authorization: `Bearer ${token}` },
        },
      );
      expect(await me.json()).toMatchObject({ foreignId: 'cli-user', name: 'Cli User' });
    } finally {
      expect(await ctrlC(server)).toBe(0);
    }
  }, 60_000);
});
