#!/usr/bin/env node
// `npm run build`: the compiled build that `npm start` and production run (`node dist/main.js serve`). esbuild
// bundles src/main.ts, every src/ module it reaches and the npm packages they import into one ES module,
// dist/main.js (plus its source map: run `node --enable-source-maps dist/main.js` to read stack traces against
// src/). One file instead of some 780 modules of node_modules is most of the start-up gain (docs/BENCHMARKS.md,
// "Start-up and memory (compiled build)"). One file, no code splitting: a rebuild while a server runs never
// removes a chunk it has yet to load. The packages of EXTERNAL stay imports of node_modules.
//
// `node scripts/build.mjs --if-stale` (npm's `prestart`) builds only when dist/ is missing or older than any file
// under src/, this script, package.json, package-lock.json or tsconfig.json, so `npm ci && npm start` needs no
// other step. The same run builds the reference portal (scripts/build-portal.mjs, dist/portal) when it is stale.
//
// Files read at run time are not copied: src/schema.ts reads `../schema/` beside its module, which from dist/main.js
// is the same schema/ directory at the repository root, hence dist/ stays flat (checked below).
import { mkdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newest, writeAtomically } from './build-files.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = join(ROOT, 'dist');
/** Written last: its time is when the build finished, whatever esbuild left unchanged. */
const STAMP = join(OUT_DIR, '.build-stamp');
/** What the build reads: a newer file here means dist/ is stale. */
const INPUTS = [
  'src',
  'scripts/build.mjs',
  'scripts/build-files.mjs',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
];

/** npm packages left out of the bundle, loaded from node_modules at run time; each for a reason. */
const EXTERNAL = [
  // 9 MB of GraphiQL, imported by the first GraphiQL request only (src/graphiql/assets.ts).
  '@graphql-yoga/render-graphiql',
  // The SDK and exporter are imported only with OTEL_EXPORTER_OTLP_ENDPOINT (src/observability/tracing.ts), and
  // must share the one @opentelemetry/api instance (its global registry) with src/plugins/tracing.ts.
  '@opentelemetry/*',
  // require()d by the first Redis connection only (src/cache/redis-connection.ts).
  'ioredis',
  // Its transports start workers from files beside its own modules (__dirname); a bundle has none.
  'pino',
];

export async function build() {
  const { build: esbuild } = await import('esbuild');
  const result = await esbuild({
    absWorkingDir: ROOT,
    entryPoints: ['src/main.ts'],
    outfile: join(OUT_DIR, 'main.js'),
    bundle: true,
    external: EXTERNAL,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // The bundled CommonJS packages require() node builtins; an ES module has no require of its own.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
    },
    sourcemap: 'linked',
    // Without comments and indentation: 30% smaller, and ASCII only (a comment's `…` made node hold the whole
    // source as a two-byte string, 7 MB more memory). Names stay, and the map leads back to src/.
    minifyWhitespace: true,
    // The licence comments of the bundled packages, in dist/main.js.LEGAL.txt.
    legalComments: 'external',
    // Class and function names as in src/: stack traces and pino's `err.type` read them.
    keepNames: true,
    logLevel: 'warning',
    write: false,
  });
  const nested = result.outputFiles
    .map((file) => relative(OUT_DIR, file.path))
    .filter((file) => file.includes('/') || file.startsWith('..'));
  if (nested.length > 0) throw new Error(`dist/ must stay flat (src/schema.ts reads ../schema/): ${nested.join(', ')}`);
  mkdirSync(OUT_DIR, { recursive: true });
  // Each file replaced in one step (write, then rename): a process starting meanwhile reads the old or the new.
  for (const file of result.outputFiles) writeAtomically(file.path, file.contents);
  writeAtomically(STAMP, `${new Date().toISOString()}\n`);
}

export function isStale() {
  const built = statSync(STAMP, { throwIfNoEntry: false });
  const main = statSync(join(OUT_DIR, 'main.js'), { throwIfNoEntry: false });
  if (!built || !main) return true;
  return INPUTS.some((input) => newest(join(ROOT, input)) > built.mtimeMs);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const ifStale = process.argv.includes('--if-stale');
  if (!ifStale || isStale()) {
    const started = Date.now();
    await build();
    console.error(`mdmgraph: built dist/main.js in ${Date.now() - started} ms`);
  }
  // The reference portal the gateway serves at /portal (dist/portal): its own inputs, so its own staleness check.
  const { buildPortalIfNeeded } = await import('./build-portal.mjs');
  await buildPortalIfNeeded(ifStale);
}
