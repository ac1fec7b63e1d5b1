import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { coverageText, openApiText, ROOT } from './generate.js';

writeFileSync(join(ROOT, 'docs/simulator-openapi.json'), openApiText());
writeFileSync(join(ROOT, 'docs/upstream-coverage.md'), await coverageText());
console.log('wrote docs/simulator-openapi.json and docs/upstream-coverage.md');
