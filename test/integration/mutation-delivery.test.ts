// What a mutation reports when the MDM's answer is lost, when the audit trail cannot be written, and what a
// caller without `read` may select in a payload (docs/security.md). The gateway reaches the simulator through a
// proxy that forwards a request and then loses its answer, so the MDM really acts while the gateway cannot know.
import { readFileSync, mkdirSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startUpstreamProxy, type AnswerFault, type UpstreamProxy } from '../helpers/upstream-proxy.js';
import { startStack, type Stack } from '../helpers/stack.js';

const LOCK = 'PUT /api/v2/devices/lock';
const PAYLOAD = 'results { id status message } userErrors { code } auditId dryRun replayed';

interface Payload {
  results: Array<{ id: string; status: string; message: string }>;
  userErrors: Array<{ code: string }>;
  auditId: string | null;
  dryRun: boolean;
  replayed: boolean;
}

let stack: Stack;
let proxy: UpstreamProxy;

async function activeDevices(count: number): Promise<string[]> {
  const response = await stack.gql<{ devices: { nodes: Array<{ id: string }> } }>(
    '{ devices(first: 100, filter: { status: [ACTIVE] }, source: EPMM) { nodes { id } } }',
  );
  expect(response.errors).toBeUndefined();
  return response.data!.devices.nodes.slice(0, count).map((device) => device.id);
}

const used = new Set<string>();
/** A device no earlier test of this file has acted on (each test changes the state of its own devices). */
async function freshDevice(): Promise<string> {
  const id = (await activeDevices(100)).find((candidate) => !used.has(candidate))!;
  used.add(id);
  return id;
}

async function lock(input: Record<string, unknown>, selection = PAYLOAD, as = 'miadmin') {
  const response = await stack.gql<{ lockDevices: Payload }>(
    `mutation($input: DeviceActionInput!) { lockDevices(input: $input) { ${selection} } }`,
    { input },
    as,
  );
  return { response, payload: response.data?.lockDevices };
}

async function deviceStatus(id: string): Promise<string> {
  const response = await stack.gql<{ node: { status: string } }>(
    'query($id: ID!) { node(id: $id) { ... on Device { status } } }',
    { id },
  );
  return response.data!.node.status;
}

