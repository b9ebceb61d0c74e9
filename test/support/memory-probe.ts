import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// A full collection before each sample leaves only memory that is really held: what an upload
// keeps alive, not the garbage its chunks leave between collections. Twice, because V8 frees the
// Buffers a collection found dead while it runs on; the next collection waits for that to finish.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

function liveBytes(): number {
  collectGarbage();
  collectGarbage();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

/**
 * Runs `work` while sampling this process's live memory (V8 heap plus Buffers, after a full
 * collection) with `gapMs` of free running between samples (a collection of the test process's
 * heap takes tens of milliseconds); `work` may also take a sample itself, at points of its own
 * progress, so that a loaded machine cannot leave it unmeasured. Returns the result, the peak
 * growth over the start, and how many samples were taken.
 */
export async function measurePeakGrowth<T>(
  work: (sample: () => void) => Promise<T>,
  gapMs = 100,
): Promise<{ result: T; peak: number; samples: number }> {
  const baseline = liveBytes();
  let peak = 0;
  let samples = 0;
  let timer: NodeJS.Timeout | undefined;
  const sample = () => {
    peak = Math.max(peak, liveBytes() - baseline);
    samples++;
  };
  const sampleOnTimer = () => {
    sample();
    timer = setTimeout(sampleOnTimer, gapMs);
  };
  timer = setTimeout(sampleOnTimer, gapMs);
  try {
    const result = await work(sample);
    return { result, peak, samples };
  } finally {
    clearTimeout(timer);
  }
}
