// EPMM_URL and NEURONS_URL with a path (a reverse proxy's /company, EPMM's /admin/rest): the path prefixes every
// call, queries and mutations alike, and a wrong URL is a one-line configuration error naming the setting.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuthorization } from '../../src/auth/credentials.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { createGateway, type Gateway } from '../../src/server.js';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server.js';
import { adminScopes } from '../../src/simulator/fleet/admin-scopes.js';
import { startUpstreamProxy, type UpstreamProxy } from '../helpers/upstream-proxy.js';

let simulator: RunningSimulator;
let proxy: UpstreamProxy;
let gateway: Gateway;
let server: Server;
let gatewayUrl: string;

async function gql<T>(query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(`${gatewayUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: basicAuthorization('miadmin', 'miadmin') },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> };
}

beforeAll(async () => {
  simulator = await startSimulator({ devices: 40, seed: 5 });
  proxy = await startUpstreamProxy(simulator.url, { prefix: '/company' });
  const auditLogFile = join(mkdtempSync(join(tmpdir(), 'mdmgraph-prefix-')), 'audit.jsonl');
  // Trailing slashes as a user might type them: normalised away, never doubled into `//api`.
  const config = loadConfig({
    EPMM_URL: `${proxy.url}/company/`,
    NEURONS_URL: `${proxy.url}/company/neurons/`,
    LOG_LEVEL: 'silent',
    AUDIT_LOG_FILE: auditLogFile,
  });
  expect(config.epmmUrl).toBe(`${proxy.url}/company`);
  gateway = createGateway(config, config.epmmUrl!, { passThroughScopes: adminScopes(simulator.world.admins) });
  await gateway.ready;
  server = createServer(gateway.yoga);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  gatewayUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await gateway.close();
  await proxy.close();
  await simulator.close();
});

describe('EPMM_URL and NEURONS_URL with a path', () => {
  it('prefix every query, mutation and readiness call, for EPMM and Neurons', async () => {
    const listed = await gql<{ devices: { totalCount: number; nodes: Array<{ id: string; status: string }> } }>(
      '{ devices(first: 50, source: EPMM) { totalCount nodes { id status } } }',
    );
    expect(listed.errors).toBeUndefined();
    expect(listed.data!.devices.totalCount).toBeGreaterThan(0);
    const groups = await gql<{ groups: { totalCount: number } }>('{ groups { totalCount } }');
    expect(groups.errors).toBeUndefined();

    const active = listed.data!.devices.nodes.find((device) => device.status === 'ACTIVE')!;
    const locked = await gql<{ lockDevices: { results: Array<{ status: string }> } }>(
      'mutation($input: DeviceActionInput!) { lockDevices(input: $input) { results { status } } }',
      { input: { ids: [active.id], note: 'behind a proxy' } },
    );
    expect(locked.errors).toBeUndefined();
    expect(locked.data!.lockDevices.results).toEqual([{ status: 'SUCCEEDED' }]);
    expect((await fetch(`${gatewayUrl}/ready`)).status).toBe(200);

    const seen = proxy.requests().map(({ method, url }) => `${method} ${url.pathname}${url.search}`);
    expect(seen).toContainEqual(expect.stringMatching(/^GET \/company\/api\/v2\/devices\?/));
    expect(seen).toContainEqual(expect.stringMatching(/^GET \/company\/neurons\/api\/v1\//));
    expect(seen).toContainEqual(expect.stringMatching(/^PUT \/company\/api\/v2\/devices\/lock\?/));
    const outside = seen.filter((line) => !/^\w+ \/company\/(neurons\/)?api\//.test(line));
    expect(outside).toEqual([]);
  });
});

describe('a wrong upstream URL', () => {
  it.each([
    ['EPMM_URL', 'epmm.example.com/company', /must be an absolute URL/],
    ['EPMM_URL', 'ftp://epmm.example.com', /must start with http:\/\/ or https:\/\//],
    ['EPMM_URL', 'https://epmm.example.com/company?tenant=1', /must not have a query/],
    ['EPMM_URL', 'https://epmm.example.com/#x', /must not have a fragment/],
    ['EPMM_URL', 'https://epmm.example.com//api', /no empty or dot segments/],
    ['NEURONS_URL', 'not a url', /must be an absolute URL/],
  ])('%s=%s is a one-line error naming the setting', (name, value, reason) => {
    let error: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toMatch(new RegExp(`^Invalid configuration: ${name}: `));
    expect(message).toMatch(reason);
  });

  it('never echoes a password written into the URL', () => {
    const env = { EPMM_URL: 'https://admin:hunter2@epmm.example.com' };
    expect(() => loadConfig(env)).toThrow(/must not carry credentials/);
    expect(() => loadConfig(env)).not.toThrow(/hunter2/);
  });

  it("keeps EPMM's own /admin/rest and normalises a trailing slash", () => {
    const { epmmUrl } = loadConfig({ EPMM_URL: 'https://epmm.example.com/admin/rest/' });
    expect(epmmUrl).toBe('https://epmm.example.com/admin/rest');
    expect(loadConfig({ NEURONS_URL: 'off' }).neuronsUrl).toBe('off');
  });
});
