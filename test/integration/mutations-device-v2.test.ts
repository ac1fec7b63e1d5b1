// The EPMM v2 device mutations through the real gateway against the simulator: unlock, retire (with
// RETIRE_PENDING and force), delete, messages, labels, compliance checks, the generic V03 action and wake-up.
// Each test asserts the per-device statuses, the upstream calls by route, and the state a follow-up query sees.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeId } from '../../src/ids.js';
import { startStack, type Stack } from '../helpers/stack.js';

let stack: Stack;

interface Result {
  id: string;
  status: string;
  messageKey: string | null;
  message: string;
  device: { status: string } | null;
}
interface ActionPayload {
  results: Result[];
  userErrors: Array<{ code: string; field: string[] | null; message: string }>;
  auditId: string | null;
  dryRun: boolean;
  replayed: boolean;
}
interface FleetDevice {
  id: string;
  uuid: string;
  status: string;
  platform: string;
  noncomplianceReasons: string[];
}

const PAYLOAD =
  'results { id status messageKey message device { status } } userErrors { code field message } auditId dryRun replayed';
const INPUT_TYPES: Record<string, string> = {
  lockDevices: 'DeviceActionInput',
  unlockDevices: 'DeviceActionInput',
  wakeUpDevices: 'DeviceActionInput',
  retireDevices: 'RetireDevicesInput',
  deleteDevices: 'DeleteDevicesInput',
  sendMessageToDevices: 'SendMessageToDevicesInput',
  applyLabelsToDevices: 'DeviceLabelsInput',
  removeLabelsFromDevices: 'DeviceLabelsInput',
  checkDevicesCompliance: 'CheckDevicesComplianceInput',
  performDeviceAction: 'PerformDeviceActionInput',
};
const SUCCESS_KEY = 'com.mobileiron.vsp.messages.device.action.successful';
const DAY = 24 * 3_600_000;

async function act(mutation: string, input: Record<string, unknown>, as = 'miadmin'): Promise<ActionPayload> {
  const response = await stack.gql<Record<string, ActionPayload>>(
    `mutation($input: ${INPUT_TYPES[mutation]}!) { ${mutation}(input: $input) { ${PAYLOAD} } }`,
    { input },
    as,
  );
  expect(response.errors).toBeUndefined();
  return response.data![mutation];
}

/** Upstream calls since the last reset, by route; routes not called are left out. */
async function calls(): Promise<Record<string, number>> {
  return (await stack.upstreamStats()).byRoute;
}

/** The state-changing calls only (reads before and after an action are the loaders' business). */
async function writes(): Promise<Record<string, number>> {
  return Object.fromEntries(
    Object.entries(await calls()).filter(([route]) => !route.startsWith('GET ') && route !== 'POST /api/v2/devices'),
  );
}

async function devicesNow(ids: string[]): Promise<Array<FleetDevice | null>> {
  const response = await stack.gql<{ nodes: Array<FleetDevice | null> }>(
    'query($ids: [ID!]!) { nodes(ids: $ids) { ... on Device { id uuid status platform noncomplianceReasons } } }',
    { ids },
  );
  expect(response.errors).toBeUndefined();
  return response.data!.nodes;
}

// Each test takes its own devices from one fleet read, so that no test depends on another's changes.
let pool: FleetDevice[] = [];
function take(predicate: (device: FleetDevice) => boolean): FleetDevice {
  const index = pool.findIndex(predicate);
  if (index < 0) throw new Error('the seeded fleet has no such device left');
  return pool.splice(index, 1)[0];
}
const activeReachable = (device: FleetDevice) =>
  device.status === 'ACTIVE' && !device.noncomplianceReasons.includes('OUT_OF_CONTACT');
const outOfContact = (device: FleetDevice) =>
  device.status === 'ACTIVE' && device.noncomplianceReasons.includes('OUT_OF_CONTACT');
const retired = (device: FleetDevice) => device.status === 'RETIRED';

beforeAll(async () => {
  stack = await startStack({ devices: 300, seed: 23 });
  const response = await stack.gql<{ devices: { nodes: FleetDevice[] } }>(
    '{ devices(first: 200, source: EPMM) { nodes { id uuid status platform noncomplianceReasons } } }',
  );
  expect(response.errors).toBeUndefined();
  pool = response.data!.devices.nodes;
});
afterAll(async () => stack.close());
beforeEach(async () => stack.resetUpstreamStats());

