// Preloaded (`node --expose-gc --import ./test/support/memory-sampler.js server.js`) into a server
// whose memory a test measures. It runs in the server process, so the test's own heap never counts,
// and answers the test over the IPC channel:
//   { type: 'start' }  takes the baseline, then samples every GAP_MS  → { type: 'started' }
//   { type: 'sample' } takes a sample now (the test's upload progress)
//   { type: 'stop' }   stops                                          → { type: 'result', peak, samples }
//
// A sample is the live memory (V8 heap plus Buffers) after a full collection: what a request really
// holds, not the garbage its chunks leave between collections. Twice, because V8 frees the Buffers a
// collection found dead while it runs on; the next collection waits for that to finish.

import process from 'node:process';
import { clearTimeout, setTimeout } from 'node:timers';

const GAP_MS = 100;

if (typeof globalThis.gc !== 'function') throw new Error('memory-sampler needs node --expose-gc');
if (!process.send) throw new Error('memory-sampler needs an IPC channel to its parent');

function liveBytes() {
  globalThis.gc();
  globalThis.gc();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

let run = null;

function sample() {
  if (!run) return;
  run.peak = Math.max(run.peak, liveBytes() - run.baseline);
  run.samples++;
}

function sampleOnTimer() {
  sample();
  if (run) run.timer = setTimeout(sampleOnTimer, GAP_MS);
}

process.on('message', (message) => {
  switch (message?.type) {
    case 'start':
      clearTimeout(run?.timer);
      run = { baseline: liveBytes(), peak: 0, samples: 0, timer: undefined };
      run.timer = setTimeout(sampleOnTimer, GAP_MS);
      process.send({ type: 'started' });
      break;
    case 'sample':
      sample();
      break;
    case 'stop': {
      clearTimeout(run?.timer);
      process.send({ type: 'result', peak: run?.peak ?? 0, samples: run?.samples ?? 0 });
      run = null;
      break;
    }
  }
});
// The channel must not keep the server alive once it has closed everything else.
process.channel?.unref();
