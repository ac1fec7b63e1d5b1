#!/usr/bin/env node
// `mdmgraph` (package.json "bin", `npx mdmgraph` in this repository): the CLI of src/main.ts, run through tsx as
// the npm scripts do. tsx is registered in this process, so cluster workers (which re-run this file) load the
// TypeScript sources the same way.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
