// The subscription coordination over a real redis-server, as two replicas see it: one poller per scope under a
// lease that passes to the other replica when its holder dies, one ordered log per scope that both follow and that
// a reconnecting client reads back from, bounded, and scopes that never see each other's events.
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisConnection } from '../../src/cache/redis-connection.js';
import type { StoredEvent } from '../../src/subscriptions/coordination.js';
import { RedisCoordination } from '../../src/subscriptions/redis-coordination.js';
import { startRedis, type RunningRedis } from '../helpers/redis-server.js';

interface Replica {
  connection: RedisConnection;
  coordination: RedisCoordination;
  logs: string[];
  close(): Promise<void>;
}

let redis: RunningRedis;
let prefixes = 0;
const open: Replica[] = [];

async function replica(url: string, keyPrefix: string, retention = 500): Promise<Replica> {
  const logs: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void logs.push(line) });
  const connection = new RedisConnection({ url, keyPrefix, timeoutMs: 2_000 }, logger);
  await connection.ready;
  const coordination = new RedisCoordination(connection, logger, { retention });
  let closing: Promise<void> | undefined;
  const closeOnce = async () => {
    await coordination.close();
    await connection.close();
  };
  const one: Replica = { connection, coordination, logs, close: () => (closing ??= closeOnce()) };
  open.push(one);
  return one;
}

/** Two replicas on one Redis, with a key prefix of their own so that tests share nothing. */
async function twoReplicas(retention?: number): Promise<[Replica, Replica]> {
  const prefix = `subs${++prefixes}:`;
  return [await replica(redis.url, prefix, retention), await replica(redis.url, prefix, retention)];
}

/** Retries `check` until it holds; each attempt is a Redis round trip or a look at what was delivered. */
async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function collect(): { events: StoredEvent[]; onEvent: (event: StoredEvent) => void } {
  const events: StoredEvent[] = [];
  return { events, onEvent: (event) => void events.push(event) };
}

async function appendAll(replica: Replica, scope: string, payloads: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const payload of payloads) ids.push(await replica.coordination.log.append(scope, payload));
  return ids;
}

const payloads = (from: number, to: number, tag = 'e') =>
  Array.from({ length: to - from + 1 }, (_, i) => JSON.stringify({ tag, n: from + i }));

beforeAll(async () => {
  redis = await startRedis();
});

afterAll(async () => {
  for (const one of open) await one.close();
  await redis?.stop();
});

describe('poll lease', () => {
  it('is held by one replica at a time, renewed by its holder only', async () => {
    const [a, b] = await twoReplicas();
    expect(await a.coordination.lease.hold('scope-1', 60_000)).toBe(true);
    expect(await b.coordination.lease.hold('scope-1', 60_000)).toBe(false);
    expect(await a.coordination.lease.hold('scope-1', 60_000)).toBe(true);
    expect(await b.coordination.lease.hold('scope-1', 60_000)).toBe(false);
    // Another scope is another lease.
    expect(await b.coordination.lease.hold('scope-2', 60_000)).toBe(true);
    // B releasing a lease it does not hold leaves A's in place; A releasing its own hands it over at once.
    await b.coordination.lease.release('scope-1');
    expect(await b.coordination.lease.hold('scope-1', 60_000)).toBe(false);
    await a.coordination.lease.release('scope-1');
    expect(await b.coordination.lease.hold('scope-1', 60_000)).toBe(true);
    expect(await a.coordination.lease.hold('scope-1', 60_000)).toBe(false);
  });

  it('passes to the other replica after the ttl when its holder dies, and the old holder cannot renew it', async () => {
    const [a, b] = await twoReplicas();
    const ttl = 300;
    expect(await a.coordination.lease.hold('scope', ttl)).toBe(true);
    expect(await b.coordination.lease.hold('scope', ttl)).toBe(false);
    // A dies: its connection goes without releasing anything.
    await a.connection.close();
    await until(() => b.coordination.lease.hold('scope', ttl), 'B to take the lease');

    // A holder that only stopped renewing (a stalled process) finds it taken when it wakes: no second poller.
    const [c] = await twoReplicas();
    const d = await replica(redis.url, c.connection.keyPrefix);
    expect(await c.coordination.lease.hold('scope', ttl)).toBe(true);
    await until(() => d.coordination.lease.hold('scope', ttl), 'D to take the lease');
    expect(await c.coordination.lease.hold('scope', ttl)).toBe(false);
    // And C giving up what it no longer holds leaves D's lease alone.
    await c.coordination.lease.release('scope');
    expect(await d.coordination.lease.hold('scope', 60_000)).toBe(true);
    expect(await c.coordination.lease.hold('scope', ttl)).toBe(false);
  });

  it("keeps the holder's checkpoint for the replica that takes over; no other replica can write it", async () => {
    const [a, b] = await twoReplicas();
    expect(await b.coordination.lease.checkpoint('scope')).toBeUndefined();
    expect(await a.coordination.lease.hold('scope', 60_000)).toBe(true);
    expect(await a.coordination.lease.saveCheckpoint('scope', 'after poll 1', 60_000)).toBe(true);
    expect(await b.coordination.lease.hold('scope', 60_000)).toBe(false);
    expect(await b.coordination.lease.saveCheckpoint('scope', 'not the holder', 60_000)).toBe(false);
    // The lease passes; the checkpoint outlives it, and the former holder can no longer overwrite it.
    await a.coordination.lease.release('scope');
    expect(await b.coordination.lease.hold('scope', 60_000)).toBe(true);
    expect(await b.coordination.lease.checkpoint('scope')).toBe('after poll 1');
    expect(await a.coordination.lease.saveCheckpoint('scope', 'stale', 60_000)).toBe(false);
    expect(await b.coordination.lease.saveCheckpoint('scope', 'after poll 2', 60_000)).toBe(true);
    expect(await a.coordination.lease.checkpoint('scope')).toBe('after poll 2');
    // Another scope has a checkpoint of its own.
    expect(await a.coordination.lease.checkpoint('other scope')).toBeUndefined();
  });

  it('is given up when a replica closes', async () => {
    const [a, b] = await twoReplicas();
    expect(await a.coordination.lease.hold('scope', 60_000)).toBe(true);
    await a.close();
    expect(await b.coordination.lease.hold('scope', 60_000)).toBe(true);
  });
});

