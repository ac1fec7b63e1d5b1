// Device actions through the real gateway against the simulator: per-item results, what is (not) sent
// upstream, guards, idempotency, dry runs, the audit trail, and that the next query sees the change.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeId } from '../../src/ids.js';
import { startStack, type Stack } from '../helpers/stack.js';

let stack: Stack;

interface ActionPayload {
  results: Array<{
    id: string;
    status: string;
    messageKey: string | null;
    message: string;
    device: { status: string } | null;
  }>;
  userErrors: Array<{ code: string; field: string[] | null }>;
  auditId: string | null;
  dryRun: boolean;
  replayed: boolean;
}

const PAYLOAD =
  'results { id status messageKey message device { status } } userErrors { code field message } auditId dryRun replayed';
const PAYLOAD_WITHOUT_DEVICE =
  'results { id status messageKey message } userErrors { code field message } auditId dryRun replayed';

async function deviceIds(
  as: string,
  filter: Record<string, unknown> = {},
): Promise<Array<{ id: string; status: string }>> {
  const response = await stack.gql<{ devices: { nodes: Array<{ id: string; status: string }> } }>(
    'query($filter: DeviceFilter) { devices(first: 200, filter: $filter, source: EPMM) { nodes { id status } } }',
    { filter },
    as,
  );
  expect(response.errors).toBeUndefined();
  return response.data!.devices.nodes;
}

async function act(mutation: string, input: Record<string, unknown>, as = 'miadmin', selection = PAYLOAD) {
  const response = await stack.gql<Record<string, ActionPayload>>(
    `mutation($input: ${inputType(mutation)}!) { ${mutation}(input: $input) { ${selection} } }`,
    { input },
    as,
  );
  return { response, payload: response.data?.[mutation] };
}

function inputType(mutation: string): string {
  const types: Record<string, string> = {
    lockDevices: 'DeviceActionInput',
    unlockDevices: 'DeviceActionInput',
    wakeUpDevices: 'DeviceActionInput',
    wipeDevices: 'WipeDevicesInput',
    retireDevices: 'RetireDevicesInput',
    deleteDevices: 'DeleteDevicesInput',
    sendMessageToDevices: 'SendMessageToDevicesInput',
    applyLabelsToDevices: 'DeviceLabelsInput',
    removeLabelsFromDevices: 'DeviceLabelsInput',
    checkDevicesCompliance: 'CheckDevicesComplianceInput',
    performDeviceAction: 'PerformDeviceActionInput',
  };
  return types[mutation];
}

async function calls(route: string): Promise<number> {
  return (await stack.upstreamStats()).byRoute[route] ?? 0;
}

beforeAll(async () => {
  stack = await startStack({ devices: 300, seed: 11, env: { ACTION_BATCH_SIZE: '2', MAX_DESTRUCTIVE_ITEMS: '5' } });
});
afterAll(async () => stack.close());
beforeEach(async () => {
  await fetch(`${stack.simulator.url}/__sim/config`, { method: 'POST', body: JSON.stringify({ faults: [] }) });
  await stack.resetUpstreamStats();
});

