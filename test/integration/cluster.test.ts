// `serve --workers 2`: two gateway processes share one port, the embedded simulator runs once (in the
// primary), and SIGTERM to the primary drains both workers and exits cleanly. Without Redis, the workers share
// idempotency keys through the primary (a keyed lock retried on the other worker replays, one upstream lock),
// and /metrics answers the sum over both workers whichever one a scrape reaches (docs/decisions.md
// "Idempotency keys across workers").
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuthorization } from '../../src/auth/credentials.js';
import { unusedPort } from '../helpers/redis-server.js';

const METRICS_TOKEN = 'cluster-test-metrics-token';
const LOCK_ROUTE = 'PUT /api/v2/devices/lock';
const LOCK = `mutation($input: DeviceActionInput!) {
  lockDevices(input: $input) { results { id status } userErrors { code } auditId dryRun replayed }
}`;

const STATUS = 'query($id: ID!) { node(id: $id) { ... on Device { status } } }';

interface GraphQLAnswer<T> {
  requestId: string;
  data?: T;
  errors?: unknown;
}

interface LockPayload {
  results: Array<{ id: string; status: string }>;
  userErrors: Array<{ code: string }>;
  auditId: string | null;
  replayed: boolean;
}

let child: ReturnType<typeof spawn> | undefined;
let output = '';
let port: number;
let simulatorUrl: string;
let auditFile: string;
/** GraphQL requests sent to the gateway: what the summed request counter must say. */
let graphqlRequests = 0;
let requestIds = 0;

afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
});

/** One request on a fresh connection, so that the primary hands it to the next worker in turn. */
async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<GraphQLAnswer<T>> {
  const requestId = `cluster-${++requestIds}`;
  graphqlRequests++;
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: basicAuthorization('miadmin', 'miadmin'),
      connection: 'close',
      'x-request-id': requestId,
    },
    body: JSON.stringify({ query, variables }),
  });
  return { requestId, ...((await response.json()) as { data?: T; errors?: unknown }) };
}

