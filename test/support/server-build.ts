import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * Compiles the server as `npm run build` does, into a directory of its own under `.data`: inside
 * the checkout, so its imports find `node_modules`, and apart from `dist`, so that test files
 * building at the same time never write over each other's output.
 */
export async function buildServer(): Promise<{ main: string; remove(): Promise<void> }> {
  const outDir = join(process.cwd(), '.data', `test-build-${randomBytes(4).toString('hex')}`);
  const tsc = join(process.cwd(), 'node_modules', 'typescript', 'bin', 'tsc');
  await promisify(execFile)(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', outDir]);
  return { main: join(outDir, 'src', 'main.js'), remove: () => rm(outDir, { recursive: true, force: true }) };
}