describe('lockDevices', () => {
  it('reports unknown, other-space and fine ids separately and sends only the fine one', async () => {
    const emea = (await deviceIds('emea', { status: ['ACTIVE'] }))[0];
    const emeaIds = new Set((await deviceIds('emea')).map((device) => device.id));
    const elsewhere = (await deviceIds('miadmin', { status: ['ACTIVE'] })).find((device) => !emeaIds.has(device.id))!;
    const unknown = encodeId('Device', 'EPMM', '00000000-0000-4000-8000-000000000000');
    await stack.resetUpstreamStats();

    const { payload } = await act('lockDevices', { ids: [unknown, elsewhere.id, emea.id], note: 'lost phone' }, 'emea');
    expect(payload!.results.map((result) => [result.id, result.status])).toEqual([
      [unknown, 'NOT_FOUND'],
      [elsewhere.id, 'NOT_FOUND'],
      [emea.id, 'SUCCEEDED'],
    ]);
    expect(payload!.results[2].messageKey).toBe('com.mobileiron.vsp.messages.device.action.successful');
    expect(payload!.results[2].device).toEqual({ status: 'LOCKED' });
    expect(await calls('PUT /api/v2/devices/lock')).toBe(1);

    // The device in the other space was not touched; the locked one shows LOCKED to a fresh query at once.
    const after = await stack.gql<{ nodes: Array<{ id: string; status: string } | null> }>(
      'query($ids: [ID!]!) { nodes(ids: $ids) { ... on Device { id status } } }',
      { ids: [elsewhere.id, emea.id] },
    );
    expect(after.data!.nodes.map((node) => node?.status)).toEqual([elsewhere.status, 'LOCKED']);
  });

  it('resolves devices just listed (any columns) from the cache: the lock is the only upstream call', async () => {
    const listed = await stack.gql<{ devices: { nodes: Array<{ id: string }> } }>(
      '{ devices(first: 8, filter: { status: [ACTIVE, LOCKED] }, source: EPMM) { nodes { id name model } } }',
    );
    await stack.resetUpstreamStats();
    // Without the refreshed `device` (re-reading it after the change would cost ⌈8/4⌉ searches).
    const { payload } = await act(
      'lockDevices',
      { ids: listed.data!.devices.nodes.map((node) => node.id), note: 'list then lock' },
      'miadmin',
      PAYLOAD_WITHOUT_DEVICE,
    );
    expect(payload!.results.every((result) => result.status === 'SUCCEEDED')).toBe(true);
    // Batches of two (ACTION_BATCH_SIZE=2 in this stack): four lock calls and not one search.
    expect((await stack.upstreamStats()).byRoute).toEqual({ 'PUT /api/v2/devices/lock': 4 });
  });

  it('refuses a viewer outright and sends nothing', async () => {
    const [device] = await deviceIds('viewer');
    await stack.resetUpstreamStats();
    const { response } = await act('lockDevices', { ids: [device.id] }, 'viewer');
    expect(response.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await calls('PUT /api/v2/devices/lock')).toBe(0);
  });

  it('rejects a malformed id as bad input and sends nothing', async () => {
    const [device] = await deviceIds('miadmin');
    await stack.resetUpstreamStats();
    const { response } = await act('lockDevices', { ids: [device.id, 'not-an-id'] });
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await stack.upstreamStats()).total).toBe(0);
  });

  it('stops at an upstream 503 in the middle of a bulk action, reports every device and retries nothing', async () => {
    const devices = (await deviceIds('miadmin', { status: ['ACTIVE'] })).slice(0, 5);
    await fetch(`${stack.simulator.url}/__sim/config`, {
      method: 'POST',
      body: JSON.stringify({ faults: [{ route: 'PUT /api/v2/devices/lock', status: 503, skip: 1, times: 1 }] }),
    });
    await stack.resetUpstreamStats();
    const { payload } = await act('lockDevices', { ids: devices.map((device) => device.id), note: 'incident 42' });
    // Batches of two: the first is sent and succeeds, the second meets the 503, the third is not sent.
    expect(payload!.results.map((result) => result.status)).toEqual([
      'SUCCEEDED',
      'SUCCEEDED',
      'FAILED',
      'FAILED',
      'SKIPPED',
    ]);
    expect(await calls('PUT /api/v2/devices/lock')).toBe(2);
    const audit = readFileSync(stack.auditLogFile, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; phase: string; results?: Array<{ status: string }> });
    const end = audit.find((record) => record.id === payload!.auditId && record.phase === 'end')!;
    expect(end.results!.map((result) => result.status)).toEqual([
      'SUCCEEDED',
      'SUCCEEDED',
      'FAILED',
      'FAILED',
      'SKIPPED',
    ]);
  });
});

