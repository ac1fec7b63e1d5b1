// `npm run bench [-- --quick] [-- --profile] [-- --peers-only | --no-peers]`: the performance issue's harness.
// Starts the simulator, three gateways (warm cache, cold cache, everything off), a raw proxy and a direct REST
// client, drives every scenario at 0 and 20 ms injected upstream latency and at concurrency 1 and 32, and prints
// markdown tables; then compares mdmgraph with its peer gateways (bench/peer-run.ts).
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { Pool } from 'undici';
import { basicAuthorization } from '../src/auth/credentials.js';
import { throughput, type ThroughputResult } from './autocannon-run.js';
import { summariseProfile } from './cpu-profile.js';
import { DirectRestClient } from './direct-client.js';
import { drive, percentile } from './load-driver.js';
import { pinLoadGenerator, pinning, startChild, type BenchChild } from './processes.js';
import { findRow, markdownTable, ratioTable, rowsTable, type Row } from './report.js';
import { runPeers } from './peer-run.js';
import {
  SCENARIOS,
  type Facts,
  type GatewayRun,
  type GatewayTarget,
  type GraphQLRequest,
  type Scenario,
} from './scenarios.js';

const quick = process.argv.includes('--quick');
const profile = process.argv.includes('--profile');
const peersOnly = process.argv.includes('--peers-only');
const peers = !process.argv.includes('--no-peers');
const RUN_MS = quick ? 500 : 2500;
const MIN_OPERATIONS = quick ? 3 : 10;
const WARMUP_OPERATIONS = quick ? 2 : 5;
const AUTOCANNON_SECONDS = quick ? 2 : 5;
const DEVICES = 1000;
const ADMIN = 'miadmin';
const AUTHORIZATION = basicAuthorization(ADMIN, ADMIN);
const audit = path.join(os.tmpdir(), `mdmgraph-bench-audit-${process.pid}.jsonl`);

/**
 * The same gateway three ways. `warm` and `cold` run the default configuration; before each measured operation
 * the cold one empties its shared cache but for the per-credential spaces class (learnt once, like the direct
 * client), so one operation still reuses what it read itself.
 */
const GATEWAY_ENV: Record<GatewayTarget, Record<string, string>> = {
  warm: {},
  cold: {},
  // Baseline (a). PROJECTION=off is read only by a gateway that has the setting.
  off: { CACHE_MAX_ENTRIES: '0', BATCHING: 'off', PROJECTION: 'off' },
};
const projectionSetting = readFileSync(new URL('../src/config.ts', import.meta.url), 'utf8').includes('PROJECTION');

interface SimStats {
  total: number;
  byRoute: Record<string, number>;
  bytesOut: number;
  bytesIn: number;
}

class GatewayClient {
  private readonly pool: Pool;
  private readonly path: string;

  constructor(url: string) {
    const parsed = new URL(url);
    this.pool = new Pool(parsed.origin, { connections: 32 });
    this.path = parsed.pathname;
  }

