// The peer comparison of `npm run bench` (alone: `npm run bench -- --peers-only`; docs/BENCHMARKS.md "Peers"):
// mdmgraph as production runs it, Tailcall and Hive Gateway (bench/peer-gateways.ts) and the direct REST client
// (bench/direct-client.ts) over one simulator with 20 ms upstream latency. In each round every system runs each
// load in turn, the order rotating by round; the tables show medians of the per-round figures, and ratios are
// taken within this run only. CPU per request is utime + stime of the spawned process tree (/proc) over a load,
// divided by its requests. Each round starts the gateways afresh (time to ready) so that the fresh fleet pages
// find empty caches.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Pool, request } from 'undici';
import { basicAuthorization } from '../src/auth/credentials.js';
import { DirectRestClient } from './direct-client.js';
import { percentile } from './load-driver.js';
import { peerGateways, type PeerGateway, type PeerName } from './peer-gateways.js';
import { freePort, pinning, startChild, type BenchChild, type SpawnedProcess } from './processes.js';
import { markdownTable } from './report.js';
import type { GraphQLRequest } from './scenarios.js';

const ADMIN = 'miadmin';
const AUTHORIZATION = basicAuthorization(ADMIN, ADMIN);
const LATENCY_MS = 20;
/** The one-call and repeated loads read the first 1,000 devices; the fresh fleet pages start after them. */
const FLEET = 1000;
const PAGE = 50;
const CONCURRENCY = 32;
const READY_TIMEOUT_MS = 60_000;
const LOGS = fileURLToPath(new URL('./peers/logs/', import.meta.url));

type System = PeerName | 'direct';
type Load = 'one-call' | 'cached fleet' | 'fresh fleet c1' | 'fresh fleet c32';

interface Settings {
  rounds: number;
  oneCallRequests: number;
  cachedRequests: number;
  /** Fresh pages per round at concurrency 1 (one after another). */
  freshC1: number;
}

const FULL: Settings = { rounds: 3, oneCallRequests: 640, cachedRequests: 640, freshC1: 4 };
const QUICK: Settings = { rounds: 1, oneCallRequests: 320, cachedRequests: 320, freshC1: 2 };

interface Sample {
  round: number;
  load: Load;
  system: System;
  requests: number;
  errors: number;
  firstError?: string;
  p50: number;
  p99: number;
  perSecond: number;
  cpuMsPerRequest?: number;
  callsPerRequest: number;
}

interface SimStats {
  total: number;
}

interface Running {
  gateway: PeerGateway;
  process: SpawnedProcess;
  pool: Pool;
  logFile: string;
}

