// The two stores every mutation relies on: idempotency keys (one upstream attempt per key and input) and the
// audit trail (begin before, end after; a crash in between shows as unfinished; lines never interleave).
import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/audit/audit-log.js';
import { GatewayError } from '../../src/errors.js';
import { InProcessIdempotencyStore } from '../../src/mutations/idempotency.js';

const store = () => new InProcessIdempotencyStore({ ttlMs: 60_000, maxEntries: 100 });
const scope = (input: unknown, key = 'k-1') => ({ callerScope: 'miadmin', operation: 'wipeDevices', key, input });

/** A perform() whose completion the test controls, counting its calls. */
function controlled<T>() {
  let calls = 0;
  let settle!: { resolve(value: T): void; reject(error: unknown): void };
  const perform = () => {
    calls += 1;
    return new Promise<T>((resolve, reject) => (settle = { resolve, reject }));
  };
  return { perform, settle: () => settle, calls: () => calls };
}

describe('IdempotencyStore', () => {
  it('a retry arriving while the first attempt runs joins it: one call, the same value', async () => {
    const idempotency = store();
    const first = controlled<string>();
    const one = idempotency.once(scope({ ids: ['a'] }), first.perform);
    const two = idempotency.once(scope({ ids: ['a'] }), first.perform);
    first.settle().resolve('done');
    expect(await one).toEqual({ value: 'done', replayed: false });
    expect(await two).toEqual({ value: 'done', replayed: true });
    expect(first.calls()).toBe(1);
  });

  it('replays a finished result without calling again', async () => {
    const idempotency = store();
    let calls = 0;
    const perform = async () => ({ n: ++calls });
    expect(await idempotency.once(scope({ ids: ['a'] }), perform)).toEqual({ value: { n: 1 }, replayed: false });
    expect(await idempotency.once(scope({ ids: ['a'] }), perform)).toEqual({ value: { n: 1 }, replayed: true });
    expect(calls).toBe(1);
  });

  it('refuses the same key with a different input as BAD_USER_INPUT, without calling', async () => {
    const idempotency = store();
    let calls = 0;
    const perform = async () => ++calls;
    await idempotency.once(scope({ ids: ['a'] }), perform);
    const refused = idempotency.once(scope({ ids: ['b'] }), perform);
    await expect(refused).rejects.toBeInstanceOf(GatewayError);
    await expect(refused).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    // Array order is part of the input: the same devices in another order are another request.
    await expect(
      idempotency
        .once(scope({ ids: ['a', 'b'] }, 'k-2'), perform)
        .then(() => idempotency.once(scope({ ids: ['b', 'a'] }, 'k-2'), perform)),
    ).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    expect(calls).toBe(2);
  });

  it('ignores the key order of input objects (and keys set to undefined)', async () => {
    const idempotency = store();
    let calls = 0;
    const perform = async () => ++calls;
    await idempotency.once(
      scope({ input: { ids: ['a'], force: true, nested: { x: 1, y: [1, { p: 1, q: 2 }] } }, note: 'n' }),
      perform,
    );
    const again = await idempotency.once(
      scope({
        note: 'n',
        input: { nested: { y: [1, { q: 2, p: 1 }], x: 1 }, force: true, ids: ['a'], extra: undefined },
      }),
      perform,
    );
    expect(again).toEqual({ value: 1, replayed: true });
    expect(calls).toBe(1);
  });

  it('forgets a failed attempt (thrown error) so that the client may retry it; joiners see the error', async () => {
    const idempotency = store();
    const first = controlled<string>();
    const one = idempotency.once(scope({ ids: ['a'] }), first.perform);
    const joined = idempotency.once(scope({ ids: ['a'] }), first.perform);
    first.settle().reject(new GatewayError('UPSTREAM_ERROR', 'boom'));
    await expect(one).rejects.toThrow('boom');
    await expect(joined).rejects.toThrow('boom');
    expect(await idempotency.once(scope({ ids: ['a'] }), async () => 'second try')).toEqual({
      value: 'second try',
      replayed: false,
    });
  });

  it('keys are per caller scope and operation: another caller or operation with the same key runs anew', async () => {
    const idempotency = store();
    let calls = 0;
    const perform = async () => ++calls;
    await idempotency.once(scope({ ids: ['a'] }), perform);
    expect(await idempotency.once({ ...scope({ ids: ['b'] }), callerScope: 'emea' }, perform)).toEqual({
      value: 2,
      replayed: false,
    });
    expect(await idempotency.once({ ...scope({ ids: ['b'] }), operation: 'lockDevices' }, perform)).toEqual({
      value: 3,
      replayed: false,
    });
  });

  it('forgets a key after its TTL', async () => {
    const idempotency = new InProcessIdempotencyStore({ ttlMs: 5, maxEntries: 10 });
    let calls = 0;
    const perform = async () => ++calls;
    await idempotency.once(scope({ ids: ['a'] }), perform);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(await idempotency.once(scope({ ids: ['b'] }), perform)).toEqual({ value: 2, replayed: false });
  });
});

const tempLog = () => join(mkdtempSync(join(tmpdir(), 'mdmgraph-audit-unit-')), 'nested', 'audit.jsonl');
const begin = (operation = 'wipeDevices') => ({
  caller: 'miadmin',
  operation,
  note: 'stolen',
  items: [{ id: 'RGV2aWNl', key: 'uuid-1' }],
  input: { ids: ['RGV2aWNl'] },
  dryRun: false,
});
const end = {
  results: [{ id: 'RGV2aWNl', key: 'uuid-1', status: 'SUCCEEDED', messageKey: null, message: 'ok' }],
  upstreamCalls: 1,
};