describe('unlockDevices (V20)', () => {
  it("unlocks a locked device and reports EPMM's refusal for a retired one, in one call", async () => {
    const device = take(activeReachable);
    const gone = take(retired);
    await act('lockDevices', { ids: [device.id] });
    expect((await devicesNow([device.id]))[0]!.status).toBe('LOCKED');
    await stack.resetUpstreamStats();

    const payload = await act('unlockDevices', { ids: [device.id, gone.id], note: 'found again' });
    expect(payload.results.map((result) => [result.id, result.status, result.messageKey])).toEqual([
      [device.id, 'SUCCEEDED', SUCCESS_KEY],
      [gone.id, 'FAILED', null],
    ]);
    expect(payload.results[1].message).toBe('Action not allowed for a device in state RETIRED');
    expect(payload.results[0].device).toEqual({ status: 'ACTIVE' });
    expect(await writes()).toEqual({ 'PUT /api/v2/devices/unlock': 1 });
    expect((await devicesNow([device.id, gone.id])).map((node) => node!.status)).toEqual(['ACTIVE', 'RETIRED']);
  });
});

describe('retireDevices (V21, destructive)', () => {
  it('retires a reachable device at once, and skips an already retired one without sending it', async () => {
    const device = take(activeReachable);
    const gone = take(retired);
    const payload = await act('retireDevices', { ids: [gone.id, device.id], note: 'left the company' });
    expect(payload.results.map((result) => [result.status, result.message])).toEqual([
      ['SKIPPED', 'The device is already retired.'],
      ['SUCCEEDED', 'The MDM accepted the action for this device.'],
    ]);
    expect(payload.results[1].device).toEqual({ status: 'RETIRED' });
    expect(payload.auditId).not.toBeNull();
    expect(await writes()).toEqual({ 'PUT /api/v2/devices/retire': 1 });
    expect((await devicesNow([device.id]))[0]!.status).toBe('RETIRED');

    // Only retired devices in the request: nothing is sent at all.
    await stack.resetUpstreamStats();
    const again = await act('retireDevices', { ids: [device.id], note: 'twice' });
    expect(again.results.map((result) => result.status)).toEqual(['SKIPPED']);
    expect(await writes()).toEqual({});
  });

  it('an out-of-contact device stays RETIRE_PENDING; retiring it again fails until forced', async () => {
    const device = take(outOfContact);
    const first = await act('retireDevices', { ids: [device.id], note: 'lost phone' });
    // EPMM accepts the command; the device cannot acknowledge it while out of contact.
    expect(first.results[0]).toMatchObject({ status: 'SUCCEEDED', device: { status: 'RETIRE_PENDING' } });

    const unforced = await act('retireDevices', { ids: [device.id], note: 'lost phone, again' });
    expect(unforced.results[0]).toMatchObject({
      status: 'FAILED',
      messageKey: null,
      message: 'Device is pending retirement. Use isActionForced to force retirement',
    });
    expect((await devicesNow([device.id]))[0]!.status).toBe('RETIRE_PENDING');

    const forced = await act('retireDevices', { ids: [device.id], note: 'lost phone, forced', force: true });
    expect(forced.results[0]).toMatchObject({ status: 'SUCCEEDED', device: { status: 'RETIRED' } });
    expect(await writes()).toEqual({ 'PUT /api/v2/devices/retire': 3 });
    expect((await devicesNow([device.id]))[0]!.status).toBe('RETIRED');
  });
});

describe('deleteDevices (V05, destructive)', () => {
  it('skips a device that is not retired and sends nothing for it', async () => {
    const device = take(activeReachable);
    const payload = await act('deleteDevices', { ids: [device.id], note: 'cleanup' });
    expect(payload.results[0]).toMatchObject({
      status: 'SKIPPED',
      message: 'Only retired devices can be deleted; this one is ACTIVE.',
    });
    expect(await writes()).toEqual({});
    expect((await devicesNow([device.id]))[0]!.status).toBe('ACTIVE');
  });

  it('retired then deleted: EPMM keeps it for a day, then deletes it and it is gone from `nodes`', async () => {
    const device = take(activeReachable);
    const old = take(retired);
    await act('retireDevices', { ids: [device.id], note: 'decommissioned' });
    await stack.resetUpstreamStats();

    // Just retired: modified within the last day, which EPMM silently keeps.
    const early = await act('deleteDevices', { ids: [device.id], note: 'cleanup' });
    expect(early.results[0].status).toBe('FAILED');
    expect(early.results[0].message).toContain('not modified for a day');
    expect(await writes()).toEqual({ 'DELETE /api/v2/devices': 1 });
    expect((await devicesNow([device.id]))[0]!.status).toBe('RETIRED');

    // A day later (the simulator's clock for this rule is the device's modification time).
    stack.simulator.world.devicesByUuid.get(device.uuid)!.modifiedAt -= DAY;
    await stack.resetUpstreamStats();
    const payload = await act('deleteDevices', { ids: [device.id, old.id], note: 'cleanup' });
    expect(payload.results.map((result) => [result.id, result.status, result.device])).toEqual([
      [device.id, 'SUCCEEDED', null],
      [old.id, 'SUCCEEDED', null],
    ]);
    expect(await writes()).toEqual({ 'DELETE /api/v2/devices': 1 });
    expect(await devicesNow([device.id, old.id])).toEqual([null, null]);
  });
});

