#!/usr/bin/env node
// `npm run portal:build`: the reference portal (examples/portal) as a static bundle in dist/portal: its host page
// (index.html), app.js (the TypeScript of examples/portal/src and @urql/core, one ES module for the browser) and
// app.css, each with a linked source map. The gateway serves the folder at /portal (src/plugins/portal.ts);
// any static host can serve it as well.
//
// `--if-stale` builds only when dist/portal is missing or older than a file under examples/portal, this script,
// package.json or package-lock.json. `npm start` (through scripts/build.mjs, its `prestart`) and `npm run dev`
// (`predev`) run it that way, so `npm ci && npm start` serves the portal with no other step.
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newest, writeAtomically } from './build-files.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = join(ROOT, 'examples/portal');
export const PORTAL_OUT_DIR = join(ROOT, 'dist/portal');
/** Written last: its time is when the build finished. */
const STAMP = join(PORTAL_OUT_DIR, '.build-stamp');
const INPUTS = [
  'examples/portal',
  'scripts/build-portal.mjs',
  'scripts/build-files.mjs',
  'package.json',
  'package-lock.json',
];

export async function buildPortal() {
  const { build } = await import('esbuild');
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [
      { in: join(SOURCE, 'src/main.ts'), out: 'app' },
      { in: join(SOURCE, 'src/styles.css'), out: 'app' },
    ],
    outdir: PORTAL_OUT_DIR,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    // Browsers of the last two years; the portal uses nothing newer than ES2022.
    target: ['es2022', 'chrome110', 'edge110', 'firefox110', 'safari16'],
    tsconfig: join(SOURCE, 'tsconfig.json'),
    minify: true,
    sourcemap: 'linked',
    legalComments: 'external',
    logLevel: 'warning',
    write: false,
  });
  mkdirSync(PORTAL_OUT_DIR, { recursive: true });
  // Each file replaced in one step: a gateway serving the folder meanwhile reads the old file or the new one.
  for (const file of result.outputFiles) writeAtomically(file.path, file.contents);
  writeAtomically(join(PORTAL_OUT_DIR, 'index.html'), readFileSync(join(SOURCE, 'index.html')));
  writeAtomically(STAMP, `${new Date().toISOString()}\n`);
}

export function isPortalStale() {
  const built = statSync(STAMP, { throwIfNoEntry: false });
  if (!built) return true;
  return INPUTS.some((input) => newest(join(ROOT, input)) > built.mtimeMs);
}

/** Builds unless `ifStale` and the bundle is current; says so on stderr when it built. */
export async function buildPortalIfNeeded(ifStale) {
  if (ifStale && !isPortalStale()) return;
  const started = Date.now();
  await buildPortal();
  console.error(`mdmgraph: built dist/portal in ${Date.now() - started} ms`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildPortalIfNeeded(process.argv.includes('--if-stale'));
}
