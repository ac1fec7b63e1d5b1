// `npm run bench [-- --quick]`: the fleet-page scenario through the gateway versus a hand-written direct
// REST client making the optimal call, against the simulator with injected latency, in one run. It prints a
// table of ratios; the full harness (five screens, baselines, autocannon) is the performance issue's work.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { Pool } from 'undici';
import { basicAuthorization } from '../src/auth/credentials.js';
import { loadConfig } from '../src/config.js';
import { EPMM_DEVICE_FIELDS } from '../src/models/epmm-device.js';
import { createGateway } from '../src/server.js';
import { encodeCursor } from '../src/pagination.js';
import { startSimulator } from '../src/simulator/server.js';

const quick = process.argv.includes('--quick');
const ITERATIONS = quick ? 40 : 200;
const AUTH = basicAuthorization('miadmin', 'miadmin');
const FLEET_PAGE = `query($after: String) { devices(first: 50, after: $after) { totalCount nodes { id name platform osVersion model status compliant lastCheckInAt user { principal displayName email } } } }`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function time(run: (i: number) => Promise<void>): Promise<{ p50: number; p99: number }> {
  const samples: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const started = performance.now();
    await run(i);
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

async function main(): Promise<void> {
  const rows: string[][] = [];
  for (const [latencyMs, cache] of [[0, true], [20, true], [0, false], [20, false]] as const) {
    const simulator = await startSimulator({ devices: 1000, seed: 1, latencyMs });
    // Every operation asks for a different page, so the search is never a cache hit: this measures the
    // gateway, not the cache. With the cache on, the admin's device space is known after the first call.
    const gateway = createGateway(loadConfig({ PORT: '0', LOG_LEVEL: 'silent', CACHE_MAX_ENTRIES: cache ? '20000' : '0' }), simulator.url);
    const server = createServer(gateway.yoga);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const gatewayUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    const direct = new Pool(simulator.url, { connections: 4 });
    const directPath = (offset: number) =>
      `/api/v2/devices?adminDeviceSpaceId=1&query=&fields=${encodeURIComponent(EPMM_DEVICE_FIELDS.join(','))}&limit=50&offset=${offset}&sortField=common.id&sortOrder=ASC`;

    const viaGateway = async (i: number) => {
      const after = i === 0 ? null : encodeCursor(i - 1);
      const response = await fetch(gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: AUTH }, body: JSON.stringify({ query: FLEET_PAGE, variables: { after } }) });
      const body = (await response.json()) as { errors?: unknown };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
    };
    const viaDirect = async (i: number) => {
      const response = await direct.request({ method: 'GET', path: directPath(i), headers: { authorization: AUTH } });
      await response.body.json();
    };
    // Warm-up on a page outside the measured range.
    await viaGateway(ITERATIONS + 1);
    await viaDirect(ITERATIONS + 1);
    await fetch(`${simulator.url}/__sim/stats/reset`, { method: 'POST' });
    const g = await time(viaGateway);
    const calls = ((await (await fetch(`${simulator.url}/__sim/stats`)).json()) as { total: number }).total / ITERATIONS;
    const d = await time(viaDirect);
    rows.push([`fleet page (50 devices), ${latencyMs} ms upstream, cache ${cache ? 'on' : 'off'}`, calls.toFixed(2), cache ? '1' : '2 (spaces + search)', g.p50.toFixed(1), d.p50.toFixed(1), (g.p50 / d.p50).toFixed(2), g.p99.toFixed(1)]);

    await direct.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await gateway.close();
    await simulator.close();
  }
  const header = ['scenario', 'upstream calls/op', 'minimum', 'gateway p50 ms', 'direct p50 ms', 'p50 ratio', 'gateway p99 ms'];
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  console.log(`mdmgraph bench — ${new Date().toISOString()} — ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}, ${ITERATIONS} sequential operations each`);
  console.log(line(header));
  console.log(line(widths.map((width) => '-'.repeat(width))));
  for (const row of rows) console.log(line(row));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
