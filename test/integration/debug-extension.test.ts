import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuthorization } from '../../src/auth/credentials.js';
import { startStack, type Stack } from '../helpers/stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ devices: 80 });
});
afterAll(() => stack.close());

async function debugQuery(query: string, debug: boolean) {
  const response = await fetch(`${stack.gatewayUrl}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: basicAuthorization('viewer', 'viewer'),
      ...(debug ? { 'x-mdmgraph-debug': '1' } : {}),
    },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as { extensions?: { upstream?: Record<string, unknown> } };
}

describe('x-mdmgraph-debug', () => {
  it("reports this operation's upstream calls, by route, and later cache hits", async () => {
    const cold = await debugQuery('{ devices(first: 5, source: EPMM) { nodes { uuid } } }', true);
    expect(cold.extensions?.upstream).toMatchObject({
      calls: 2,
      byRoute: { 'GET /api/v2/device_spaces/mine': 1, 'GET /api/v2/devices': 1 },
      deduped: 0,
    });
    const warm = await debugQuery('{ devices(first: 5, source: EPMM) { nodes { uuid } } }', true);
    expect(warm.extensions?.upstream).toMatchObject({ calls: 0, byRoute: {}, upstreamMs: 0 });
    expect((warm.extensions?.upstream as { cacheHits: number } | undefined)?.cacheHits).toBeGreaterThanOrEqual(2);
  });

  it('is absent without the header', async () => {
    expect((await debugQuery('{ viewer { name } }', false)).extensions?.upstream).toBeUndefined();
  });
});
