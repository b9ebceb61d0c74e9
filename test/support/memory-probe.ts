import type { ChildProcess } from 'node:child_process';

/** Node options that load `memory-sampler.js` into a server process started with an IPC channel. */
export const MEMORY_SAMPLER_NODE_ARGS = [
  '--expose-gc',
  '--import',
  new URL('./memory-sampler.js', import.meta.url).href,
];

/**
 * Runs `work` while the sampler in `server` samples that process's live memory; `work` may also
 * take a sample itself, at points of its own progress, so that a loaded machine cannot leave it
 * unmeasured. Returns the result, the peak growth over the start, and how many samples were taken.
 *
 * The server is measured in its own process: in the test process, a full collection would walk
 * everything the test run has loaded, and would be slow enough to starve the upload it measures.
 */
export async function measurePeakGrowth<T>(
  server: ChildProcess,
  work: (sample: () => void) => Promise<T>,
): Promise<{ result: T; peak: number; samples: number }> {
  await exchange(server, { type: 'start' }, 'started');
  const stop = () => exchange<{ peak: number; samples: number }>(server, { type: 'stop' }, 'result');
  let result: T;
  try {
    result = await work(() => server.send({ type: 'sample' }));
  } catch (error) {
    // Stopped on failure too, so the sampler never runs on into the next test.
    await stop();
    throw error;
  }
  return { result, ...(await stop()) };
}

/** Sends `message` and resolves with the first reply of type `replyType`. */
function exchange<R = unknown>(server: ChildProcess, message: { type: string }, replyType: string): Promise<R> {
  return new Promise((resolve, reject) => {
    const onMessage = (reply: { type?: string }) => {
      if (reply?.type !== replyType) return;
      server.off('exit', onExit);
      server.off('message', onMessage);
      resolve(reply as R);
    };
    const onExit = () => {
      server.off('message', onMessage);
      reject(new Error(`the measured server exited before answering "${message.type}"`));
    };
    server.on('message', onMessage);
    server.once('exit', onExit);
    server.send(message);
  });
}
