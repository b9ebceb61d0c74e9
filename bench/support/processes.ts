import { type ChildProcess, spawn } from 'node:child_process';
import { freePort } from '../../src/common/util/free-port.js';

/** A server process started for a benchmark or a test that must see it as its own process. */
export interface NodeServer {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts `node [nodeArgs] <script>` with `env` on a free port (as `PORT`) and waits until `/health`
 * answers 200. With `ipc`, the parent can talk to it through `child.send` and its `message` events.
 */
export async function startNodeServer(
  script: string,
  env: Record<string, string>,
  options: { nodeArgs?: string[]; ipc?: boolean } = {},
): Promise<NodeServer> {
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), script], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: options.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });

  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${script} exited:\n${output}`);
    if (Date.now() - started > 60_000) {
      await stop();
      throw new Error(`${script} did not become healthy:\n${output}`);
    }
    const healthy = await fetch(`${url}/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { url, child, stop };
}
