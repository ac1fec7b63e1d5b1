// `npm run bench:subscriptions [-- --quick]`: what a subscriber costs (docs/subscriptions.md, "One poller per
// scope"). The simulator and the gateway run in their own processes, as in `npm run bench`; this process opens N
// subscribers of one field in one scope over SSE (and 100 over graphql-ws, and 2 scopes × 100). Each row's window
// is a fixed number of simulator ticks (its timer, `tickMs` in /__sim/config, restarted at the window's start and
// stopped after the last tick, so alerts are raised and devices check in the same number of times in every row),
// then the time the gateway takes to deliver what they caused (the drain). Over the window it counts the upstream
// calls at the simulator, the events each subscriber received, and the gateway's CPU time, RSS and dropped events.
// Prints markdown tables and ratios within the run; nothing is asserted about time.
import os from 'node:os';
import { metricsDelta, subscriptionMetrics, type SubscriptionMetrics } from './gateway-metrics.js';
import { pinLoadGenerator, pinning, startChild, type BenchChild } from './processes.js';
import { markdownTable } from './report.js';
import { openSse, openWebSockets, type Subscribers } from './subscription-clients.js';

const quick = process.argv.includes('--quick');
const POLL_MS = 1000;
const TICK_MS = quick ? 2000 : 5000;
/** Ticks per row: the timer runs for TICKS × TICK_MS + half a period, then stops. */
const TICKS = 2;
/** The drain ends once no subscriber received anything for this long (polls keep running, finding nothing). */
const QUIET_MS = 2 * POLL_MS + 500;
const MAX_DRAIN_MS = 60_000;
const DEVICES = 1000;
/** After the last subscriber joined, before the window: the baseline polls are done by then. */
const SETTLE_MS = 2 * POLL_MS;
const SSE_BATCH = 100;

type Field = 'alertRaised' | 'deviceChanged';
type Transport = 'SSE' | 'graphql-ws';

const QUERIES: Record<Field, string> = {
  alertRaised:
    'subscription { alertRaised { eventId kind at alert { id legacyId severity message } missed { count reason } } }',
  deviceChanged:
    'subscription { deviceChanged { eventId kind changedFields at device { id name status } missed { count reason } } }',
};

interface Plan {
  field: Field;
  transport: Transport;
  /** One scope per caller (each admin has its own credentials and device space). */
  callers: string[];
  perCaller: number;
}

interface Measured {
  plan: Plan;
  /** The ticks and the drain after them. */
  windowMs: number;
  drainMs: number;
  ticks: number;
  metrics: SubscriptionMetrics;
  simulatorCalls: number;
  byRoute: Record<string, number>;
  eventsMean: number;
  eventsMin: number;
  missedSeen: number;
  clientErrors: number;
  cpuMs: number;
  rssMiB: number;
}

const plans = (field: Field): Plan[] => [
  ...[1, 10, 100, 1000].map((perCaller) => ({ field, transport: 'SSE' as const, callers: ['miadmin'], perCaller })),
  { field, transport: 'graphql-ws', callers: ['miadmin'], perCaller: 100 },
  { field, transport: 'SSE', callers: ['miadmin', 'emea'], perCaller: 100 },
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

async function simClock(simulatorUrl: string): Promise<number> {
  return ((await (await fetch(`${simulatorUrl}/__sim/tick`)).json()) as { tick: number }).tick;
}

/** Restarts the simulator's timer (`tickMs` 0 stops it). */
async function setTicking(simulatorUrl: string, tickMs: number): Promise<void> {
  const answer = await fetch(`${simulatorUrl}/__sim/config`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tickMs }),
  });
  if (!answer.ok) throw new Error(`the simulator refused tickMs ${tickMs}: ${answer.status}`);
}

async function open(gatewayUrl: string, plan: Plan): Promise<Subscribers[]> {
  const opened: Subscribers[] = [];
  let expected = 0;
  for (const caller of plan.callers) {
    if (plan.transport === 'graphql-ws') {
      opened.push(openWebSockets(gatewayUrl, QUERIES[plan.field], caller, plan.perCaller));
      expected += plan.perCaller;
    } else
      for (let from = 0; from < plan.perCaller; from += SSE_BATCH) {
        const batch = Math.min(SSE_BATCH, plan.perCaller - from);
        opened.push(openSse(gatewayUrl, QUERIES[plan.field], caller, batch));
        expected += batch;
        await until(
          `${expected} subscribers`,
          async () => (await subscriptionMetrics(gatewayUrl)).subscribers >= expected,
        );
      }
    await until(`${expected} subscribers`, async () => (await subscriptionMetrics(gatewayUrl)).subscribers >= expected);
  }
  return opened;
}

