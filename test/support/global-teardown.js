import { tsImport } from 'tsx/esm/api';

export default async function globalTeardown() {
  const { releaseDatabase } = await tsImport('./release-database.ts', import.meta.url);
  await releaseDatabase();
}
