// The device export obeys the persisted-operations policy of /graphql: in strict mode it answers only the exact
// shapes (fields and filter) an operator allows in EXPORT_ALLOWED_SHAPES, and nothing when none are; a refusal is
// a 403 before authentication and any upstream call.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { basicAuthorization } from '../../src/auth/credentials.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { parseCsv } from '../../src/upstream/epmm/device-actions-dto.js';
import { startStack, type Stack } from '../helpers/stack.js';

const operations = join(mkdtempSync(join(tmpdir(), 'mdmgraph-export-po-')), 'operations.json');
writeFileSync(operations, JSON.stringify({ fleetCount: 'query FleetCount { devices(first: 0) { totalCount } }' }));
const STRICT = { PERSISTED_OPERATIONS_FILE: operations, PERSISTED_OPERATIONS_STRICT: 'true' };
const ALLOWED = { fields: 'BASIC', filter: { platform: ['IOS'], compliant: false } };

function download(stack: Stack, params: Record<string, string>, as: string | null = 'miadmin'): Promise<Response> {
  const headers: Record<string, string> = { 'x-graphql-csrf': '1' };
  if (as) headers.authorization = basicAuthorization(as, as);
  return fetch(`${stack.gatewayUrl}/export/devices.csv?${new URLSearchParams(params).toString()}`, { headers });
}

async function refused(stack: Stack, params: Record<string, string>, as: string | null = 'miadmin'): Promise<string> {
  await stack.resetUpstreamStats();
  const response = await download(stack, params, as);
  expect(response.status).toBe(403);
  const body = (await response.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
  expect(body.errors[0].extensions.code).toBe('FORBIDDEN');
  expect((await stack.upstreamStats()).total).toBe(0);
  return body.errors[0].message;
}

describe('strict persisted mode without EXPORT_ALLOWED_SHAPES', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ devices: 20, env: STRICT });
  });
  afterAll(() => stack.close());

  it('disables the export: names, e-mails and phones are not one request away', async () => {
    const message = await refused(stack, { fields: 'COMMON,USER' });
    expect(message).toMatch(/export is disabled.*strict persisted-operations mode.*EXPORT_ALLOWED_SHAPES/);
    await refused(stack, {});
    await refused(stack, { fields: 'BASIC' }, null);
  });
});

describe('EXPORT_ALLOWED_SHAPES', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ devices: 40, env: { ...STRICT, EXPORT_ALLOWED_SHAPES: JSON.stringify([ALLOWED]) } });
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.resetUpstreamStats());

  it('answers an allowed shape, whatever the order of the filter keys and field groups', async () => {
    const filter = JSON.stringify({ compliant: false, platform: ['IOS'] });
    const response = await download(stack, { fields: ' basic ', filter });
    expect(response.status).toBe(200);
    const table = parseCsv(await response.text(), 'export');
    expect(table.rows.every((row) => row.platform === 'iOS')).toBe(true);
  });

  it('answers an allowed shape in either column naming: `columns` names the data, it does not widen it', async () => {
    const filter = JSON.stringify(ALLOWED.filter);
    const response = await download(stack, { fields: 'BASIC', filter, columns: 'vendor' });
    expect(response.status).toBe(200);
    const table = parseCsv(await response.text(), 'export');
    expect(table.columns.slice(0, 2)).toEqual(['source', 'common.uuid']);
    expect(table.rows.every((row) => row['common.platform'] === 'iOS' && row.source === 'EPMM')).toBe(true);
  });

  it('still authenticates an allowed shape', async () => {
    const response = await download(stack, { fields: 'BASIC', filter: JSON.stringify(ALLOWED.filter) }, null);
    expect(response.status).toBe(401);
  });

  it('refuses other fields, another filter, no filter, before any upstream call', async () => {
    const filter = JSON.stringify(ALLOWED.filter);
    expect(await refused(stack, { fields: 'BASIC,USER', filter })).toMatch(/not one of the shapes an operator allows/);
    const wider = JSON.stringify({ platform: ['IOS', 'ANDROID'], compliant: false });
    await refused(stack, { fields: 'BASIC', filter: wider });
    await refused(stack, { fields: 'BASIC' });
    await refused(stack, { fields: 'BASIC', filter: '{not json' });
  });
});

describe('EXPORT_ALLOWED_SHAPES configuration', () => {
  it('is validated at start, and accepted as a structured value in CONFIG_FILE', () => {
    expect(() => loadConfig({ EXPORT_ALLOWED_SHAPES: '{"fields":"BASIC"}' })).toThrow(ConfigError);
    const unknownKey = '[{"fields":"BASIC","sort":"x"}]';
    expect(() => loadConfig({ EXPORT_ALLOWED_SHAPES: unknownKey })).toThrow(/EXPORT_ALLOWED_SHAPES/);
    expect(loadConfig({ EXPORT_ALLOWED_SHAPES: '[]' }).exportAllowedShapes).toEqual([]);
    const file = join(mkdtempSync(join(tmpdir(), 'mdmgraph-export-config-')), 'config.json');
    writeFileSync(file, JSON.stringify({ EXPORT_ALLOWED_SHAPES: [ALLOWED] }));
    expect(loadConfig({ CONFIG_FILE: file }).exportAllowedShapes).toEqual([ALLOWED]);
  });
});