/** A gateway's answer: errors or a non-200 status throw, so the load counts them. */
async function post(pool: Pool, body: GraphQLRequest): Promise<Record<string, unknown>> {
  const answer = await pool.request({
    method: 'POST',
    path: '/graphql',
    headers: { authorization: AUTHORIZATION, 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await answer.body.text();
  let parsed: { data?: Record<string, unknown>; errors?: unknown } | undefined;
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    // reported below
  }
  if (answer.statusCode !== 200 || !parsed?.data || parsed.errors)
    throw new Error(`${answer.statusCode}: ${JSON.stringify(parsed?.errors ?? text).slice(0, 300)}`);
  return parsed.data;
}

/** `total` operations by `concurrency` workers, one after another; latencies in ms, sorted. */
async function drive(
  concurrency: number,
  total: number,
  operation: (index: number) => Promise<void>,
): Promise<{ latencies: number[]; wallMs: number; errors: number; firstError?: string }> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const worker = async () => {
    while (next < total) {
      const index = next++;
      const begun = performance.now();
      try {
        await operation(index);
      } catch (error) {
        errors++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
      latencies.push(performance.now() - begun);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  latencies.sort((a, b) => a - b);
  return { latencies, wallMs: performance.now() - started, errors, firstError };
}

const median = (values: number[]) => {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

function logTail(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-3).join(' | ').slice(0, 400);
  } catch {
    return '';
  }
}

/** Milliseconds from spawn until the gateway answers anything on /graphql (an unauthenticated `{ __typename }`). */
async function waitReady(running: SpawnedProcess, port: number, spawnedAt: number): Promise<number> {
  for (;;) {
    const exit = running.exited();
    if (exit !== undefined) throw new Error(`exited (${exit}) before it was ready`);
    if (performance.now() - spawnedAt > READY_TIMEOUT_MS)
      throw new Error(`not ready after ${READY_TIMEOUT_MS / 1000} s`);
    try {
      const answer = await request(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query":"{ __typename }"}',
        headersTimeout: 2000,
        bodyTimeout: 2000,
      });
      await answer.body.dump();
      return performance.now() - spawnedAt;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

export async function runPeers(options: { quick: boolean }): Promise<string> {
  const settings: Settings = options.quick ? QUICK : FULL;
  // The same fleet with --quick (fewer fresh pages at c = 1): 2,800 devices.
  const devices = FLEET + PAGE * (FULL.freshC1 + CONCURRENCY);
  const loadBefore = os.loadavg();
  const workDir = path.join(os.tmpdir(), `mdmgraph-bench-peers-${process.pid}`);
  // Each gateway's stdout and stderr, this run's only (gitignored).
  rmSync(LOGS, { recursive: true, force: true });
  mkdirSync(LOGS, { recursive: true });
  const { gateways, missing } = peerGateways(workDir);
  const failed = new Map<System, string>(missing);
  for (const [name, why] of missing) process.stderr.write(`bench: peers: ${name} not run: ${why}\n`);

  const simulator: BenchChild = await startChild('./simulator-process.ts', {
    measured: false,
    env: { SIM_DEVICES: String(devices), SIM_SEED: '1' },
  });
  await simulator.ask('latency', LATENCY_MS);
  const direct = new DirectRestClient(simulator.url, ADMIN);
  await direct.learnScope();

  const systems: System[] = [...gateways.map((gateway) => gateway.name), 'direct'];
  const samples: Sample[] = [];
  const ready = new Map<System, number[]>();
  const readyCpu = new Map<System, number[]>();
  const rss = new Map<System, number>();
  const checks: string[] = [];
  const oneCallCounter = new Map<System, number>();
  // A different page every request (offsets 0-989, 10-19 devices; 9,900 pages): no cache answers it.
  const oneCallPage = (system: System) => {
    const k = oneCallCounter.get(system) ?? 0;
    oneCallCounter.set(system, k + 1);
    return { offset: (k * 37) % 990, limit: 10 + (Math.floor(k / 990) % 10) };
  };
  const freshOffset = (index: number) => FLEET + PAGE * index;
  const stats = () => simulator.ask<SimStats>('stats');
  const fail = (name: System, why: string) => {
    failed.set(name, why);
    process.stderr.write(`bench: peers: ${name} dropped: ${why}\n`);
  };

  // The gateways of the current round.
  const running = new Map<System, Running>();
  try {
    for (let round = 0; round < settings.rounds; round++) {
      const order = systems.map((_, i) => systems[(i + round) % systems.length]);
      for (const name of order) {
        const gateway = gateways.find((candidate) => candidate.name === name);
        if (!gateway || failed.has(name)) continue;
        const logFile = path.join(LOGS, `${name.replace(/\W+/g, '-').toLowerCase()}.log`);
        const port = await freePort();
        const spawnedAt = performance.now();
        const spawned = gateway.start(simulator.url, port, logFile);
        try {
          const ms = await waitReady(spawned, port, spawnedAt);
          ready.set(name, [...(ready.get(name) ?? []), ms]);
          readyCpu.set(name, [...(readyCpu.get(name) ?? []), spawned.cpuMs()]);
          running.set(name, {
            gateway,
            process: spawned,
            pool: new Pool(`http://127.0.0.1:${port}`, { connections: CONCURRENCY }),
            logFile,
          });
        } catch (error) {
          await spawned.stop(1000);
          fail(name, `${(error as Error).message}; ${logTail(logFile)} (bench/peers/logs)`);
        }
      }
      const live = () => order.filter((name) => name === 'direct' || running.has(name));

      // The answer checked once: the first 50 devices, the same as the direct client's, each with its labels.
      if (round === 0) {
        const expected = (await direct.search({ fields: ['common.uuid'], limit: PAGE, offset: 0 })).results.map((row) =>
          String(row['common.uuid']),
        );
        for (const [name, { gateway, pool }] of running) {
          try {
            const nodes = gateway.fleetNodes(await post(pool, gateway.fleet(0))) ?? [];
            const same = nodes.filter((node, i) => node.uuid === expected[i]).length;
            const labelled = nodes.filter((node) => Array.isArray(node.labels)).length;
            checks.push(
              `${name}: ${nodes.length} rows, ${same}/${expected.length} the direct client's devices in its order, ${labelled} with a label list`,
            );
          } catch (error) {
            await running.get(name)?.process.stop();
            running.delete(name);
            fail(name, `the fleet page failed: ${(error as Error).message}`);
          }
        }
      }

      const operationOf = (name: System, load: Load, warm = false): ((index: number) => Promise<void>) => {
        const gateway = running.get(name);
        const freshBase = load === 'fresh fleet c32' ? settings.freshC1 : 0;
        if (!gateway) {
          if (load === 'one-call')
            return async () => void (await direct.search({ fields: ['common.uuid'], ...oneCallPage(name) }));
          if (load === 'cached fleet') return async () => void (await direct.devicePageWithLabels(0));
          return async (index) => {
            const rows = await direct.devicePageWithLabels(freshOffset(freshBase + index));
            if (rows !== PAGE) throw new Error(`direct: ${rows} rows`);
          };
        }
        const { gateway: g, pool } = gateway;
        if (load === 'one-call')
          return async () => {
            const page = oneCallPage(name);
            void (await post(pool, g.oneCall(page.offset, page.limit)));
          };
        if (load === 'cached fleet' || warm) return async () => void (await post(pool, g.fleet(0)));
        return async (index) => {
          const nodes = g.fleetNodes(await post(pool, g.fleet(freshOffset(freshBase + index))));
          if (nodes?.length !== PAGE) throw new Error(`${nodes?.length ?? 'no'} rows`);
        };
      };

      // Warm-up: connections, the JIT, the caller's device space; then the repeated page, which it caches.
      for (const name of live()) {
        await drive(4, 20, operationOf(name, 'one-call'));
        await drive(1, 2, operationOf(name, 'cached fleet'));
      }

      const loads: Array<[Load, number, number]> = [
        ['one-call', CONCURRENCY, settings.oneCallRequests],
        ['cached fleet', CONCURRENCY, settings.cachedRequests],
        ['fresh fleet c1', 1, settings.freshC1],
        ['fresh fleet c32', CONCURRENCY, CONCURRENCY],
      ];
      for (const [load, concurrency, requests] of loads) {
        for (const name of live()) {
          const gateway = running.get(name);
          try {
            // Within the caches' TTLs (30 s everywhere): the repeated page is read again just before its load.
            if (load === 'cached fleet') await drive(1, 2, operationOf(name, load, true));
            await simulator.ask('reset');
            const cpuBefore = gateway?.process.cpuMs();
            const result = await drive(concurrency, requests, operationOf(name, load));
            const cpuAfter = gateway?.process.cpuMs();
            const { total } = await stats();
            const exit = gateway?.process.exited();
            if (exit !== undefined) throw new Error(`exited (${exit}) during ${load}; ${logTail(gateway!.logFile)}`);
            samples.push({
              round,
              load,
              system: name,
              requests,
              errors: result.errors,
              firstError: result.firstError,
              p50: percentile(result.latencies, 50),
              p99: percentile(result.latencies, 99),
              perSecond: (requests / result.wallMs) * 1000,
              cpuMsPerRequest:
                cpuBefore === undefined || cpuAfter === undefined ? undefined : (cpuAfter - cpuBefore) / requests,
              callsPerRequest: total / requests,
            });
          } catch (error) {
            if (!gateway) throw error;
            await gateway.process.stop();
            running.delete(name);
            fail(name, (error as Error).message);
          }
        }
      }
      for (const [name, { process: spawned, pool }] of running) {
        if (round === settings.rounds - 1) rss.set(name, spawned.rssMiB());
        await pool.close();
        await spawned.stop();
      }
      running.clear();
      process.stderr.write(`bench: peers: round ${round + 1}/${settings.rounds} done\n`);
    }
  } finally {
    for (const { process: spawned } of running.values()) await spawned.stop(1000);
    await direct.close();
    await simulator.close();
    rmSync(workDir, { recursive: true, force: true });
  }

  return report({
    settings,
    devices,
    systems,
    gateways,
    failed,
    samples,
    ready,
    readyCpu,
    rss,
    checks,
    loadBefore,
  });
}

function report(input: {
  settings: Settings;
  devices: number;
  systems: System[];
  gateways: PeerGateway[];
  failed: Map<System, string>;
  samples: Sample[];
  ready: Map<System, number[]>;
  readyCpu: Map<System, number[]>;
  rss: Map<System, number>;
  checks: string[];
  loadBefore: number[];
}): string {
  const { settings, samples, failed } = input;
  const shown: System[] = ['mdmgraph', 'Tailcall', 'Hive Gateway', 'direct'];
  const value = (
    system: System,
    load: Load,
    field: 'p50' | 'p99' | 'perSecond' | 'cpuMsPerRequest' | 'callsPerRequest',
  ) =>
    median(
      samples
        .filter((sample) => sample.system === system && sample.load === load)
        .map((sample) => sample[field] ?? Number.NaN),
    );
  const fixed = (x: number, digits: number) => (Number.isFinite(x) ? x.toFixed(digits) : '—');
  const times = (a: number, b: number) =>
    Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : '—';

  type Measure = [string, (system: System) => number, number];
  const measures: Measure[] = [
    ['CPU ms per request, uncached one-call page, c = 32', (s) => value(s, 'one-call', 'cpuMsPerRequest'), 2],
    ['p50 ms, uncached one-call page, c = 32', (s) => value(s, 'one-call', 'p50'), 1],
    ['req/s, uncached one-call page, c = 32', (s) => value(s, 'one-call', 'perSecond'), 0],
    ['req/s, repeated fleet page (cached), c = 32', (s) => value(s, 'cached fleet', 'perSecond'), 0],
    ['CPU ms per request, repeated fleet page (cached), c = 32', (s) => value(s, 'cached fleet', 'cpuMsPerRequest'), 2],
    ['p50 ms, fresh fleet page, c = 1', (s) => value(s, 'fresh fleet c1', 'p50'), 1],
    ['p50 ms, fresh fleet page, c = 32', (s) => value(s, 'fresh fleet c32', 'p50'), 1],
    // 51 for a plan of 1 search + 50 V25; fewer where the pages at c = 32 share what one of them read.
    ['upstream calls per fresh fleet page, c = 1', (s) => value(s, 'fresh fleet c1', 'callsPerRequest'), 2],
    ['upstream calls per fresh fleet page, c = 32', (s) => value(s, 'fresh fleet c32', 'callsPerRequest'), 2],
    ['RSS MiB after the run (process tree)', (s) => input.rss.get(s) ?? Number.NaN, 0],
    ['time to ready, ms (spawn to first answer, median)', (s) => median(input.ready.get(s) ?? []), 0],
    // The CPU the start took: on a busy machine the wall time above grows with the load, this does not.
    ['CPU ms to ready (process tree)', (s) => median(input.readyCpu.get(s) ?? []), 0],
  ];
  const summary = markdownTable(
    ['measure', ...shown, 'mdmgraph ÷ Tailcall', 'mdmgraph ÷ Hive Gateway', 'mdmgraph ÷ direct'],
    measures.map(([title, of, digits]) => [
      title,
      ...shown.map((system) => fixed(of(system), digits)),
      times(of('mdmgraph'), of('Tailcall')),
      times(of('mdmgraph'), of('Hive Gateway')),
      times(of('mdmgraph'), of('direct')),
    ]),
  );

  const loads: Load[] = ['one-call', 'cached fleet', 'fresh fleet c1', 'fresh fleet c32'];
  const loadTitle: Record<Load, string> = {
    'one-call': 'uncached one-call page, c = 32',
    'cached fleet': 'repeated fleet page (cached), c = 32',
    'fresh fleet c1': 'fresh fleet page, c = 1',
    'fresh fleet c32': 'fresh fleet page, c = 32',
  };
  const detail = markdownTable(
    [
      'load',
      'system',
      'requests',
      'p50 ms',
      'p99 ms',
      'req/s',
      'CPU ms/req',
      'upstream calls/req',
      'errors',
      'p50 ÷ mdmgraph',
      'p50 ÷ direct',
      'CPU ÷ mdmgraph',
    ],
    loads.flatMap((load) =>
      shown
        .filter((system) => samples.some((sample) => sample.system === system && sample.load === load))
        .map((system) => {
          const mine = samples.filter((sample) => sample.system === system && sample.load === load);
          return [
            loadTitle[load],
            system,
            String(mine.reduce((sum, sample) => sum + sample.requests, 0)),
            fixed(value(system, load, 'p50'), 1),
            fixed(value(system, load, 'p99'), 1),
            fixed(value(system, load, 'perSecond'), 0),
            fixed(value(system, load, 'cpuMsPerRequest'), 3),
            fixed(value(system, load, 'callsPerRequest'), 2),
            String(mine.reduce((sum, sample) => sum + sample.errors, 0)) +
              (mine.find((sample) => sample.firstError)?.firstError
                ? ` (${mine.find((sample) => sample.firstError)!.firstError!.slice(0, 80)})`
                : ''),
            times(value(system, load, 'p50'), value('mdmgraph', load, 'p50')),
            times(value(system, load, 'p50'), value('direct', load, 'p50')),
            times(value(system, load, 'cpuMsPerRequest'), value('mdmgraph', load, 'cpuMsPerRequest')),
          ];
        }),
    ),
  );

  // A target needs mdmgraph and the system it is compared with to have run; else it says so.
  const targets: string[] = [];
  const target = (title: string, against: System, figures: number[], text: string, ok: boolean) => {
    const absent = ['mdmgraph' as System, against].find((system) => failed.has(system));
    targets.push(
      `- ${title}: ${
        absent
          ? `not measured (${absent} did not run, above)`
          : figures.every(Number.isFinite)
            ? `${text} — ${ok ? 'met' : 'MISSED'}`
            : 'not measured'
      }`,
    );
  };
  const mdmCpu = value('mdmgraph', 'one-call', 'cpuMsPerRequest');
  const tcCpu = value('Tailcall', 'one-call', 'cpuMsPerRequest');
  target(
    "mdmgraph CPU per uncached request ≤ 1.5× Tailcall's (one-call page, c = 32)",
    'Tailcall',
    [mdmCpu, tcCpu],
    `${times(mdmCpu, tcCpu)} (${fixed(mdmCpu, 2)} vs ${fixed(tcCpu, 2)} ms)`,
    mdmCpu <= 1.5 * tcCpu,
  );
  const mdmCached = value('mdmgraph', 'cached fleet', 'perSecond');
  const tcCached = value('Tailcall', 'cached fleet', 'perSecond');
  target(
    "repeated fleet page (cached) throughput ≥ Tailcall's at c = 32",
    'Tailcall',
    [mdmCached, tcCached],
    `${fixed(mdmCached, 0)} vs ${fixed(tcCached, 0)} req/s (${times(mdmCached, tcCached)})`,
    mdmCached >= tcCached,
  );
  const start = median(input.ready.get('mdmgraph') ?? []);
  const memory = input.rss.get('mdmgraph') ?? Number.NaN;
  target(
    'mdmgraph start ≤ 1.5 s and RSS ≤ 150 MiB',
    'mdmgraph',
    [start, memory],
    `${fixed(start, 0)} ms, ${fixed(memory, 0)} MiB`,
    start <= 1500 && memory <= 150,
  );
  for (const [load, c] of [
    ['fresh fleet c1', 1],
    ['fresh fleet c32', 32],
  ] as const) {
    const mine = value('mdmgraph', load, 'p50');
    const floor = value('direct', load, 'p50');
    target(
      `fresh fleet page p50 within 1.05× of the direct client, c = ${c}`,
      'direct',
      [mine, floor],
      `${times(mine, floor)} (${fixed(mine, 1)} vs ${fixed(floor, 1)} ms)`,
      mine <= 1.05 * floor,
    );
  }

  const describe = input.gateways.map((gateway) => `${gateway.name}: ${gateway.describe}`);
  return [
    '## Peers',
    '',
    `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}, load average ${input.loadBefore.map((l) => l.toFixed(2)).join(' ')} at the start, ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} at the end; ${pinning}.`,
    `Simulator: ${input.devices} devices (the one-call and repeated loads read the first ${FLEET}; the fresh pages are 50-device pages after them), seed 1, ${LATENCY_MS} ms upstream latency. ${settings.rounds} round${settings.rounds === 1 ? '' : 's'}, the order rotating, every gateway started afresh each round; medians of the per-round figures. Per round: ${settings.oneCallRequests} one-call requests, ${settings.cachedRequests} repeated fleet pages, ${settings.freshC1} fresh fleet pages at c = 1 and ${CONCURRENCY} at c = 32.`,
    `Systems: ${describe.join('; ')}; direct: bench/direct-client.ts (unconstrained pool).`,
    ...[...failed].map(([name, why]) => `Not run: ${name}: ${why}.`),
    ...(input.checks.length > 0 ? [`Fleet page check: ${input.checks.join('; ')}.`] : []),
    '',
    summary,
    '',
    '### Peer targets',
    '',
    ...targets,
    '',
    '### Peers: all loads (medians of the rounds)',
    '',
    detail,
  ].join('\n');
}
