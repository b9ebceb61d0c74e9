// Jest loads global setup outside its ESM module system, where our `.js` → `.ts` imports do not
// resolve; tsx loads the TypeScript instead.
import { tsImport } from 'tsx/esm/api';

export default async function globalSetup() {
  const { prepareDatabase } = await tsImport('./prepare-database.ts', import.meta.url);
  await prepareDatabase();
}