describe('scope event log', () => {
  it('delivers what either replica appends to both, in order, from the moment each follows', async () => {
    const [a, b] = await twoReplicas();
    await appendAll(a, 'scope', payloads(1, 3, 'before'));
    const onA = collect();
    const onB = collect();
    const stopA = await a.coordination.log.follow('scope', onA.onEvent);
    const stopB = await b.coordination.log.follow('scope', onB.onEvent);
    const ids = [...(await appendAll(a, 'scope', payloads(1, 20))), ...(await appendAll(b, 'scope', payloads(21, 25)))];
    const expected = ids.map((id, i) => ({ id, payload: JSON.stringify({ tag: 'e', n: i + 1 }) }));
    await until(() => onA.events.length >= 25 && onB.events.length >= 25, 'both replicas to receive 25 events');
    expect(onA.events).toEqual(expected);
    expect(onB.events).toEqual(expected);

    // A second follower of the same scope in the same process starts from its own moment.
    const later = collect();
    const stopLater = await b.coordination.log.follow('scope', later.onEvent);
    const [last] = await appendAll(a, 'scope', payloads(26, 26));
    await until(() => later.events.length >= 1 && onB.events.length >= 26, 'the 26th event');
    expect(later.events).toEqual([{ id: last, payload: JSON.stringify({ tag: 'e', n: 26 }) }]);

    // Stopped followers get nothing more; the others of the same process still do (same reader, same pass).
    const stayOnA = collect();
    await a.coordination.log.follow('scope', stayOnA.onEvent);
    await until(() => onA.events.length >= 26, 'the 26th event on A');
    await stopA();
    await stopLater();
    await appendAll(b, 'scope', payloads(27, 27));
    await until(() => onB.events.length >= 27 && stayOnA.events.length >= 1, 'the 27th event on A and B');
    expect(onA.events).toHaveLength(26);
    expect(later.events).toHaveLength(1);
    await stopB();
  });

  it('follows many scopes on one reader, and a scope followed later does not wait for the blocked read', async () => {
    const [a, b] = await twoReplicas();
    const first = collect();
    await b.coordination.log.follow('first', first.onEvent);
    await appendAll(a, 'first', payloads(1, 1));
    await until(() => first.events.length === 1, 'the first scope to deliver');
    // B's reader is now blocked on 'first'; following 'second' wakes it.
    const second = collect();
    await b.coordination.log.follow('second', second.onEvent);
    const [id] = await appendAll(a, 'second', payloads(1, 1, 'second'));
    await until(() => second.events.length === 1, 'the second scope to deliver');
    expect(second.events[0].id).toBe(id);
    expect(first.events).toHaveLength(1);
  });

  it('reads back exactly the events after a given id, from either replica', async () => {
    const [a, b] = await twoReplicas();
    const ids = await appendAll(a, 'scope', payloads(1, 10));
    const after3 = await b.coordination.log.readAfter('scope', ids[2]);
    expect(after3.complete).toBe(true);
    expect(after3.events.map((event) => event.id)).toEqual(ids.slice(3));
    expect(after3.events[0].payload).toBe(JSON.stringify({ tag: 'e', n: 4 }));
    expect(await b.coordination.log.readAfter('scope', ids[9])).toEqual({ events: [], complete: true });
  });

  it('says when events after the id were trimmed, and only then', async () => {
    // MAXLEN ~ trims whole nodes of 100 entries, so a small retention needs a few hundred events to trim.
    const [a, b] = await twoReplicas(5);
    const ids = await appendAll(a, 'scope', payloads(1, 350));
    const fromStart = await b.coordination.log.readAfter('scope', ids[0]);
    expect(fromStart.complete).toBe(false);
    const retained = fromStart.events.map((event) => event.id);
    expect(retained.length).toBeGreaterThanOrEqual(5);
    expect(retained.length).toBeLessThan(349);
    // What is kept is the newest events, in order, without a hole.
    expect(retained).toEqual(ids.slice(ids.length - retained.length));

    const oldestIndex = ids.indexOf(retained[0]);
    // The client saw the event just before the oldest kept: nothing it needs was dropped.
    const justBefore = await b.coordination.log.readAfter('scope', ids[oldestIndex - 1]);
    expect(justBefore).toEqual({ events: fromStart.events, complete: true });
    // Two before: the one in between is gone.
    const twoBefore = await b.coordination.log.readAfter('scope', ids[oldestIndex - 2]);
    expect(twoBefore).toEqual({ events: fromStart.events, complete: false });
    const fromOldest = await b.coordination.log.readAfter('scope', retained[0]);
    expect(fromOldest).toEqual({ events: fromStart.events.slice(1), complete: true });
  });

  it('answers every retained event, incomplete, for an id it cannot place; nothing for a scope without events', async () => {
    const [a, b] = await twoReplicas();
    const ids = await appendAll(a, 'scope', payloads(1, 3));
    const all = ids.map((id, i) => ({ id, payload: JSON.stringify({ tag: 'e', n: i + 1 }) }));
    for (const unplaceable of ['', 'garbage', '12-x', '-1-0', 'local-0a1b2c3d-4', '99999999999999-0', '1-0'])
      expect(await b.coordination.log.readAfter('scope', unplaceable), unplaceable).toEqual({
        events: all,
        complete: false,
      });
    expect(await b.coordination.log.readAfter('nothing-here', ids[0])).toEqual({ events: [], complete: false });
  });

  it('keeps scopes apart: following or reading one scope never yields another scope events', async () => {
    const [a, b] = await twoReplicas();
    const emea = collect();
    const miadmin = collect();
    await b.coordination.log.follow('cred-emea|space-1', emea.onEvent);
    await a.coordination.log.follow('cred-miadmin|space-1', miadmin.onEvent);
    const emeaIds = await appendAll(a, 'cred-emea|space-1', payloads(1, 5, 'emea'));
    const miadminIds = await appendAll(b, 'cred-miadmin|space-1', payloads(1, 5, 'miadmin'));
    await until(() => emea.events.length >= 5 && miadmin.events.length >= 5, 'both scopes to deliver');
    expect(emea.events.map((event) => event.id)).toEqual(emeaIds);
    expect(miadmin.events.map((event) => event.id)).toEqual(miadminIds);
    expect(emea.events.every((event) => JSON.parse(event.payload).tag === 'emea')).toBe(true);
    expect(miadmin.events.every((event) => JSON.parse(event.payload).tag === 'miadmin')).toBe(true);
    // An id of one scope means nothing in another: it cannot be used to read across.
    const across = await b.coordination.log.readAfter('cred-emea|space-1', miadminIds[0]);
    expect(across.events.every((event) => JSON.parse(event.payload).tag === 'emea')).toBe(true);
    expect((await a.coordination.log.readAfter('cred-emea|space-2', emeaIds[0])).events).toEqual([]);
    // The scope key is not in the key names: only a digest of it.
    const client = new Redis(redis.url);
    try {
      const keys = await client.keys(`${a.connection.keyPrefix}*`);
      expect(keys.some((key) => key.includes('emea') || key.includes('miadmin'))).toBe(false);
      expect(keys.filter((key) => key.includes(':sub:log:'))).toHaveLength(2);
    } finally {
      client.disconnect();
    }
  });
});