function auditRecords(): Array<{ id: string; phase: string; dryRun?: boolean; results?: Array<{ status: string }> }> {
  return readFileSync(stack.auditLogFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

beforeAll(async () => {
  stack = await startStack({
    devices: 200,
    seed: 5,
    upstreamUrl: async (simulatorUrl) => {
      proxy = await startUpstreamProxy(simulatorUrl);
      return proxy.url;
    },
    // A caller who may act but not read (a ticketing robot): its payloads must not become a read path.
    scopes: { helpdesk: ['act'] },
  });
});
afterAll(async () => {
  await stack.close();
  await proxy.close();
});
beforeEach(async () => stack.resetUpstreamStats());

describe('an answer lost after the MDM acted', () => {
  it.each<[AnswerFault]>([['reset-after-forward'], ['cut-body'], ['truncated-json']])(
    '%s: the device changed, so the item is UNCONFIRMED (never FAILED), in the payload and the audit trail',
    async (fault) => {
      const id = await freshDevice();
      proxy.failNext(LOCK, fault);
      const { response, payload } = await lock({ ids: [id] });
      expect(response.errors).toBeUndefined();
      expect(payload!.results).toEqual([expect.objectContaining({ id, status: 'UNCONFIRMED' })]);
      expect(payload!.results[0].message).toMatch(/may have applied/);
      // The MDM did act: one lock call reached it and the device is locked.
      expect((await stack.upstreamStats()).byRoute[LOCK]).toBe(1);
      expect(await deviceStatus(id)).toBe('LOCKED');
      const end = auditRecords().find((record) => record.id === payload!.auditId && record.phase === 'end');
      expect(end!.results!.map((result) => result.status)).toEqual(['UNCONFIRMED']);
    },
  );

  it('a refusal the MDM answered (503) stays FAILED: nothing changed and a retry is safe', async () => {
    const id = await freshDevice();
    await fetch(`${stack.simulator.url}/__sim/config`, {
      method: 'POST',
      body: JSON.stringify({ faults: [{ route: LOCK, status: 503, times: 1 }] }),
    });
    const { payload } = await lock({ ids: [id] });
    expect(payload!.results[0].status).toBe('FAILED');
    expect(await deviceStatus(id)).toBe('ACTIVE');
  });

  it('a 500 from the MDM does not say whether it acted: UNCONFIRMED', async () => {
    const id = await freshDevice();
    await fetch(`${stack.simulator.url}/__sim/config`, {
      method: 'POST',
      body: JSON.stringify({ faults: [{ route: LOCK, status: 500, times: 1 }] }),
    });
    const { payload } = await lock({ ids: [id] });
    expect(payload!.results[0].status).toBe('UNCONFIRMED');
  });
});

describe('the audit trail and idempotency', () => {
  it('an end record that cannot be written loses neither the results nor the key: the retry replays', async () => {
    const id = await freshDevice();
    const held = proxy.holdRequest(LOCK);
    const first = lock({ ids: [id], idempotencyKey: 'audit-end-fails' });
    await held.reached;
    // The begin record is written before the call; now the trail breaks (as on EIO or a full disk).
    const begin = auditRecords()
      .filter((record) => record.phase === 'begin')
      .at(-1)!;
    rmSync(stack.auditLogFile);
    mkdirSync(stack.auditLogFile);
    held.release();
    const { response, payload } = await first;
    try {
      expect(response.errors).toBeUndefined();
      expect(payload!.results).toEqual([expect.objectContaining({ id, status: 'SUCCEEDED' })]);
      expect(payload!.auditId).toBe(begin.id);

      const retry = await lock({ ids: [id], idempotencyKey: 'audit-end-fails' });
      expect(retry.payload).toMatchObject({
        replayed: true,
        auditId: begin.id,
        results: [{ id, status: 'SUCCEEDED' }],
      });
      expect((await stack.upstreamStats()).byRoute[LOCK]).toBe(1);
    } finally {
      rmSync(stack.auditLogFile, { recursive: true });
    }
  });

  it('a begin record that cannot be written refuses the action before any call, and the key stays free', async () => {
    const id = await freshDevice();
    rmSync(stack.auditLogFile, { force: true });
    mkdirSync(stack.auditLogFile);
    try {
      const refused = await lock({ ids: [id], idempotencyKey: 'audit-begin-fails' });
      expect(refused.response.data).toBeNull();
      expect(refused.response.errors![0]).toMatchObject({ extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      expect(refused.response.errors![0].message).toMatch(/nothing was sent/);
      expect((await stack.upstreamStats()).byRoute[LOCK]).toBeUndefined();
    } finally {
      rmSync(stack.auditLogFile, { recursive: true });
    }
    const retried = await lock({ ids: [id], idempotencyKey: 'audit-begin-fails' });
    expect(retried.payload).toMatchObject({ replayed: false, results: [{ id, status: 'SUCCEEDED' }] });
    expect((await stack.upstreamStats()).byRoute[LOCK]).toBe(1);
  });
});

describe('a caller who may act but not read', () => {
  it('cannot read the fleet through a payload: selecting an entity needs `read`, refused before any call', async () => {
    const [id] = await activeDevices(1);
    await stack.resetUpstreamStats();
    const selection =
      'results { status device { imei user { email } deviceSpace { devices(first: 200) { nodes { user { email } } } } } }';
    const { response } = await lock({ ids: [id], dryRun: true }, selection, 'helpdesk');
    expect(response.data ?? null).toBeNull();
    expect(response.errors![0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    expect(response.errors![0].message).toMatch(/'read' scope/);
    const stats = await stack.upstreamStats();
    expect(stats.byRoute['GET /api/v2/devices'] ?? 0).toBe(0);
  });

  it('gets the status fields, and its dry run is audited', async () => {
    const [id] = await activeDevices(1);
    const { response, payload } = await lock({ ids: [id], dryRun: true }, PAYLOAD, 'helpdesk');
    expect(response.errors).toBeUndefined();
    expect(payload).toMatchObject({ dryRun: true, results: [{ id, status: 'DRY_RUN' }] });
    expect(payload!.auditId).not.toBeNull();
    const records = auditRecords().filter((record) => record.id === payload!.auditId);
    expect(records.map((record) => record.phase)).toEqual(['begin', 'end']);
    expect(records[0].dryRun).toBe(true);
  });
});
