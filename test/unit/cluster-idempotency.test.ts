// The idempotency store of WORKERS > 1 without Redis (src/cluster-idempotency.ts), with two "workers" on one
// primary map and messages JSON-encoded as on the IPC channel: a retry on the other worker replays, a concurrent
// one waits for the first outcome, another input is refused, a failed attempt is released, an attempt whose
// worker exited is never re-run, and a primary that does not answer refuses the keyed mutation.
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import {
  ClusterIdempotencyStore,
  errorOutcome,
  PrimaryIdempotencyMap,
  type IdempotencyRequest,
} from '../../src/cluster-idempotency.js';
import { IpcPeer } from '../../src/cluster-ipc.js';
import { GatewayError } from '../../src/errors.js';

const silent = pino({ level: 'silent' });
const scope = (key: string, input: unknown = { ids: ['d1'] }) => ({
  callerScope: 'miadmin',
  operation: 'lockDevices',
  key,
  input,
});
const viaJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const fastSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.min(ms, 5)));

/** Two workers (owner ids 1 and 2) on one primary map; every request and answer crosses JSON, as over IPC. */
function cluster(options: { operationDeadlineMs?: number } = {}) {
  const map = new PrimaryIdempotencyMap({ ttlMs: 60_000, maxEntries: 100 });
  const worker = (owner: number) => {
    const ask = async (request: IdempotencyRequest) => viaJson(map.handle(viaJson(request), owner));
    const operationDeadlineMs = options.operationDeadlineMs ?? 2_000;
    return new ClusterIdempotencyStore(ask, silent, { operationDeadlineMs, sleep: fastSleep });
  };
  return { map, a: worker(1), b: worker(2) };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('ClusterIdempotencyStore', () => {
  it('a retry on the other worker replays the first value without running the action again', async () => {
    const { a, b } = cluster();
    let runs = 0;
    const perform = async () => ({ auditId: `audit-${++runs}` });
    expect(await a.once(scope('k1'), perform)).toEqual({ value: { auditId: 'audit-1' }, replayed: false });
    expect(await b.once(scope('k1'), perform)).toEqual({ value: { auditId: 'audit-1' }, replayed: true });
    expect(await a.once(scope('k1'), perform)).toEqual({ value: { auditId: 'audit-1' }, replayed: true });
    expect(runs).toBe(1);
  });

  it('keeps callers and operations apart', async () => {
    const { a, b } = cluster();
    let runs = 0;
    const perform = async () => ++runs;
    await a.once(scope('k2'), perform);
    await b.once({ ...scope('k2'), callerScope: 'emea' }, perform);
    await b.once({ ...scope('k2'), operation: 'wipeDevices' }, perform);
    expect(runs).toBe(3);
  });

  it('refuses the key with another input on the other worker, and runs nothing', async () => {
    const { a, b } = cluster();
    await a.once(scope('k3'), async () => 'first');
    let ran = false;
    const refused = b.once(scope('k3', { ids: ['d2'] }), async () => ((ran = true), 'second'));
    await expect(refused).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      details: { field: ['input', 'idempotencyKey'] },
    });
    await expect(refused).rejects.toThrow('different input');
    expect(ran).toBe(false);
  });

  it('a concurrent retry on the other worker waits for the first outcome and never acts', async () => {
    const { a, b } = cluster();
    const slow = deferred<string>();
    let runs = 0;
    const first = a.once(scope('k4'), () => (runs++, slow.promise));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = b.once(scope('k4'), async () => (runs++, 'second'));
    await new Promise((resolve) => setTimeout(resolve, 30));
    slow.resolve('first');
    expect(await first).toEqual({ value: 'first', replayed: false });
    expect(await second).toEqual({ value: 'first', replayed: true });
    expect(runs).toBe(1);
  });

  it('a retry that outwaits its deadline while the first runs is RATE_LIMITED', async () => {
    const { a, b } = cluster({ operationDeadlineMs: 40 });
    const slow = deferred<string>();
    const first = a.once(scope('k5'), () => slow.promise);
    const early = b.once(scope('k5'), async () => 'second');
    await expect(early).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    slow.resolve('first');
    await first;
    expect(await b.once(scope('k5'), async () => 'second')).toEqual({ value: 'first', replayed: true });
  });

  it('a failed attempt releases the key: a retry on the other worker runs', async () => {
    const { a, b } = cluster();
    const failed = a.once(scope('k6'), async () => Promise.reject(new Error('refused before sending')));
    await expect(failed).rejects.toThrow('refused before sending');
    expect(await b.once(scope('k6'), async () => 'retried')).toEqual({ value: 'retried', replayed: false });
  });

  it('an attempt whose worker exited is never run again: retries learn that its outcome is unknown', async () => {
    const { map, a, b } = cluster();
    void a.once(scope('k7'), () => new Promise<never>(() => undefined));
    await new Promise((resolve) => setTimeout(resolve, 5));
    map.workerGone(1);
    let ran = false;
    const retry = b.once(scope('k7'), async () => ((ran = true), 'again'));
    await expect(retry).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(retry).rejects.toThrow('never reported a result');
    expect(ran).toBe(false);
  });

  it('replays a kept error outcome as the same error', async () => {
    const { map, b } = cluster();
    const kept = new GatewayError('UPSTREAM_TIMEOUT', 'No answer after the lock was sent.', { field: ['input'] });
    const outcome = viaJson(errorOutcome(kept));
    map.handle({ op: 'claim', id: 'x', input: 'digest', claim: 'c1' }, 1);
    // Only the attempt holding the claim stores its outcome.
    expect(map.handle({ op: 'finish', id: 'x', claim: 'other', outcome }, 1)).toEqual({ changed: false });
    expect(map.handle({ op: 'finish', id: 'x', claim: 'c1', outcome }, 1)).toEqual({ changed: true });
    expect(map.handle({ op: 'claim', id: 'x', input: 'digest', claim: 'c2' }, 2)).toEqual({ state: 'done', outcome });
    // Through the store: the stored error is thrown again, with its code and details.
    const ask = async () => ({ state: 'done', outcome });
    const store = new ClusterIdempotencyStore(ask, silent, { operationDeadlineMs: 100 });
    const replayed = store.once(scope('k8'), async () => 'never');
    await expect(replayed).rejects.toBeInstanceOf(GatewayError);
    await expect(replayed).rejects.toMatchObject({
      message: kept.message,
      code: 'UPSTREAM_TIMEOUT',
      details: { field: ['input'] },
    });
  });

  it('a primary that does not answer refuses the keyed mutation instead of running it unkeyed', async () => {
    // A channel whose messages go nowhere: the request times out.
    const peer = new IpcPeer(async () => undefined, new Map());
    const ask = (request: IdempotencyRequest, timeoutMs: number) => peer.request('idempotency', request, timeoutMs);
    const store = new ClusterIdempotencyStore(ask, silent, { operationDeadlineMs: 1_000, requestTimeoutMs: 30 });
    let ran = false;
    const refused = store.once(scope('k9'), async () => ((ran = true), 'sent'));
    await expect(refused).rejects.toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      details: { field: ['input', 'idempotencyKey'] },
    });
    await expect(refused).rejects.toThrow('cluster primary');
    expect(ran).toBe(false);
  });
});