describe('sendMessageToDevices (V15)', () => {
  it('sends push, SMS and e-mail, one call each', async () => {
    const device = take(activeReachable);
    for (const message of [
      { mode: 'PUSH', text: 'Please update iOS.' },
      { mode: 'SMS', text: 'Your device is out of policy.' },
      { mode: 'EMAIL', text: 'Data roaming is expensive.', subject: 'About data roaming' },
    ]) {
      const payload = await act('sendMessageToDevices', { ids: [device.id], message, note: `by ${message.mode}` });
      expect(payload.results.map((result) => [result.status, result.messageKey])).toEqual([['SUCCEEDED', SUCCESS_KEY]]);
      expect(payload.userErrors).toEqual([]);
    }
    expect(await writes()).toEqual({ 'PUT /api/v2/devices/sendmessage': 3 });
    // A message changes nothing on the device.
    expect((await devicesNow([device.id]))[0]!.status).toBe('ACTIVE');
  });

  it('an e-mail without a subject is a SUBJECT_REQUIRED userError and nothing is sent', async () => {
    const device = take(activeReachable);
    const payload = await act('sendMessageToDevices', {
      ids: [device.id],
      message: { mode: 'EMAIL', text: 'no subject' },
    });
    expect(payload.userErrors.map((error) => [error.code, error.field])).toEqual([
      ['SUBJECT_REQUIRED', ['input', 'message', 'subject']],
    ]);
    expect(payload.results.map((result) => result.status)).toEqual(['SKIPPED']);
    expect(payload.auditId).toBeNull();
    expect(await writes()).toEqual({});
  });
});

