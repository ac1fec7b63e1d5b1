// alertRaised across two gateway replicas sharing Redis and one simulator: each caller receives only its own
// scope's alerts, whichever replica it subscribed through; a scope subscribed on both replicas costs the MDM one
// poller; and when the polling replica dies (stops renewing its lease, without releasing it) the other takes over,
// continuing from the dead poller's checkpoint: an alert raised between its last poll and the takeover is delivered,
// once. The replicas' poll timers never fire (a manual clock) and leases last hours: the test polls with `pollAll`,
// so what the simulator sees is a count, not a rate, and a lease expires when the test expires it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuthorization } from '../../src/auth/credentials.js';
import { loadConfig } from '../../src/config.js';
import { createGateway, type Gateway } from '../../src/server.js';
import { adminScopes } from '../../src/simulator/fleet/admin-scopes.js';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server.js';
import type { HubClock } from '../../src/subscriptions/hub.js';
import { startRedis, type RunningRedis } from '../helpers/redis-server.js';
import { raiseAlert } from '../helpers/subscription-stack.js';
import { serveGateway, type ServedGateway } from '../helpers/stack.js';

interface Replica {
  gateway: Gateway;
  served: ServedGateway;
}

interface AlertEvent {
  eventId: string;
  kind: string;
  alert: { legacyId: number } | null;
}

interface Stream {
  events: AlertEvent[];
  close(): void;
}

const GATEWAY_SECRET = 'test-replicas-gateway-secret-0123456789';
const KEY_PREFIX = 'subs-replicas:';
const ALERT_RAISED = 'subscription { alertRaised { eventId kind alert { legacyId } } }';
// Timers that never fire: polls happen when the test calls pollAll (the first poll of a group runs at once).
const MANUAL_CLOCK: HubClock = { now: () => Date.now(), setTimeout: () => undefined, clearTimeout: () => undefined };

let redis: RunningRedis;
let simulator: RunningSimulator;
const replicas: Replica[] = [];
const streams: Stream[] = [];

async function startReplica(): Promise<Replica> {
  const auditLogFile = join(mkdtempSync(join(tmpdir(), 'mdmgraph-audit-')), 'audit.jsonl');
  const config = loadConfig({
    PORT: '0',
    LOG_LEVEL: 'warn',
    AUDIT_LOG_FILE: auditLogFile,
    GATEWAY_SECRET,
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: KEY_PREFIX,
    // The lease lasts three of the longest intervals (src/subscriptions/hub.ts): three hours here, so none expires
    // while a loaded machine runs the test; the test expires them itself.
    SUBSCRIPTION_POLL_MS: '3600000',
    SUBSCRIPTION_POLL_MAX_MS: '3600000',
  });
  const gateway = createGateway(config, simulator.url, {
    logger: pino({ level: 'silent' }),
    passThroughScopes: adminScopes(simulator.world.admins),
    subscriptionClock: MANUAL_CLOCK,
  });
  await gateway.ready;
  const replica = { gateway, served: await serveGateway(gateway) };
  replicas.push(replica);
  return replica;
}