describe('IpcPeer', () => {
  it('matches answers to requests by id, passes handler errors back, fails waiting requests when closed', async () => {
    let left!: IpcPeer;
    let right!: IpcPeer;
    const wire = (to: () => IpcPeer) => async (message: unknown) => {
      setImmediate(() => to().receive(viaJson(message)));
    };
    const slow = deferred<string>();
    left = new IpcPeer(
      wire(() => right),
      new Map(),
    );
    right = new IpcPeer(
      wire(() => left),
      new Map([
        ['echo', (payload: unknown) => payload],
        ['fail', () => Promise.reject(new Error('handler broke'))],
        ['slow', () => slow.promise],
      ]),
    );
    const both = [left.request('echo', { n: 1 }, 1_000), left.request('echo', { n: 2 }, 1_000)];
    const [one, two] = await Promise.all(both);
    expect([one, two]).toEqual([{ n: 1 }, { n: 2 }]);
    await expect(left.request('fail', null, 1_000)).rejects.toThrow('handler broke');
    await expect(left.request('unknown', null, 1_000)).rejects.toThrow("nothing answers 'unknown'");
    const waiting = left.request('slow', null, 1_000);
    left.close('the other end is gone');
    await expect(waiting).rejects.toThrow('the other end is gone');
    await expect(left.request('echo', null, 1_000)).rejects.toThrow('the other end is gone');
    expect(left.receive({ unrelated: true })).toBe(false);
    slow.resolve('late');
  });
});
