// The committed OpenAPI description and coverage table must match what the code produces (`npm run docs`).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { coverageText, openApiText, ROOT } from '../../src/docs/generate.js';

describe('generated docs are up to date (run `npm run docs`)', () => {
  it('docs/simulator-openapi.json', () => {
    const openApi = JSON.parse(openApiText()) as { openapi: string; paths: Record<string, unknown> };
    expect(openApi.openapi).toBe('3.1.0');
    expect(Object.keys(openApi.paths)).toContain('/api/v2/devices');
    expect(readFileSync(join(ROOT, 'docs/simulator-openapi.json'), 'utf8')).toBe(openApiText());
  });

  it('docs/upstream-coverage.md', async () => {
    const text = await coverageText();
    expect(text).toMatch(/\| V01 \| .* \| yes: `GET \/api\/v2\/devices` \| yes \| /);
    expect(readFileSync(join(ROOT, 'docs/upstream-coverage.md'), 'utf8')).toBe(text);
  });
});
