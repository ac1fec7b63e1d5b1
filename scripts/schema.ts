// `npm run schema` writes schema.graphql at the repository root: the contract clients build against, printed from
// the executable schema the gateway serves (src/schema.ts), the same text as GET /graphql/schema.graphql.
// `npm run schema:check` (part of `npm test`, like codegen:check) writes nothing and fails when the file differs.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printSchemaDocument } from '../src/plugins/schema-document.js';
import { buildSchema } from '../src/schema.js';

const FILE = fileURLToPath(new URL('../schema.graphql', import.meta.url));

const expected = printSchemaDocument(buildSchema());
if (process.argv.includes('--check')) {
  let current: string | undefined;
  try {
    current = readFileSync(FILE, 'utf8');
  } catch {
    current = undefined;
  }
  if (current !== expected) {
    console.error('schema.graphql is out of date: run npm run schema');
    process.exit(1);
  }
} else {
  writeFileSync(FILE, expected);
  console.log('wrote schema.graphql');
}