describe('applyLabelsToDevices / removeLabelsFromDevices (V16, V17)', () => {
  interface LabelNode {
    id: string;
    legacyId: number;
    name: string;
    static: boolean | null;
    builtIn: boolean;
    deviceCount: number;
  }
  const labelsOf = async (ids: string[]) => {
    const response = await stack.gql<{ nodes: Array<{ labels: Array<{ name: string }> }> }>(
      'query($ids: [ID!]!) { nodes(ids: $ids) { ... on Device { labels { name } } } }',
      { ids },
    );
    expect(response.errors).toBeUndefined();
    return response.data!.nodes.map((node) => node.labels.map((label) => label.name));
  };
  const label = async (name: string): Promise<LabelNode> => {
    const response = await stack.gql<{ labels: { nodes: LabelNode[] } }>(
      'query($s: String) { labels(first: 50, search: $s) { nodes { id legacyId name static builtIn deviceCount } } }',
      { s: name },
    );
    expect(response.errors).toBeUndefined();
    return response.data!.labels.nodes.find((node) => node.name === name)!;
  };

  it('applies and removes a static label; the next query sees the membership and the count at once', async () => {
    const lost = await label('Lost-Devices');
    const devices = [take(activeReachable), take(activeReachable)];
    const ids = devices.map((device) => device.id);
    // Warm the caches first (V25 per device, the E22 label list): what follows proves the action invalidated them.
    const before = await labelsOf(ids);
    expect(before.some((names) => names.includes('Lost-Devices'))).toBe(false);
    expect(await labelsOf(ids)).toEqual(before);
    expect((await calls())['GET /api/v2/devices/:uuid/labels']).toBe(2);
    await stack.resetUpstreamStats();

    const applied = await act('applyLabelsToDevices', { ids, labelIds: [lost.id], note: 'reported lost' });
    expect(applied.results.map((result) => [result.status, result.messageKey])).toEqual([
      ['SUCCEEDED', SUCCESS_KEY],
      ['SUCCEEDED', SUCCESS_KEY],
    ]);
    expect(await writes()).toEqual({ 'PUT /api/v2/devices/labels/:labelNames/add': 1 });
    const afterApply = await labelsOf(ids);
    expect(afterApply.map((names) => names.includes('Lost-Devices'))).toEqual([true, true]);
    expect((await label('Lost-Devices')).deviceCount).toBe(lost.deviceCount + 2);

    await stack.resetUpstreamStats();
    const removed = await act('removeLabelsFromDevices', { ids, labelIds: [lost.id] });
    expect(removed.results.map((result) => result.status)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    expect(await writes()).toEqual({ 'PUT /api/v2/devices/labels/:labelNames/remove': 1 });
    expect(await labelsOf(ids)).toEqual(before);
    expect((await label('Lost-Devices')).deviceCount).toBe(lost.deviceCount);
  });

  it('refuses a dynamic label (LABEL_NOT_STATIC) and an unknown one (LABEL_NOT_FOUND) before sending', async () => {
    const dynamic = await label('All-Smartphones');
    expect(dynamic.builtIn).toBe(true);
    const device = take(activeReachable);
    const unknown = encodeId('Label', 'EPMM', '9999');
    const payload = await act('applyLabelsToDevices', { ids: [device.id], labelIds: [dynamic.id, unknown] });
    expect(payload.userErrors.map((error) => [error.code, error.field])).toEqual([
      ['LABEL_NOT_STATIC', ['input', 'labelIds', '0']],
      ['LABEL_NOT_FOUND', ['input', 'labelIds', '1']],
    ]);
    expect(payload.results.map((result) => result.status)).toEqual(['SKIPPED']);
    const removal = await act('removeLabelsFromDevices', { ids: [device.id], labelIds: [unknown] });
    expect(removal.userErrors.map((error) => error.code)).toEqual(['LABEL_NOT_FOUND']);
    expect(await writes()).toEqual({});
  });
});

describe('checkDevicesCompliance (V23)', () => {
  it('checks the devices named: a reachable one succeeds, a retired one fails, one call', async () => {
    const device = take(activeReachable);
    const gone = take(retired);
    const payload = await act('checkDevicesCompliance', { ids: [device.id, gone.id] });
    expect(payload.results.map((result) => [result.id, result.status])).toEqual([
      [device.id, 'SUCCEEDED'],
      [gone.id, 'FAILED'],
    ]);
    expect(payload.results[1].message).toBe('Action not allowed for a device in state RETIRED');
    expect(await writes()).toEqual({ 'PUT /api/v2/devices/checkcompliance': 1 });
  });

  it('allDevices checks the whole space in one call, reported as one item', async () => {
    const payload = await act('checkDevicesCompliance', { allDevices: true, note: 'quarterly' });
    expect(payload.results.map((result) => [result.id, result.status, result.device])).toEqual([
      ['allDevices', 'SUCCEEDED', null],
    ]);
    expect(await writes()).toEqual({ 'PUT /api/v2/devices/checkcompliance': 1 });
    const log = await stack.gql<{ auditLog: { nodes: Array<{ id: string; items: string[]; finished: boolean }> } }>(
      '{ auditLog(first: 1, filter: { operation: "checkDevicesCompliance" }) { nodes { id items finished } } }',
    );
    expect(log.data!.auditLog.nodes[0]).toEqual({ id: payload.auditId, items: ['allDevices'], finished: true });
  });

  it('ids and allDevices together are malformed input (BAD_USER_INPUT at input.allDevices), nothing sent', async () => {
    const device = take(activeReachable);
    const response = await stack.gql(
      'mutation($input: CheckDevicesComplianceInput!) { checkDevicesCompliance(input: $input) { userErrors { code } } }',
      { input: { ids: [device.id], allDevices: true } },
    );
    expect(response.data).toBeNull();
    expect(response.errors?.map((error) => [error.extensions?.code, error.extensions?.field])).toEqual([
      ['BAD_USER_INPUT', ['input', 'allDevices']],
    ]);
    expect(await writes()).toEqual({});
  });
});

describe('performDeviceAction (V03)', () => {
  it("an iOS-only action fails on an Android device with EPMM's message and succeeds on an iPhone", async () => {
    const android = take((device) => activeReachable(device) && device.platform === 'ANDROID');
    const iphone = take((device) => activeReachable(device) && device.platform === 'IOS');
    const payload = await act('performDeviceAction', {
      ids: [android.id, iphone.id],
      action: 'ENABLE_VOICE_ROAMING',
      note: 'travelling',
    });
    expect(payload.results.map((result) => [result.status, result.message])).toEqual([
      ['FAILED', 'Action not supported for platform Android'],
      ['SUCCEEDED', 'The MDM accepted the action for this device.'],
    ]);
    expect(await writes()).toEqual({ 'POST /api/v2/devices/action': 1 });
  });

  it('UNLOCK_DEVICE_ONLY unlocks: the next query sees ACTIVE', async () => {
    const device = take((candidate) => activeReachable(candidate) && candidate.platform === 'ANDROID');
    await act('lockDevices', { ids: [device.id] });
    await stack.resetUpstreamStats();
    const payload = await act('performDeviceAction', {
      ids: [device.id],
      action: 'UNLOCK_DEVICE_ONLY',
      note: 'user verified',
    });
    expect(payload.results[0]).toMatchObject({ status: 'SUCCEEDED', device: { status: 'ACTIVE' } });
    expect(await writes()).toEqual({ 'POST /api/v2/devices/action': 1 });
    expect((await devicesNow([device.id]))[0]!.status).toBe('ACTIVE');
  });

  it('SEND_MESSAGE needs a message with a subject in every mode (V03), checked before sending', async () => {
    const device = take((candidate) => activeReachable(candidate) && candidate.platform === 'IOS');
    const none = await act('performDeviceAction', { ids: [device.id], action: 'SEND_MESSAGE', note: 'policy' });
    expect(none.userErrors.map((error) => [error.code, error.field])).toEqual([
      ['MESSAGE_REQUIRED', ['input', 'message']],
    ]);
    const noSubject = await act('performDeviceAction', {
      ids: [device.id],
      action: 'SEND_MESSAGE',
      note: 'policy',
      message: { mode: 'PUSH', text: 'hi' },
    });
    expect(noSubject.userErrors.map((error) => [error.code, error.field])).toEqual([
      ['SUBJECT_REQUIRED', ['input', 'message', 'subject']],
    ]);
    expect(noSubject.results.map((result) => result.status)).toEqual(['SKIPPED']);
    expect(await writes()).toEqual({});
    const sent = await act('performDeviceAction', {
      ids: [device.id],
      action: 'SEND_MESSAGE',
      note: 'policy',
      message: { mode: 'PUSH', text: 'hi', subject: 'Policy' },
    });
    expect(sent.results.map((result) => result.status)).toEqual(['SUCCEEDED']);
    expect(await writes()).toEqual({ 'POST /api/v2/devices/action': 1 });
  });

  it('a blank or too long note is a userError (EPMM wants 1-200 characters); an absent one a schema error', async () => {
    const device = take((candidate) => activeReachable(candidate) && candidate.platform === 'IOS');
    const blank = await act('performDeviceAction', { ids: [device.id], action: 'UPDATE_OS', note: '   ' });
    expect(blank.userErrors.map((error) => [error.code, error.field])).toEqual([['NOTE_REQUIRED', ['input', 'note']]]);
    const long = await act('performDeviceAction', {
      ids: [device.id],
      action: 'UPDATE_OS',
      note: `${'x'.repeat(199)}  `,
    });
    expect(long.userErrors.map((error) => error.code)).toEqual(['NOTE_TOO_LONG']);
    expect(long.results.map((result) => result.status)).toEqual(['SKIPPED']);
    const absent = await stack.gql(
      `mutation { performDeviceAction(input: { ids: ["${device.id}"], action: UPDATE_OS }) { ${PAYLOAD} } }`,
    );
    expect(absent.errors?.length).toBe(1);
    expect(await writes()).toEqual({});
  });
});

describe('wakeUpDevices (V14)', () => {
  it('an out-of-contact device checks in, a RETIRE_PENDING one finishes retiring, a retired one fails', async () => {
    const sleepy = take(outOfContact);
    const pending = take(outOfContact);
    const gone = take(retired);
    await act('retireDevices', { ids: [pending.id], note: 'stolen' });
    expect((await devicesNow([pending.id]))[0]!.status).toBe('RETIRE_PENDING');
    await stack.resetUpstreamStats();

    const payload = await act('wakeUpDevices', { ids: [sleepy.id, pending.id, gone.id] });
    expect(payload.results.map((result) => [result.status, result.device?.status])).toEqual([
      ['SUCCEEDED', 'ACTIVE'],
      ['SUCCEEDED', 'RETIRED'],
      ['FAILED', 'RETIRED'],
    ]);
    expect(await writes()).toEqual({ 'PUT /api/v2/devices/wakeup': 1 });
    const [woken, finished] = await devicesNow([sleepy.id, pending.id]);
    expect(woken!.noncomplianceReasons).not.toContain('OUT_OF_CONTACT');
    expect(finished!.status).toBe('RETIRED');
  });
});
