import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { resolvers } from './resolvers/index.js';

// schema/ at the repository root, one directory above this module both where it runs from: src/schema.ts (tsx,
// tests) and the compiled bundle dist/main.js (scripts/build.mjs keeps dist/ flat, so the path holds).
const SCHEMA_DIR = fileURLToPath(new URL('../schema/', import.meta.url));

/** The SDL files, one per domain, in a stable order (base first so `extend type Query` has its target). */
export function loadTypeDefs(): string[] {
  const files = readdirSync(SCHEMA_DIR)
    .filter((file) => file.endsWith('.graphql'))
    .sort((a, b) => (a === 'base.graphql' ? -1 : b === 'base.graphql' ? 1 : a.localeCompare(b)));
  return files.map((file) => readFileSync(SCHEMA_DIR + file, 'utf8'));
}

export function buildSchema(): GraphQLSchema {
  return makeExecutableSchema({ typeDefs: loadTypeDefs(), resolvers });
}