/** The pid of the worker that answered a request, from its log line (workers log with their pid: src/main.ts). */
async function workerOf(requestId: string): Promise<number> {
  for (let waited = 0; waited < 5_000; waited += 20) {
    for (const line of output.split('\n')) {
      if (!line.includes(`"requestId":"${requestId}"`)) continue;
      const record = JSON.parse(line) as { pid?: number; msg?: string };
      if (record.msg === 'graphql request' && typeof record.pid === 'number') return record.pid;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no log line for ${requestId}`);
}

/** The simulator's calls of one route since the last reset; of every route without one. */
async function simulatorCalls(route?: string): Promise<number> {
  const stats = (await (await fetch(`${simulatorUrl}/__sim/stats`)).json()) as { byRoute: Record<string, number> };
  if (route === undefined) return Object.values(stats.byRoute).reduce((sum, calls) => sum + calls, 0);
  return stats.byRoute[route] ?? 0;
}

/** The sum of a metric's samples in one scrape (a fresh connection: the next worker in turn answers it). */
async function scrape(): Promise<(name: string, labels?: string) => number> {
  const headers = { authorization: `Bearer ${METRICS_TOKEN}`, connection: 'close' };
  const response = await fetch(`http://127.0.0.1:${port}/metrics`, { headers });
  expect(response.status).toBe(200);
  const text = await response.text();
  return (name, labels = '') =>
    text
      .split('\n')
      .filter((line) => line.startsWith(`${name}{`) && line.includes(labels))
      .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

describe('WORKERS=2', () => {
  beforeAll(async () => {
    port = await unusedPort();
    auditFile = join(mkdtempSync(join(tmpdir(), 'mdmgraph-cluster-')), 'audit.jsonl');
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve', '--workers', '2'], {
      env: {
        ...process.env,
        PORT: String(port),
        SIM_DEVICES: '50',
        // info: the per-request lines name the worker (pid) that answered.
        LOG_LEVEL: 'info',
        METRICS_TOKEN,
        AUDIT_LOG_FILE: auditFile,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    for (let waited = 0; workerPids().length < 2; waited += 100) {
      if (waited > 45_000 || child.exitCode !== null) throw new Error(`workers did not start:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    simulatorUrl = /embedded simulator: .* at (http:\/\/\S+)/.exec(output)![1];
  }, 60_000);

  const workerPids = () => [...output.matchAll(/worker (\d+) serving/g)].map((match) => Number(match[1]));

  it('runs N workers behind one port with one embedded simulator', async () => {
    expect(new Set(workerPids()).size).toBe(2);
    expect(workerPids()).not.toContain(child!.pid);
    expect(output.match(/embedded simulator:/g)).toHaveLength(1);

    await fetch(`${simulatorUrl}/__sim/stats/reset`, { method: 'POST' });
    // Fresh connections each time, so the primary hands them to both workers; both answer from the one simulator.
    // One source, so that a cold read is one search (the merged list also reads the EPMM keys to join twins).
    const read = () =>
      gql<{ devices: { totalCount: number } }>('{ devices(first: 3, source: EPMM) { totalCount nodes { uuid } } }');
    const answers = await Promise.all(Array.from({ length: 6 }, read));
    for (const answer of answers) expect(answer.errors).toBeUndefined();
    expect(new Set(answers.map((answer) => answer.data!.devices.totalCount)).size).toBe(1);
    // Each worker has its own cache: one or two cold reads, never six.
    expect(await simulatorCalls('GET /api/v2/devices')).toBeGreaterThanOrEqual(1);
    expect(await simulatorCalls('GET /api/v2/devices')).toBeLessThanOrEqual(2);
  });

  it('a keyed lock retried on the other worker replays the first result: one upstream lock, one audit', async () => {
    const active = '{ devices(first: 5, filter: { status: [ACTIVE] }, source: EPMM) { nodes { id } } }';
    const listed = await gql<{ devices: { nodes: Array<{ id: string }> } }>(active);
    const device = listed.data!.devices.nodes[0].id;
    const input = { ids: [device], note: 'lost on a train', idempotencyKey: 'cluster-lock-1' };
    await fetch(`${simulatorUrl}/__sim/stats/reset`, { method: 'POST' });

    const first = await gql<{ lockDevices: LockPayload }>(LOCK, { input });
    expect(first.errors).toBeUndefined();
    expect(first.data!.lockDevices).toMatchObject({ replayed: false, results: [{ status: 'SUCCEEDED' }] });
    const firstWorker = await workerOf(first.requestId);
    // Retries until one lands on the other worker (round robin: usually the first retry); each must replay.
    let otherWorker: number | undefined;
    for (let attempt = 0; attempt < 8 && otherWorker === undefined; attempt++) {
      const retry = await gql<{ lockDevices: LockPayload }>(LOCK, { input });
      expect(retry.errors).toBeUndefined();
      expect(retry.data!.lockDevices).toEqual({ ...first.data!.lockDevices, replayed: true });
      const worker = await workerOf(retry.requestId);
      if (worker !== firstWorker) otherWorker = worker;
    }
    expect(otherWorker).toBeDefined();
    expect(await simulatorCalls(LOCK_ROUTE)).toBe(1);
    const begins = readFileSync(auditFile, 'utf8')
      .split('\n')
      .filter((line) => line.includes('"phase":"begin"') && line.includes(device));
    expect(begins).toHaveLength(1);

    // The same key with another input is refused on whichever worker, and sends nothing.
    const other = await gql(LOCK, { input: { ...input, note: 'found again' } });
    expect(JSON.stringify(other.errors)).toContain('different input');
    expect(await simulatorCalls(LOCK_ROUTE)).toBe(1);
  });

  it('/metrics answers the sum over both workers on every scrape, behind the token', async () => {
    const denied = await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { connection: 'close' } });
    expect(denied.status).toBe(401);
    // Both workers answered GraphQL requests, so a per-worker answer could not show the total.
    const ids = Array.from({ length: requestIds }, (_, index) => `cluster-${index + 1}`);
    const answeredBy = await Promise.all(ids.map(workerOf));
    expect(new Set(answeredBy).size).toBe(2);

    let previous = 0;
    for (let scrapes = 0; scrapes < 6; scrapes++) {
      const metric = await scrape();
      const requests = metric('mdmgraph_graphql_requests_total');
      expect(requests).toBeGreaterThanOrEqual(previous);
      expect(requests).toBe(graphqlRequests);
      expect(metric('mdmgraph_upstream_calls_total', `route="${LOCK_ROUTE}"`)).toBe(1);
      previous = requests;
    }
  });

  it('a lock through one worker is seen at once through the other, whose cache held the device ACTIVE', async () => {
    const active = '{ devices(first: 5, filter: { status: [ACTIVE] }, source: EPMM) { nodes { id } } }';
    const device = (await gql<{ devices: { nodes: Array<{ id: string }> } }>(active)).data!.devices.nodes.at(-1)!.id;
    const read = async () => {
      const answer = await gql<{ node: { status: string } }>(STATUS, { id: device });
      expect(answer.errors).toBeUndefined();
      return { worker: await workerOf(answer.requestId), status: answer.data!.node.status };
    };
    // Both workers cache the device as ACTIVE (each answers one read; round robin: usually two reads).
    const warmed = new Set<number>();
    for (let attempt = 0; attempt < 8 && warmed.size < 2; attempt++) {
      const { worker, status } = await read();
      expect(status).toBe('ACTIVE');
      warmed.add(worker);
    }
    expect(warmed.size).toBe(2);
    const locked = await gql<{ lockDevices: LockPayload }>(LOCK, { input: { ids: [device], note: 'left in a taxi' } });
    expect(locked.data!.lockDevices.results).toMatchObject([{ status: 'SUCCEEDED' }]);
    const locker = await workerOf(locked.requestId);
    // Every read after the lock's answer says LOCKED, on the worker that did not lock too.
    const answered = new Set<number>();
    for (let attempt = 0; attempt < 8 && answered.size < 2; attempt++) {
      const { worker, status } = await read();
      expect({ worker, status }).toEqual({ worker, status: 'LOCKED' });
      answered.add(worker);
    }
    expect([...answered].filter((worker) => worker !== locker)).toHaveLength(1);

    // A relayed invalidation is applied, not relayed again: were it echoed between the workers, their caches would
    // keep dropping, and these reads (both workers, both warm again) would go upstream.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await fetch(`${simulatorUrl}/__sim/stats/reset`, { method: 'POST' });
    const again = await Promise.all([read(), read(), read(), read()]);
    expect(new Set(again.map(({ worker }) => worker)).size).toBe(2);
    expect(again.map(({ status }) => status)).toEqual(['LOCKED', 'LOCKED', 'LOCKED', 'LOCKED']);
    expect(await simulatorCalls()).toBe(0);
  });

  it('SIGTERM to the primary drains both workers and exits cleanly', async () => {
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    child!.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('stopping 2 workers');
  }, 30_000);
});
