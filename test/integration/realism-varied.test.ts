// The simulator's `realism` (strict by default, `varied` on request) and the gateway's tolerant decoding end to end:
// the main device, user and group queries answer without UPSTREAM_ERROR against a varied simulator, and each
// leniency is counted in /metrics by route and path (docs/decisions.md "Tolerant decoding").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../helpers/stack.js';

const TOKEN = 'a-metrics-token-of-length';
const COUNTER = 'mdmgraph_upstream_decode_warnings_total';
let stack: Stack;

const QUERIES = {
  neurons: '{ devices(first: 60, source: NEURONS) { nodes { id uuid name platform lastCheckInAt } } }',
  epmm: '{ devices(first: 60, source: EPMM) { nodes { id uuid name platform lastCheckInAt } } }',
  users: '{ users(first: 30) { nodes { __typename } } }',
  groups: '{ groups(first: 30) { nodes { __typename } } }',
};

async function metrics(): Promise<string> {
  const response = await fetch(`${stack.gatewayUrl}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  return response.text();
}

async function simConfig(body?: object): Promise<Record<string, unknown>> {
  const init = body ? { method: 'POST', body: JSON.stringify(body) } : {};
  return (await (await fetch(`${stack.simulator.url}/__sim/config`, init)).json()) as Record<string, unknown>;
}

beforeAll(async () => {
  stack = await startStack({ devices: 120, seed: 23, env: { METRICS_TOKEN: TOKEN } });
});
afterAll(() => stack.close());

describe('simulator realism', () => {
  it('is strict by default: the main queries decode without a single leniency', async () => {
    expect((await simConfig()).realism).toBe('strict');
    for (const query of [QUERIES.neurons, QUERIES.users, QUERIES.groups]) {
      const response = await stack.gql(query);
      expect(response.errors, query).toBeUndefined();
    }
    expect(await metrics()).not.toMatch(/^mdmgraph_upstream_decode_warnings_total\{/m);
  });

  it('rejects an unknown realism', async () => {
    const body = JSON.stringify({ realism: 'chaotic' });
    const response = await fetch(`${stack.simulator.url}/__sim/config`, { method: 'POST', body });
    expect(response.status).toBe(400);
  });

  it('varied: no UPSTREAM_ERROR, and the leniencies are counted by route and path', async () => {
    expect((await simConfig({ realism: 'varied' })).realism).toBe('varied');
    // Other page sizes than above, so that no cached strict answer is reused.
    const smaller = (text: string) => text.replace(/first: (\d+)/, (_, n: string) => `first: ${Number(n) - 7}`);
    const queries = Object.values(QUERIES).map(smaller);
    for (const query of queries) {
      const response = await stack.gql<{ devices?: { nodes: Array<{ name: string | null }> } }>(query);
      expect(response.errors?.filter((error) => error.extensions?.code === 'UPSTREAM_ERROR') ?? [], query).toEqual([]);
      expect(response.errors, query).toBeUndefined();
      if (response.data?.devices) expect(response.data.devices.nodes.length).toBeGreaterThan(10);
    }
    const text = await metrics();
    const counted = (route: string, path: string) =>
      text.split('\n').some((line) => line.startsWith(`${COUNTER}{route="${route}",path="${path}"} `));
    expect(counted('GET /api/v1/device', 'searchResults[].deviceName')).toBe(true);
    expect(counted('GET /api/v1/device', 'searchResults[].lastCheckin')).toBe(true);
    expect(counted('GET /api/v2/devices', 'results[].common.last_connected_at')).toBe(true);
    await simConfig({ realism: 'strict' });
  });
});