async function measure(simulator: BenchChild, gateway: BenchChild, plan: Plan): Promise<Measured> {
  const opened = await open(gateway.url, plan);
  await sleep(SETTLE_MS);
  const countsOf = () => opened.flatMap((subscribers) => [...subscribers.counts]);
  const missedOf = () => opened.reduce((sum, subscribers) => sum + subscribers.missed, 0);
  const errorsOf = () => opened.reduce((sum, subscribers) => sum + subscribers.errors, 0);

  await simulator.ask('reset');
  const tickBefore = await simClock(simulator.url);
  const usageBefore = await gateway.usage();
  const metricsBefore = await subscriptionMetrics(gateway.url);
  const countsBefore = countsOf();
  const missedBefore = missedOf();
  const started = performance.now();
  await setTicking(simulator.url, TICK_MS);
  await sleep(TICKS * TICK_MS + TICK_MS / 2);
  await setTicking(simulator.url, 0);
  const ticked = performance.now();
  const total = () => countsOf().reduce((sum, count) => sum + count, 0);
  let last = total();
  let lastChange = performance.now();
  while (performance.now() - lastChange < QUIET_MS && performance.now() - ticked < MAX_DRAIN_MS) {
    await sleep(250);
    const now = total();
    if (now !== last) {
      last = now;
      lastChange = performance.now();
    }
  }
  const windowMs = performance.now() - started;
  const countsAfter = countsOf();
  const missedAfter = missedOf();
  const metricsAfter = await subscriptionMetrics(gateway.url);
  const usageAfter = await gateway.usage();
  const stats = await simulator.ask<{ total: number; byRoute: Record<string, number> }>('stats');
  const tickAfter = await simClock(simulator.url);

  const perSubscriber = countsAfter.map((count, index) => count - countsBefore[index]);
  const measured: Measured = {
    plan,
    windowMs,
    drainMs: Math.max(0, lastChange - ticked),
    ticks: tickAfter - tickBefore,
    metrics: metricsDelta(metricsBefore, metricsAfter),
    simulatorCalls: stats.total,
    byRoute: stats.byRoute,
    eventsMean: perSubscriber.reduce((sum, count) => sum + count, 0) / perSubscriber.length,
    eventsMin: Math.min(...perSubscriber),
    missedSeen: missedAfter - missedBefore,
    clientErrors: errorsOf(),
    cpuMs: (usageAfter.cpuMicros - usageBefore.cpuMicros) / 1000,
    rssMiB: usageAfter.rssBytes / 2 ** 20,
  };
  await Promise.all(opened.map((subscribers) => subscribers.close()));
  await until('the subscribers to leave', async () => {
    const now = await subscriptionMetrics(gateway.url);
    return now.subscribers === 0 && now.pollers === 0;
  });
  return measured;
}

const perMinute = (value: number, row: Measured) => (value * 60_000) / row.windowMs;
const label = (plan: Plan) =>
  `${plan.callers.length === 1 ? plan.callers[0] : plan.callers.join(' + ')} × ${plan.perCaller}`;
const ratio = (a: number, b: number | undefined) => (b ? `${(a / b).toFixed(2)}×` : '—');
const routes = (byRoute: Record<string, number>) =>
  Object.entries(byRoute)
    .map(([route, count]) => `${route} ${count}`)
    .join(', ') || 'none';

