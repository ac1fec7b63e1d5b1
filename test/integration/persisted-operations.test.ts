import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuthorization } from '../../src/auth/credentials.js';
import { startStack, type Stack } from '../helpers/stack.js';

const file = join(mkdtempSync(join(tmpdir(), 'mdmgraph-po-')), 'operations.json');
writeFileSync(
  file,
  JSON.stringify({ fleetCount: 'query FleetCount { devices(first: 0, source: EPMM) { totalCount } }' }),
);

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({
    devices: 25,
    env: { PERSISTED_OPERATIONS_FILE: file, PERSISTED_OPERATIONS_STRICT: 'true' },
  });
});
afterAll(() => stack.close());

const send = (body: unknown) =>
  fetch(`${stack.gatewayUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: basicAuthorization('miadmin', 'miadmin') },
    body: JSON.stringify(body),
  }).then(async (response) => ({
    status: response.status,
    body: (await response.json()) as { data?: unknown; errors?: Array<{ message: string }> },
  }));

describe('persisted operations, strict mode', () => {
  it('runs a known operation by id', async () => {
    const result = await send({ extensions: { persistedQuery: { version: 1, sha256Hash: 'fleetCount' } } });
    expect(result.body.data).toEqual({ devices: { totalCount: 25 } });
  });

  it('refuses an arbitrary document and an unknown id', async () => {
    expect((await send({ query: '{ viewer { name } }' })).body.errors?.[0].message).toMatch(
      /PersistedQueryOnly|persisted/i,
    );
    expect(
      (await send({ extensions: { persistedQuery: { version: 1, sha256Hash: 'nope' } } })).body.errors?.[0].message,
    ).toMatch(/PersistedQueryNotFound|not found/i);
  });
});
