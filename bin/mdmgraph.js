#!/usr/bin/env node
// `mdmgraph` (package.json "bin", `npx mdmgraph` in this repository): the CLI of src/main.ts. It runs the compiled
// build, dist/main.js (`npm run build`, scripts/build.mjs), when it is there and not older than src/; otherwise the
// TypeScript sources through tsx, registered in this process, so that cluster workers (which re-run this file) load
// them the same way.
import { existsSync } from 'node:fs';

const dist = new URL('../dist/main.js', import.meta.url);
// In a checkout, scripts/build.mjs says whether dist/ is older than src/; a packed copy has dist/ alone.
const buildScript = new URL('../scripts/build.mjs', import.meta.url);
const stale = existsSync(buildScript) ? (await import(buildScript.href)).isStale() : !existsSync(dist);

if (!stale) {
  await import(dist.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/main.ts');
}