describe('AuditLog', () => {
  it('merges a begin with its end, newest entry first', async () => {
    const log = new AuditLog(tempLog());
    const first = await log.begin(begin('lockDevices'));
    await log.end(first, end);
    const second = await log.begin(begin('wipeDevices'));
    await log.end(second, { ...end, upstreamCalls: 2 });
    const entries = await log.entries();
    expect(entries.map((entry) => [entry.id, entry.operation, entry.finished, entry.upstreamCalls])).toEqual([
      [second, 'wipeDevices', true, 2],
      [first, 'lockDevices', true, 1],
    ]);
    expect(entries[1]).toMatchObject({
      caller: 'miadmin',
      note: 'stolen',
      items: [{ id: 'RGV2aWNl', key: 'uuid-1' }],
      results: end.results,
    });
    expect(entries[1].finishedAt).toEqual(expect.any(String));
    expect('phase' in entries[1]).toBe(false);
  });

  it('a crash between the two records: the begin without its end, then a torn line, reads back unfinished', async () => {
    const file = tempLog();
    const before = new AuditLog(file);
    const done = await before.begin(begin('lockDevices'));
    await before.end(done, end);
    const crashed = await before.begin(begin('wipeDevices'));
    // The process dies while writing the end record: half a line, no newline.
    const torn = JSON.stringify({ id: crashed, phase: 'end', at: new Date().toISOString(), ...end });
    appendFileSync(file, torn.slice(0, Math.floor(torn.length / 2)));

    // After a restart, a new log over the same file.
    const after = new AuditLog(file);
    const entries = await after.entries();
    expect(entries.map((entry) => [entry.id, entry.finished])).toEqual([
      [crashed, false],
      [done, true],
    ]);
    expect(entries[0]).toMatchObject({ finishedAt: null, results: [], upstreamCalls: null, operation: 'wipeDevices' });

    // What the restarted gateway writes next starts on a line of its own instead of extending the torn one.
    const next = await after.begin(begin('retireDevices'));
    await after.end(next, end);
    const reread = await new AuditLog(file).entries();
    expect(reread.map((entry) => [entry.operation, entry.finished])).toEqual([
      ['retireDevices', true],
      ['wipeDevices', false],
      ['lockDevices', true],
    ]);
  });

  it("two processes on one file: a line torn by one does not swallow the other's next record", async () => {
    const file = tempLog();
    // Two workers, each with its own AuditLog over the same file, both started while the file was whole.
    const crashing = new AuditLog(file);
    const surviving = new AuditLog(file);
    const done = await surviving.begin(begin('lockDevices'));
    const crashed = await crashing.begin(begin('wipeDevices'));
    // The first worker dies while writing its end record: half a line, no newline.
    const torn = JSON.stringify({ id: crashed, phase: 'end', at: new Date().toISOString(), ...end });
    appendFileSync(file, torn.slice(0, Math.floor(torn.length / 2)));

    // The other worker's next records are read back, its begin and end alike.
    await surviving.end(done, end);
    const next = await surviving.begin(begin('retireDevices'));
    expect((await surviving.entries()).map((entry) => [entry.id, entry.finished])).toEqual([
      [next, false],
      [crashed, false],
      [done, true],
    ]);
    // The torn half stays a line of its own.
    expect(readFileSync(file, 'utf8').split('\n')).toContain(torn.slice(0, Math.floor(torn.length / 2)));
  });

  it('a whole record glued after a torn line (written just as another process tore it) is still read', async () => {
    const file = tempLog();
    const log = new AuditLog(file);
    const crashed = await log.begin(begin('wipeDevices'));
    const torn = JSON.stringify({ id: crashed, phase: 'end', at: new Date().toISOString(), ...end });
    // Torn right after a result object: it too starts with {"id":, but is not a record.
    const cut = torn.indexOf('}') + 1;
    const glued = { id: 'glued-begin', phase: 'begin', at: new Date().toISOString(), ...begin('lockDevices') };
    appendFileSync(file, `${torn.slice(0, cut)}${JSON.stringify(glued)}\n`);
    expect((await log.entries()).map((entry) => [entry.id, entry.operation, entry.finished])).toEqual([
      ['glued-begin', 'lockDevices', false],
      [crashed, 'wipeDevices', false],
    ]);
  });

  it('an end without a begin is ignored; a missing file has no entries', async () => {
    const log = new AuditLog(tempLog());
    expect(await log.entries()).toEqual([]);
    await log.end('no-such-begin', end);
    expect(await log.entries()).toEqual([]);
  });

  it('concurrent appends never interleave: every line is one whole record', async () => {
    const file = tempLog();
    const log = new AuditLog(file);
    // Large records (~64 KiB) so that one write may take several system calls.
    const big = 'x'.repeat(64 * 1024);
    const ids = await Promise.all(
      Array.from({ length: 60 }, (_, i) => log.begin({ ...begin(`op-${i}`), input: { padding: big, i } })),
    );
    await Promise.all(ids.map((id) => log.end(id, end)));
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(120);
    const records = lines.map((line) => JSON.parse(line) as { id: string; phase: string });
    expect(new Set(records.filter((record) => record.phase === 'begin').map((record) => record.id))).toEqual(
      new Set(ids),
    );
    const entries = await log.entries();
    expect(entries).toHaveLength(60);
    expect(entries.every((entry) => entry.finished)).toBe(true);
  });
});