  async run(request: GraphQLRequest): Promise<Record<string, unknown>> {
    const answer = await this.pool.request({
      method: 'POST',
      path: this.path,
      headers: {
        authorization: AUTHORIZATION,
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
      },
      body: JSON.stringify(request),
    });
    const body = (await answer.body.json()) as { errors?: unknown; data?: { lockDevices?: { userErrors: unknown[] } } };
    if (answer.statusCode !== 200 || body.errors)
      throw new Error(`gateway answered ${answer.statusCode}: ${JSON.stringify(body.errors).slice(0, 500)}`);
    if (body.data?.lockDevices?.userErrors.length)
      throw new Error(`lockDevices: ${JSON.stringify(body.data.lockDevices.userErrors)}`);
    return body.data ?? {};
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

async function measure(
  simulator: BenchChild,
  measured: BenchChild | undefined,
  row: Omit<Row, 'calls' | 'bytes' | 'p50' | 'p99' | 'perSecond'>,
  operation: (index: number) => Promise<void>,
  prepare?: () => Promise<void>,
  beforeWarmup?: () => Promise<void>,
): Promise<Row> {
  await beforeWarmup?.();
  for (let i = 0; i < WARMUP_OPERATIONS; i++) await operation(1_000_000 + i);
  await simulator.ask('reset');
  const before = await measured?.usage();
  const result = await drive({
    concurrency: row.concurrency,
    durationMs: RUN_MS,
    minOperations: MIN_OPERATIONS,
    operation,
    prepare,
  });
  const after = await measured?.usage();
  const stats = await simulator.ask<SimStats>('stats');
  return {
    ...row,
    calls: stats.total / result.operations,
    byRoute: Object.fromEntries(
      Object.entries(stats.byRoute).map(([route, count]) => [route, count / result.operations]),
    ),
    bytes: (stats.bytesOut + stats.bytesIn) / result.operations,
    p50: percentile(result.latencies, 50),
    p99: percentile(result.latencies, 99),
    perSecond: (result.operations / result.wallMs) * 1000,
    ...(before && after
      ? {
          cpuMsPerOp: (after.cpuMicros - before.cpuMicros) / 1000 / result.operations,
          rssMb: after.rssBytes / 1024 ** 2,
        }
      : {}),
  };
}

async function main(): Promise<void> {
  pinLoadGenerator();
  if (peersOnly) {
    console.log(`# mdmgraph bench — ${new Date().toISOString()} (--peers-only${quick ? ', --quick' : ''})\n`);
    console.log(await runPeers({ quick }));
    process.exit(0);
  }
  const simulator = await startChild('./simulator-process.ts', {
    measured: false,
    env: { SIM_DEVICES: String(DEVICES), SIM_SEED: '1' },
  });
  const facts = await simulator.ask<Facts>('facts');
  // NODE_ENV=production as `npm start` runs it: graphql-js then skips its development-mode instanceOf checks.
  const gatewayEnv = { BENCH_SIMULATOR_URL: simulator.url, AUDIT_LOG_FILE: audit, NODE_ENV: 'production' };
  const loadBefore = os.loadavg();
  const gateways = {} as Record<GatewayTarget, { child: BenchChild; client: GatewayClient }>;
  for (const target of ['warm', 'cold', 'off'] as const) {
    const child = await startChild('./gateway-process.ts', {
      measured: true,
      env: { ...gatewayEnv, ...GATEWAY_ENV[target] },
    });
    gateways[target] = { child, client: new GatewayClient(child.url) };
  }
  const proxy = await startChild('./raw-proxy.ts', { measured: true, env: { BENCH_SIMULATOR_URL: simulator.url } });
  const proxyPool = new Pool(proxy.url, { connections: 32 });
  const direct = new DirectRestClient(simulator.url, ADMIN);
  await direct.learnScope();

  const rows: Row[] = [];
  const throughputRows: string[][] = [];
  const started = Date.now();
  for (const latencyMs of [0, 20]) {
    await simulator.ask('latency', latencyMs);
    for (const concurrency of [1, 32]) {
      for (const scenario of SCENARIOS) {
        const base = { scenario: scenario.name, latencyMs, concurrency, rounds: scenario.rounds };
        for (const target of scenario.targets) {
          const { child, client } = gateways[target];
          const run: GatewayRun = (request) => client.run(request);
          const operation = scenario.gatewayOperation
            ? (i: number) => scenario.gatewayOperation!(run, facts, i)
            : async (i: number) => void (await client.run(scenario.graphql(facts, i)));
          const invalidate = () => child.ask<void>('invalidate');
          // Cold: emptied before every operation. Warm: emptied before the warm-up, so the row runs within the
          // TTLs of what the warm-up read (entries from earlier rows would expire during it).
          rows.push(
            await measure(
              simulator,
              child,
              { ...base, client: `gateway ${target}` },
              operation,
              target === 'cold' ? invalidate : undefined,
              target === 'warm' ? invalidate : undefined,
            ),
          );
        }
        if (scenario.direct)
          rows.push(
            await measure(simulator, undefined, { ...base, client: 'direct' }, (i) =>
              scenario.direct!(direct, facts, i),
            ),
          );
        if (scenario.rawProxyPath) {
          rows.push(
            await measure(simulator, proxy, { ...base, client: 'raw proxy' }, async (i) => {
              const answer = await proxyPool.request({
                method: 'GET',
                path: scenario.rawProxyPath!(direct, i),
                headers: { authorization: AUTHORIZATION },
              });
              await answer.body.json();
              if (answer.statusCode !== 200) throw new Error(`raw proxy answered ${answer.statusCode}`);
            }),
          );
        }
      }
      process.stderr.write(
        `bench: ${latencyMs} ms, c=${concurrency} done (${((Date.now() - started) / 1000).toFixed(0)} s)\n`,
      );
    }
    throughputRows.push(...(await autocannonRows(latencyMs, simulator, gateways, proxy, direct, facts)));
  }

  const profileText = profile ? await profileOneCall(simulator, gatewayEnv, facts) : '';

  console.log(`# mdmgraph bench — ${new Date().toISOString()}${quick ? ' (--quick)' : ''}\n`);
  console.log(
    `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB, node ${process.version}, load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')} at the start, ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} at the end; ${pinning}.`,
  );
  console.log(
    `Simulator: ${DEVICES} devices, seed 1, admin ${ADMIN}. ${RUN_MS} ms per row (at least ${MIN_OPERATIONS} operations) after ${WARMUP_OPERATIONS} warm-up operations.`,
  );
  console.log(
    `Clients: gateway warm (default cache), gateway cold (default configuration; device, alert and reference classes emptied before each operation, spaces kept), gateway off (CACHE_MAX_ENTRIES=0, BATCHING=off${projectionSetting ? ', PROJECTION=off' : '; no PROJECTION setting yet'}), direct (hand-written REST client, optimal calls), raw proxy (node:http + undici).\n`,
  );
  console.log('## Ratios\n');
  console.log(
    ratioTable(
      rows,
      SCENARIOS.map((scenario) => scenario.name),
    ),
  );
  console.log('\n## Targets\n');
  console.log(targets(rows, throughputRows).join('\n'));
  console.log('\n## Throughput at concurrency 32 (autocannon)\n');
  console.log(
    markdownTable(
      ['query', 'upstream ms', 'client', 'requests', 'req/s', 'p50 ms', 'p99 ms', 'CPU ms/req', 'failures'],
      throughputRows,
    ),
  );
  console.log('\n## All rows\n');
  console.log(rowsTable(rows));
  if (profileText) console.log(`\n${profileText}`);

  await proxyPool.close();
  await direct.close();
  for (const { child, client } of Object.values(gateways)) {
    await client.close();
    await child.close();
  }
  await proxy.close();
  await simulator.close();
  rmSync(audit, { force: true });
  if (peers) console.log(`\n${await runPeers({ quick })}`);
  process.exit(0);
}

async function autocannonRows(
  latencyMs: number,
  simulator: BenchChild,
  gateways: Record<GatewayTarget, { child: BenchChild }>,
  proxy: BenchChild,
  direct: DirectRestClient,
  facts: Facts,
): Promise<string[][]> {
  const oneCall = SCENARIOS.find((scenario) => scenario.rawProxyPath)!;
  const typename = SCENARIOS.find((scenario) => scenario.name === '{ __typename }')!;
  const runs: Array<
    [string, string, BenchChild, string, (i: number) => { method: 'GET' | 'POST'; path?: string; body?: string }]
  > = [
    [
      oneCall.name,
      'gateway cold',
      gateways.cold.child,
      gateways.cold.child.url,
      (i) => ({ method: 'POST', body: JSON.stringify(oneCall.graphql(facts, i)) }),
    ],
    [oneCall.name, 'raw proxy', proxy, proxy.url, (i) => ({ method: 'GET', path: oneCall.rawProxyPath!(direct, i) })],
    [
      typename.name,
      'gateway warm',
      gateways.warm.child,
      gateways.warm.child.url,
      (i) => ({ method: 'POST', body: JSON.stringify(typename.graphql(facts, i)) }),
    ],
  ];
  const out: string[][] = [];
  for (const [query, client, child, url, request] of runs) {
    // The cold gateway starts empty; its pages then never repeat within the run (bench/scenarios.ts).
    if (client === 'gateway cold') await child.ask('invalidate');
    await simulator.ask('reset');
    const before = await child.usage();
    const result: ThroughputResult = await throughput({
      url,
      connections: 32,
      seconds: AUTOCANNON_SECONDS,
      authorization: AUTHORIZATION,
      request,
    });
    const after = await child.usage();
    const cpu = (after.cpuMicros - before.cpuMicros) / 1000 / Math.max(1, result.requests);
    out.push([
      query,
      String(latencyMs),
      client,
      String(result.requests),
      result.perSecond.toFixed(0),
      String(result.p50),
      String(result.p99),
      cpu.toFixed(3),
      String(result.failures),
    ]);
  }
  return out;
}

function targets(rows: Row[], throughputRows: string[][]): string[] {
  const lines: string[] = [];
  const screens = SCENARIOS.filter((scenario) => scenario.targets.includes('cold'));
  for (const scenario of screens) {
    const cold = findRow(rows, scenario.name, 'gateway cold', 0, 1);
    const direct = findRow(rows, scenario.name, 'direct', 0, 1);
    if (cold && direct)
      lines.push(
        `- calls = minimum, ${scenario.name}: ${cold.calls.toFixed(2)} vs ${direct.calls.toFixed(2)} (${scenario.minimum}) — ${Math.abs(cold.calls - direct.calls) < 0.01 ? 'met' : cold.calls < direct.calls ? `met, below the per-call floor (${routeDifference(cold, direct)})` : `MISSED (${routeDifference(cold, direct)})`}`,
      );
  }
  for (const concurrency of [1, 32]) {
    for (const latencyMs of [0, 20]) {
      const misses = screens
        .map(
          (scenario) =>
            [
              scenario.name,
              findRow(rows, scenario.name, 'gateway cold', latencyMs, concurrency),
              findRow(rows, scenario.name, 'direct', latencyMs, concurrency),
            ] as const,
        )
        .filter(([, gateway, direct]) => gateway && direct && gateway.p50 > direct.p50 * 1.15)
        .map(([name, gateway, direct]) => `${name} ${(gateway!.p50 / direct!.p50).toFixed(2)}×`);
      lines.push(
        `- p50 within 15% of direct (cold cache), ${latencyMs} ms, c=${concurrency}: ${misses.length === 0 ? 'met' : `MISSED: ${misses.join('; ')}`}`,
      );
    }
  }
  for (const latencyMs of ['0', '20']) {
    const gateway = throughputRows.find((row) => row[1] === latencyMs && row[2] === 'gateway cold');
    const proxyRow = throughputRows.find((row) => row[1] === latencyMs && row[2] === 'raw proxy');
    if (gateway && proxyRow) {
      const times = Number(gateway[7]) / Number(proxyRow[7]);
      lines.push(
        `- CPU per request within 3× of the raw proxy (one-call query, ${latencyMs} ms, c=32): ${times.toFixed(2)}× — ${times <= 3 ? 'met' : 'MISSED'}`,
      );
    }
  }
  const warm = screens
    .map((scenario) => [scenario.name, findRow(rows, scenario.name, 'gateway warm', 20, 1)] as const)
    .filter(([, row]) => row && row.calls > 0);
  lines.push(
    `- warm screens with zero upstream calls: ${
      warm.length === 0
        ? 'met'
        : `MISSED: ${warm
            .map(
              ([name, row]) =>
                `${name} ${row!.calls.toFixed(2)} (${Object.entries(row!.byRoute ?? {})
                  .map(([route, calls]) => `${calls.toFixed(2)} ${route}`)
                  .join(', ')})`,
            )
            .join('; ')}`
    }`,
  );
  return lines;
}

/** Which routes the gateway called more (or less) often than the direct client, per operation. */
function routeDifference(gateway: Row, direct: Row): string {
  const routes = new Set([...Object.keys(gateway.byRoute ?? {}), ...Object.keys(direct.byRoute ?? {})]);
  return [...routes]
    .map((route) => [route, (gateway.byRoute?.[route] ?? 0) - (direct.byRoute?.[route] ?? 0)] as const)
    .filter(([, difference]) => Math.abs(difference) >= 0.01)
    .map(([route, difference]) => `${difference > 0 ? '+' : ''}${difference.toFixed(2)} ${route}`)
    .join(', ');
}

/** CPU profile of the gateway serving the one-call query (0 ms, c=1): where its own milliseconds go. */
async function profileOneCall(
  simulator: BenchChild,
  gatewayEnv: Record<string, string>,
  facts: Facts,
): Promise<string> {
  await simulator.ask('latency', 0);
  const child = await startChild('./gateway-process.ts', {
    measured: true,
    env: { ...gatewayEnv, ...GATEWAY_ENV.cold },
  });
  const client = new GatewayClient(child.url);
  const scenario: Scenario = SCENARIOS.find((candidate) => candidate.rawProxyPath)!;
  for (let i = 0; i < 200; i++) await client.run(scenario.graphql(facts, 2_000_000 + i));
  const file = path.join(os.tmpdir(), `mdmgraph-bench-${process.pid}.cpuprofile`);
  await child.ask('profileStart');
  const result = await drive({
    concurrency: 1,
    durationMs: quick ? 3000 : 10_000,
    minOperations: 10,
    operation: async (i) => void (await client.run(scenario.graphql(facts, i))),
  });
  await child.ask('profileStop', file);
  await client.close();
  await child.close();
  const summary = summariseProfile(file);
  const perOp = (ms: number) => (ms / result.operations).toFixed(3);
  return [
    `## CPU profile: gateway, ${scenario.name}, 0 ms, c=1 (${result.operations} operations, p50 ${percentile(result.latencies, 50).toFixed(2)} ms, ${perOp(summary.totalMs)} ms CPU/op sampled; profile ${file})`,
    '',
    markdownTable(
      ['where', 'ms/op', 'share'],
      summary.byOrigin.map((entry) => [entry.name, perOp(entry.ms), `${(entry.share * 100).toFixed(1)}%`]),
    ),
    '',
    markdownTable(
      ['function (self time)', 'ms/op', 'share'],
      summary.byFunction.map((entry) => [entry.name, perOp(entry.ms), `${(entry.share * 100).toFixed(1)}%`]),
    ),
  ].join('\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
