// `npm run bench`: every benchmark, one after the other, on the same machine in one invocation,
// so the figures compare. `npm run bench -- <name>` runs the benchmarks whose name contains <name>.
import 'reflect-metadata';
import { realtimeFanout } from './realtime-fanout.bench.js';
import { reputationSubtreeBenchmark } from './reputation-subtree.bench.js';
import { sendMessageBenchmark } from './send-message.bench.js';
import { stopBenchServer } from './support/bench-database.js';

/** A benchmark prints its own results; it must clean up what it started. */
export interface Benchmark {
  name: string;
  run(): Promise<void>;
}

const benchmarks: Benchmark[] = [sendMessageBenchmark, realtimeFanout, reputationSubtreeBenchmark];

async function main(): Promise<void> {
  const filter = process.argv[2];
  const selected = benchmarks.filter((benchmark) => !filter || benchmark.name.includes(filter));
  if (selected.length === 0) throw new Error(`no benchmark matches "${filter ?? ''}"`);
  for (const benchmark of selected) {
    console.log(`\n=== ${benchmark.name} ===`);
    await benchmark.run();
  }
}

main()
  .then(stopBenchServer)
  .then(
    () => process.exit(0),
    async (error: unknown) => {
      console.error(error);
      await stopBenchServer().catch(() => {});
      process.exit(1);
    },
  );