describe('wipeDevices (destructive)', () => {
  it('is FORBIDDEN per device for helpdesk, with nothing sent', async () => {
    const devices = (await deviceIds('helpdesk')).slice(0, 2);
    await stack.resetUpstreamStats();
    const { payload } = await act(
      'wipeDevices',
      { ids: devices.map((device) => device.id), note: 'stolen' },
      'helpdesk',
    );
    expect(payload!.results.map((result) => result.status)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    expect(payload!.userErrors[0].code).toBe('FORBIDDEN');
    expect((await stack.upstreamStats()).total).toBe(0);
  });

  it('needs a note and respects the cap, sending nothing otherwise', async () => {
    const devices = (await deviceIds('miadmin')).slice(0, 6);
    await stack.resetUpstreamStats();
    const blank = await act('wipeDevices', { ids: [devices[0].id], note: '  ' });
    expect(blank.payload!.userErrors.map((error) => error.code)).toEqual(['NOTE_REQUIRED']);
    expect(blank.payload!.results[0].status).toBe('SKIPPED');
    const many = await act('wipeDevices', { ids: devices.map((device) => device.id), note: 'fleet reset' });
    expect(many.payload!.userErrors.map((error) => error.code)).toEqual(['TOO_MANY_ITEMS']);
    expect(await calls('PUT /api/v2/devices/wipe')).toBe(0);
  });

  it('dry run: would-be results and zero state-changing calls', async () => {
    const [device] = await deviceIds('miadmin', { status: ['ACTIVE'] });
    await stack.resetUpstreamStats();
    const { payload } = await act('wipeDevices', { ids: [device.id], note: 'rehearsal', dryRun: true });
    expect(payload!.dryRun).toBe(true);
    // Audited as a dry run (it reads which devices the caller may act on), with nothing sent.
    expect(payload!.auditId).not.toBeNull();
    expect(payload!.results[0].status).toBe('DRY_RUN');
    expect(payload!.results[0].device!.status).toBe('ACTIVE');
    const byRoute = (await stack.upstreamStats()).byRoute;
    expect(
      Object.keys(byRoute).filter((route) => !route.startsWith('GET ') && route !== 'POST /api/v2/devices'),
    ).toEqual([]);
  });

  it('replays the first result for the same idempotency key, and refuses the key with another input', async () => {
    const [first, second] = await deviceIds('miadmin', { status: ['ACTIVE'] });
    await stack.resetUpstreamStats();
    const input = { ids: [first.id], note: 'stolen, ticket 7', idempotencyKey: 'wipe-ticket-7' };
    const one = await act('wipeDevices', input);
    const two = await act('wipeDevices', input);
    expect(one.payload!.results[0].status).toBe('SUCCEEDED');
    expect(one.payload!.replayed).toBe(false);
    expect(two.payload!.replayed).toBe(true);
    expect(two.payload!.results.map((result) => result.status)).toEqual(['SUCCEEDED']);
    expect(two.payload!.auditId).toBe(one.payload!.auditId);
    expect(await calls('PUT /api/v2/devices/wipe')).toBe(1);
    const other = await act('wipeDevices', { ...input, ids: [second.id] });
    expect(other.response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await calls('PUT /api/v2/devices/wipe')).toBe(1);
  });
});

describe('audit log', () => {
  it('lists begin and end of each mutation for admins, and refuses others', async () => {
    const [device] = await deviceIds('miadmin', { status: ['ACTIVE'] });
    const { payload } = await act('wakeUpDevices', { ids: [device.id], note: 'audit check' });
    const log = await stack.gql<{
      auditLog: {
        totalCount: number;
        nodes: Array<{
          id: string;
          caller: string;
          operation: string;
          note: string;
          items: string[];
          finished: boolean;
          results: Array<{ status: string }>;
          upstreamCalls: number;
        }>;
      };
    }>(
      '{ auditLog(first: 5, filter: { operation: "wakeUpDevices" }) { totalCount nodes { id caller operation note items finished results { status } upstreamCalls } } }',
    );
    expect(log.errors).toBeUndefined();
    expect(log.data!.auditLog.nodes[0]).toEqual({
      id: payload!.auditId,
      caller: 'miadmin',
      operation: 'wakeUpDevices',
      note: 'audit check',
      items: [device.id],
      finished: true,
      results: [{ status: 'SUCCEEDED' }],
      upstreamCalls: 1,
    });
    const refused = await stack.gql('{ auditLog(first: 1) { totalCount } }', {}, 'helpdesk');
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
