// What the upstream layer records about whether a call reached the MDM: the mutation pipeline reports FAILED
// only when every state-changing call was `not-sent` or `refused` (docs/security.md, "lost answers").
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UpstreamHttp, type CallRecord, type Delivery } from '../../src/upstream/http.js';
import { operationWithin } from '../../src/upstream/operation.js';
import { withStateChangePermit } from '../../src/upstream/state-change-permit.js';
import { adminCredential } from '../helpers/credentials.js';

let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const mode = new URL(req.url ?? '/', 'http://x').searchParams.get('mode');
    if (mode === 'reset') return void (req.socket as Socket).resetAndDestroy();
    if (mode === 'ok') return void res.end('{"ok":true}');
    if (mode === 'half') {
      res.writeHead(200, { 'content-length': '100' });
      res.write('{"ok":');
      return void setImmediate(() => (req.socket as Socket).resetAndDestroy());
    }
    res.writeHead(Number(mode));
    res.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const ROUTE = { method: 'PUT', path: '/api/v2/devices/lock', idempotent: false } as const;

async function deliveryOf(target: string, mode: string): Promise<{ delivery: Delivery; stateChanging: boolean }> {
  const http = new UpstreamHttp('EPMM', target, { connections: 1, timeoutMs: 2_000 });
  const calls: CallRecord[] = [];
  try {
    await http.requestJson({
      route: ROUTE,
      query: { mode },
      credential: adminCredential('miadmin'),
      body: {},
      observer: (call) => calls.push(call),
    });
  } catch {
    // the failure's code is tested elsewhere; here only what is known of the delivery
  } finally {
    await http.close();
  }
  expect(calls).toHaveLength(1);
  return { delivery: calls[0].delivery, stateChanging: calls[0].stateChanging };
}

describe('call delivery', () => {
  it.each<[string, Delivery]>([
    ['ok', 'answered'],
    ['400', 'refused'],
    ['404', 'refused'],
    ['429', 'refused'],
    ['503', 'refused'],
    ['500', 'unknown'],
    ['502', 'unknown'],
    ['504', 'unknown'],
    ['reset', 'unknown'],
    ['half', 'unknown'],
  ])('%s → %s', async (mode, delivery) => {
    expect(await deliveryOf(origin, mode)).toEqual({ delivery, stateChanging: true });
  });

  it('a refused connection never sent the request', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await deliveryOf(`http://127.0.0.1:${port}`, 'ok')).toEqual({ delivery: 'not-sent', stateChanging: true });
  });
});

describe('state-changing calls outside an audited send', () => {
  it('are refused before anything is sent; reads and permitted sends go through', async () => {
    const http = new UpstreamHttp('EPMM', origin, { connections: 1, timeoutMs: 2_000, guardStateChanges: true });
    const calls: CallRecord[] = [];
    const operation = operationWithin(10_000);
    const request = {
      operation,
      route: ROUTE,
      query: { mode: 'ok' },
      credential: adminCredential('miadmin'),
      body: {},
      observer: (call: CallRecord) => calls.push(call),
    };
    try {
      await expect(http.requestJson(request)).rejects.toThrow(/outside an audited send/);
      expect(calls).toHaveLength(0);
      await expect(
        http.requestJson({ ...request, route: { ...ROUTE, method: 'GET', idempotent: true } }),
      ).resolves.toEqual({ ok: true });
      await expect(withStateChangePermit(operation, () => http.requestJson(request))).resolves.toEqual({ ok: true });
      expect(calls.map((call) => call.stateChanging)).toEqual([false, true]);
      // The permit is the operation's: another operation's call made while the send runs is still refused,
      // and the permit ends with the send.
      const other = { ...request, operation: operationWithin(10_000) };
      await withStateChangePermit(operation, async () => {
        await expect(http.requestJson(other)).rejects.toThrow(/outside an audited send/);
      });
      await expect(http.requestJson(request)).rejects.toThrow(/outside an audited send/);
      expect(calls).toHaveLength(2);
    } finally {
      await http.close();
    }
  });
});