function rowsTable(rows: Measured[]): string {
  return markdownTable(
    [
      'field',
      'transport',
      'scope × subscribers',
      'window s (drain)',
      'polls/min per scope',
      'upstream calls/min per scope',
      'calls by route (window)',
      'calls not by pollers',
      'events per subscriber (mean, min)',
      'dropped (gateway) / MISSED seen',
      'gateway CPU ms/min',
      'CPU µs per event delivered',
      'gateway RSS MiB',
    ],
    rows.map((row) => {
      const scopes = row.plan.callers.length;
      return [
        row.plan.field,
        row.plan.transport,
        label(row.plan),
        `${(row.windowMs / 1000).toFixed(1)} (${(row.drainMs / 1000).toFixed(1)})`,
        perMinute(row.metrics.polls / scopes, row).toFixed(1),
        perMinute(row.simulatorCalls / scopes, row).toFixed(1),
        routes(row.byRoute),
        String(row.simulatorCalls - row.metrics.upstreamCalls),
        `${row.eventsMean.toFixed(1)}, ${row.eventsMin}`,
        `${row.metrics.dropped} / ${row.missedSeen}`,
        perMinute(row.cpuMs, row).toFixed(0),
        row.metrics.delivered ? ((row.cpuMs * 1000) / row.metrics.delivered).toFixed(0) : '—',
        row.rssMiB.toFixed(0),
      ];
    }),
  );
}

/** Each row against the same field's 1-subscriber SSE row. */
function ratiosTable(rows: Measured[]): string {
  return markdownTable(
    ['field', 'transport', 'scope × subscribers', 'upstream calls/min (all scopes) ÷ 1', 'gateway CPU/min ÷ 1'],
    rows.map((row) => {
      const base = rows.find(
        (other) =>
          other.plan.field === row.plan.field &&
          other.plan.transport === 'SSE' &&
          other.plan.callers.length === 1 &&
          other.plan.perCaller === 1,
      );
      return [
        row.plan.field,
        row.plan.transport,
        label(row.plan),
        ratio(perMinute(row.simulatorCalls, row), base && perMinute(base.simulatorCalls, base)),
        ratio(perMinute(row.cpuMs, row), base && perMinute(base.cpuMs, base)),
      ];
    }),
  );
}

async function main(): Promise<void> {
  pinLoadGenerator();
  const simulator = await startChild('./simulator-process.ts', {
    env: { SIM_DEVICES: String(DEVICES), SIM_SEED: '1' },
    measured: false,
  });
  const gateway = await startChild('./gateway-process.ts', {
    env: {
      BENCH_SIMULATOR_URL: simulator.url,
      NODE_ENV: 'production',
      // A fixed interval (no backing off), so that every row polls at the same pace.
      SUBSCRIPTION_POLL_MS: String(POLL_MS),
      SUBSCRIPTION_POLL_MAX_MS: String(POLL_MS),
    },
    measured: true,
  });
  const rows: Measured[] = [];
  try {
    await setTicking(simulator.url, 0);
    const idle = await gateway.usage();
    const load = os.loadavg();
    for (const field of ['alertRaised', 'deviceChanged'] as const)
      for (const plan of plans(field)) {
        const row = await measure(simulator, gateway, plan);
        console.error(`${field} ${plan.transport} ${label(plan)}: ${JSON.stringify(row)}`);
        rows.push(row);
      }
    const loadAfter = os.loadavg();
    const errors = rows.reduce((sum, row) => sum + row.clientErrors, 0);

    console.log(
      `# mdmgraph subscriptions: cost per subscriber — ${new Date().toISOString()}${quick ? ' (--quick)' : ''}\n`,
    );
    console.log(
      `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, node ${process.version}, load average ${load.map((x) => x.toFixed(2)).join(' ')} at the start, ${loadAfter.map((x) => x.toFixed(2)).join(' ')} at the end; ${pinning}.`,
    );
    console.log(
      `Simulator: ${DEVICES} devices, seed 1, 0 ms latency, ${TICKS} ticks of ${TICK_MS} ms per row (ticks per row as counted: ${rows.map((row) => row.ticks).join(', ')}). Gateway: NODE_ENV=production, SUBSCRIPTION_POLL_MS = SUBSCRIPTION_POLL_MAX_MS = ${POLL_MS} (no backing off), every other setting its default. Each row: the world still while subscribers open (SSE ${SSE_BATCH} at a time) and ${SETTLE_MS} ms more (their baseline polls), then the window: the ticks, and the drain until no subscriber has received anything for ${QUIET_MS} ms; subscribers closed and every poller stopped before the next row. Gateway RSS idle before the first row: ${(idle.rssBytes / 2 ** 20).toFixed(0)} MiB. Client errors: ${errors}.\n`,
    );
    console.log(rowsTable(rows));
    console.log('\nRatios within the run, against the same field’s 1-subscriber SSE row:\n');
    console.log(ratiosTable(rows));
  } finally {
    await gateway.close();
    await simulator.close();
  }
}

await main();