describe('Redis unreachable', () => {
  it('polls and delivers in process, logs once, answers no resumption, and closes cleanly', async () => {
    const own = await startRedis();
    const one = await replica(own.url, 'down:');
    const followed = collect();
    await one.coordination.log.follow('scope', followed.onEvent);
    const [before] = await appendAll(one, 'scope', payloads(1, 1));
    await until(() => followed.events.length === 1, 'the event before the outage');
    expect(followed.events[0].id).toBe(before);
    await own.stop();

    // Every replica polls for its own subscribers while Redis is away ...
    expect(await one.coordination.lease.hold('scope', 1_000)).toBe(true);
    // ... and what it appends reaches its own followers at once, with an id Redis never issues.
    const local = await appendAll(one, 'scope', payloads(2, 3));
    expect(followed.events.slice(1)).toEqual(
      local.map((id, i) => ({ id, payload: JSON.stringify({ tag: 'e', n: i + 2 }) })),
    );
    expect(local.every((id) => id.startsWith('local-'))).toBe(true);
    expect(await one.coordination.log.readAfter('scope', before)).toEqual({ events: [], complete: false });
    // A follow that starts now still registers (its reader retries in the background).
    const late = collect();
    await one.coordination.log.follow('scope', late.onEvent);
    await appendAll(one, 'scope', payloads(4, 4));
    expect(late.events).toHaveLength(1);

    await until(() => one.logs.some((line) => line.includes('redis unavailable')), 'the outage warning');
    expect(one.logs.filter((line) => line.includes('redis unavailable'))).toHaveLength(1);
    await one.close();
  });
});