/** Subscribes over SSE and collects the events as they come. */
async function subscribe(replica: Replica, as: string): Promise<Stream> {
  const controller = new AbortController();
  const response = await fetch(`${replica.served.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'text/event-stream',
      authorization: basicAuthorization(as, as),
    },
    body: JSON.stringify({ query: ALERT_RAISED }),
    signal: controller.signal,
  });
  expect(response.status).toBe(200);
  const stream: Stream = { events: [], close: () => controller.abort() };
  streams.push(stream);
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      const reader = response.body!.getReader();
      for (let read = await reader.read(); !read.done; read = await reader.read()) {
        buffer += decoder.decode(read.value, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = frame
            .split('\n')
            .filter((line) => line.startsWith('data:'))
            .map((line) => line.slice(5).trim())
            .join('\n');
          if (!frame.split('\n').includes('event: next') || !data) continue;
          const { data: result } = JSON.parse(data) as { data?: { alertRaised: AlertEvent } };
          if (result) stream.events.push(result.alertRaised);
        }
      }
    } catch {
      // Aborted by the test.
    }
  })();
  return stream;
}

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function tick(count: number): Promise<void> {
  await fetch(`${simulator.url}/__sim/tick`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ count }),
  });
}

async function alertCalls(): Promise<number> {
  const { byRoute } = (await (await fetch(`${simulator.url}/__sim/stats`)).json()) as {
    byRoute: Record<string, number>;
  };
  return byRoute['GET /api/v1/alerts'] ?? 0;
}

/**
 * Every poll lease expires now, as Redis expires a dead holder's lease after its ttl; the checkpoints beside them
 * outlive them, as they do then (src/subscriptions/redis-poll-lease.ts).
 */
async function expireLeases(): Promise<void> {
  const client = new Redis(redis.url);
  try {
    const leases = await client.keys(`${KEY_PREFIX}sub:lease:*`);
    expect(leases.length).toBeGreaterThan(0);
    await client.del(...leases);
  } finally {
    client.disconnect();
  }
}

async function resetStats(): Promise<void> {
  await fetch(`${simulator.url}/__sim/stats/reset`, { method: 'POST' });
}

/** The alert ids a caller can see now, as a query reads them. */
async function visibleAlerts(replica: Replica, as: string): Promise<Set<number>> {
  const answer = await replica.served.gql<{ alerts: { nodes: Array<{ legacyId: number }> } }>(
    '{ alerts(first: 200) { nodes { legacyId } } }',
    undefined,
    as,
  );
  expect(answer.errors).toBeUndefined();
  return new Set(answer.data!.alerts.nodes.map((alert) => alert.legacyId));
}

const ids = (stream: Stream) => stream.events.map((event) => event.alert?.legacyId);

beforeAll(async () => {
  redis = await startRedis();
  simulator = await startSimulator({ devices: 300, seed: 7 });
});

afterAll(async () => {
  for (const stream of streams) stream.close();
  for (const replica of replicas) await replica.served.close();
  await simulator?.close();
  await redis?.stop();
});

describe('alertRaised on two replicas sharing Redis', () => {
  it('keeps callers apart, polls a scope once for both replicas, and survives the polling replica', async () => {
    const a = await startReplica();
    const b = await startReplica();
    const hubA = a.gateway.deps.subscriptions;
    const hubB = b.gateway.deps.subscriptions;

    // miadmin on A first: A takes miadmin's lease with its first poll (the baseline).
    const miadminOnA = await subscribe(a, 'miadmin');
    await hubA.whenSubscribers(1);
    await hubA.pollAll();
    const miadminOnB = await subscribe(b, 'miadmin');
    const emeaOnB = await subscribe(b, 'emea');
    await hubB.whenSubscribers(2);
    await hubB.pollAll();

    // One poll round on each replica: one alert list read per scope, though miadmin is subscribed on both.
    await resetStats();
    await tick(30);
    await hubA.pollAll();
    await hubB.pollAll();
    expect(await alertCalls()).toBe(2);

    // More rounds until both callers have news of their own.
    const emeaVisible = () => visibleAlerts(b, 'emea');
    for (let round = 0; round < 50; round++) {
      const emeaSees = await emeaVisible();
      if (emeaOnB.events.length > 0 && miadminOnA.events.some((event) => !emeaSees.has(event.alert!.legacyId))) break;
      await tick(30);
      await hubA.pollAll();
      await hubB.pollAll();
    }
    await until(
      () => miadminOnA.events.length > 0 && miadminOnB.events.length === miadminOnA.events.length,
      'miadmin events on both replicas',
    );
    // miadmin's two subscriptions read one log: the same events, same ids, same order.
    expect(miadminOnB.events).toEqual(miadminOnA.events);
    // emea receives only alerts emea can see; miadmin received some emea cannot, and emea got none of them.
    const emeaSees = await emeaVisible();
    expect(emeaOnB.events.length).toBeGreaterThan(0);
    for (const event of emeaOnB.events) expect(emeaSees.has(event.alert!.legacyId)).toBe(true);
    const miadminOnly = ids(miadminOnA).filter((id) => !emeaSees.has(id!));
    expect(miadminOnly.length).toBeGreaterThan(0);
    for (const id of miadminOnly) expect(ids(emeaOnB)).not.toContain(id);

    // A dies as a poller: it never polls again and does not give its lease up (its subscriber stays connected,
    // so nothing releases it). An alert is raised after A's last poll; then A's lease expires (B's too: B takes
    // its own back). B polls miadmin's scope from A's checkpoint, not from a baseline: the alert is news.
    const device = simulator.world.devices.find((candidate) => candidate.status === 'ACTIVE')!;
    const gap = raiseAlert(simulator.world, device);
    await expireLeases();
    await hubB.pollAll();
    await until(() => ids(miadminOnB).includes(gap), 'B to take over miadmin polling and deliver the alert');
    // More rounds, the fleet moving on, then a last alert: once both subscribers have it, they have every event
    // before it (one ordered log), and the alert of the gap came exactly once.
    for (let round = 0; round < 3; round++) {
      await tick(30);
      await hubB.pollAll();
    }
    const last = raiseAlert(simulator.world, device);
    await hubB.pollAll();
    await until(() => ids(miadminOnA).includes(last) && ids(miadminOnB).includes(last), 'the last alert on both');
    expect(ids(miadminOnB).filter((id) => id === gap)).toHaveLength(1);
    expect(ids(miadminOnA).filter((id) => id === gap)).toHaveLength(1);
    // B re-took emea's lease with its own checkpoint: nothing emea received before is reported again.
    const emeaIds = ids(emeaOnB);
    expect(new Set(emeaIds).size).toBe(emeaIds.length);
    // Now only B polls: one alert list read per scope per round.
    await resetStats();
    await hubB.pollAll();
    expect(await alertCalls()).toBe(2);
    // A's subscriber, still connected, follows the log B now appends to: it missed nothing B delivered.
    await until(() => miadminOnA.events.length === miadminOnB.events.length, 'A to deliver what B polled');
    expect(miadminOnA.events).toEqual(miadminOnB.events);
  });
});
