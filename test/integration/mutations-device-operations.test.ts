// Device operations outside the v2 bulk actions, through the real gateway against the simulator: locate,
// profile re-push, both registrations, TeamViewer sessions, ActiveSync partnership actions and user passwords.
// Each: a success, a documented failure, upstream calls by route, the state seen by a follow-up query where the
// read graph shows it, and for the secrets (passcodes, passwords) that the audit trail never holds them.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readActiveSyncAnswer } from '../../src/mutations/activesync-actions.js';
import type { ActiveSyncPartnershipModel } from '../../src/models/device-detail.js';
import { v1DeviceState } from '../../src/simulator/v1/device-state.js';
import { LOCATE_DELAY_MS } from '../../src/simulator/v1/location.js';
import { startStack, type Stack } from '../helpers/stack.js';

let stack: Stack;

interface Result {
  id: string;
  status: string;
  messageKey: string | null;
  message: string;
}
interface Payload {
  results: Result[];
  userErrors: Array<{ code: string; field: string[] | null }>;
  auditId: string | null;
  dryRun: boolean;
  replayed: boolean;
}
interface DeviceRow {
  id: string;
  uuid: string;
  status: string;
  platform: string;
}

const BASE = 'userErrors { code field message } auditId dryRun replayed';

async function devices(as = 'miadmin', filter: Record<string, unknown> = {}): Promise<DeviceRow[]> {
  const response = await stack.gql<{ devices: { nodes: DeviceRow[] } }>(
    'query($filter: DeviceFilter) { devices(first: 200, filter: $filter, source: EPMM) { nodes { id uuid status platform } } }',
    { filter },
    as,
  );
  expect(response.errors).toBeUndefined();
  return response.data!.devices.nodes;
}

async function mutate<T = Payload>(
  field: string,
  inputType: string,
  input: Record<string, unknown>,
  selection: string,
  as = 'miadmin',
) {
  const response = await stack.gql<Record<string, T>>(
    `mutation($input: ${inputType}!) { ${field}(input: $input) { ${selection} } }`,
    { input },
    as,
  );
  return { response, payload: response.data?.[field] as T };
}

async function calls(route: string): Promise<number> {
  return (await stack.upstreamStats()).byRoute[route] ?? 0;
}

const auditText = () => readFileSync(stack.auditLogFile, 'utf8');

function auditEnd(auditId: string): { results: Result[] } {
  const records = auditText()
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { id: string; phase: string; results?: Result[] });
  return records.find((record) => record.id === auditId && record.phase === 'end') as { results: Result[] };
}

beforeAll(async () => {
  stack = await startStack({ devices: 300, seed: 29, env: { MAX_DESTRUCTIVE_ITEMS: '3' } });
});
afterAll(async () => stack.close());
beforeEach(async () => {
  await fetch(`${stack.simulator.url}/__sim/config`, { method: 'POST', body: JSON.stringify({ faults: [] }) });
  await stack.resetUpstreamStats();
});

describe('locateDevice (v1 E19)', () => {
  const LOCATE = `results { id status message device { id } } ${BASE} locations { source vendorSource latitude longitude radius capturedAt } locateNowRequested`;
  type LocatePayload = Payload & {
    locations: Array<{ source: string; latitude: number; radius: number | null; capturedAt: string | null }>;
    locateNowRequested: boolean | null;
  };

  it('requests a fresh fix, answers the last known one, and a later call reads the GPS fix', async () => {
    const device = (await devices('miadmin', { status: ['ACTIVE'], platform: ['ANDROID'] }))[0];
    await stack.resetUpstreamStats();
    const first = await mutate<LocatePayload>(
      'locateDevice',
      'LocateDeviceInput',
      { id: device.id, locateNow: true },
      LOCATE,
    );
    expect(first.payload.results.map((result) => result.status)).toEqual(['SUCCEEDED']);
    expect(first.payload.locateNowRequested).toBe(true);
    expect(first.payload.locations.map((location) => location.source)).toEqual(['CELL']);
    expect(first.payload.auditId).not.toBeNull();
    expect(await calls('GET /api/v1/dm/devices/locate/:uuid')).toBe(1);

    // EPMM's two-step protocol: the fix requested above is readable once the device has answered, LOCATE_DELAY_MS
    // after the request. The simulator's request is dated back by that delay instead of the test waiting it out.
    const state = v1DeviceState(stack.simulator.world.devicesByUuid.get(device.uuid)!);
    expect(state.locateRequestedAt).toBeDefined();
    state.locateRequestedAt! -= LOCATE_DELAY_MS;
    const second = await mutate<LocatePayload>('locateDevice', 'LocateDeviceInput', { id: device.id }, LOCATE);
    expect(second.payload.locateNowRequested).toBe(false);
    expect(second.payload.locations[0].source).toBe('GPS');
    expect(second.payload.locations[0].radius).toBeLessThan(first.payload.locations[0].radius!);
    expect(await calls('GET /api/v1/dm/devices/locate/:uuid')).toBe(2);
  });

  it('fails a retired device (EPMM answers 400), sends nothing on a dry run', async () => {
    const retired = (await devices('miadmin', { status: ['RETIRED'] }))[0];
    await stack.resetUpstreamStats();
    const { payload } = await mutate<LocatePayload>('locateDevice', 'LocateDeviceInput', { id: retired.id }, LOCATE);
    expect(payload.results[0].status).toBe('FAILED');
    expect(payload.locations).toEqual([]);
    expect(await calls('GET /api/v1/dm/devices/locate/:uuid')).toBe(1);

    const dry = await mutate<LocatePayload>(
      'locateDevice',
      'LocateDeviceInput',
      { id: retired.id, dryRun: true },
      LOCATE,
    );
    expect(dry.payload.results[0].status).toBe('DRY_RUN');
    expect(await calls('GET /api/v1/dm/devices/locate/:uuid')).toBe(1);
  });
});

describe('repushProfiles (v1 E29)', () => {
  const PROFILES =
    'query($ids: [ID!]!) { nodes(ids: $ids) { ... on Device { profiles { legacyId type lastUpdatedAt } } } }';
  type ProfileNodes = { nodes: Array<{ profiles: Array<{ legacyId: number; type: string; lastUpdatedAt: string }> }> };
  const securityPolicyAt = (node: ProfileNodes['nodes'][number]) =>
    node.profiles.find((profile) => profile.legacyId === -3 && profile.type === 'POLICY')!.lastUpdatedAt;

  it('re-pushes one profile per device, one call each, and the profile shows the new push time', async () => {
    const targets = (await devices('miadmin', { status: ['ACTIVE'] })).slice(0, 2);
    const ids = targets.map((device) => device.id);
    const before = (await stack.gql<ProfileNodes>(PROFILES, { ids })).data!.nodes;
    await stack.resetUpstreamStats();
    const { payload } = await mutate(
      'repushProfiles',
      'RepushProfilesInput',
      { ids, profile: { legacyId: -3, type: 'POLICY' } },
      `results { id status message } ${BASE}`,
    );
    expect(payload.results.map((result) => result.status)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    expect(await calls('PUT /api/v1/dm/devices/repushprofile/:uuid')).toBe(2);
    const after = (await stack.gql<ProfileNodes>(PROFILES, { ids })).data!.nodes;
    for (const [index, node] of after.entries()) {
      expect(Date.parse(securityPolicyAt(node))).toBeGreaterThan(Date.parse(securityPolicyAt(before[index])));
    }
  });

  it('fails only the device the profile is not applied to (EPMM 404) and still sends the others', async () => {
    // The system MDM configuration (APP -2) exists on Apple devices only.
    const android = (await devices('miadmin', { status: ['ACTIVE'], platform: ['ANDROID'] }))[0];
    const ios = (await devices('miadmin', { status: ['ACTIVE'], platform: ['IOS'] }))[0];
    await stack.resetUpstreamStats();
    const { payload } = await mutate(
      'repushProfiles',
      'RepushProfilesInput',
      { ids: [android.id, ios.id], profile: { legacyId: -2, type: 'APP' } },
      `results { id status message } ${BASE}`,
    );
    expect(payload.results.map((result) => result.status)).toEqual(['FAILED', 'SUCCEEDED']);
    expect(payload.results[0].message).toMatch(/APP profile -2 is not applied/);
    expect(await calls('PUT /api/v1/dm/devices/repushprofile/:uuid')).toBe(2);
  });
});

const REGISTRATION = `results { id status message } ${BASE} registration { passcode passcodeTtlHours registrationUrl email device { id status user { principal } } }`;
type RegistrationPayload = Payload & {
  registration: {
    passcode: string | null;
    passcodeTtlHours: number | null;
    registrationUrl: string | null;
    email: string | null;
    device: { id: string; status: string; user: { principal: string } | null } | null;
  } | null;
};

describe('registerDeviceForUser (v1 E08)', () => {
  const input = {
    userId: 'reg29user',
    platform: 'ANDROID',
    countryCode: 1,
    phoneNumber: '4155550129',
    userFirstName: 'Reg',
    userLastName: 'User',
    userEmailAddress: 'reg29@example.com',
  };

  it('registers, returns the passcode and the new device, replays by key, and never audits the passcode', async () => {
    const { payload } = await mutate<RegistrationPayload>(
      'registerDeviceForUser',
      'RegisterDeviceForUserInput',
      { ...input, idempotencyKey: 'reg-29' },
      REGISTRATION,
    );
    expect(payload.results.map((result) => [result.id, result.status])).toEqual([['reg29user', 'SUCCEEDED']]);
    const registration = payload.registration!;
    expect(registration.passcode).toMatch(/^\d{4,8}$/);
    expect(registration.passcodeTtlHours).toBeGreaterThan(0);
    expect(registration.device).toMatchObject({ status: 'PENDING', user: { principal: 'reg29user' } });
    expect(await calls('PUT /api/v1/dm/register')).toBe(1);

    // A client retry with the same key gets the same registration (passcode included) without a second device.
    const replay = await mutate<RegistrationPayload>(
      'registerDeviceForUser',
      'RegisterDeviceForUserInput',
      { ...input, idempotencyKey: 'reg-29' },
      REGISTRATION,
    );
    expect(replay.payload.replayed).toBe(true);
    expect(replay.payload.registration!.passcode).toBe(registration.passcode);
    expect(await calls('PUT /api/v1/dm/register')).toBe(1);

    const owned = await devices('miadmin', { userPrincipal: 'reg29user' });
    expect(owned.map((device) => device.id)).toEqual([registration.device!.id]);
    expect(auditText()).toContain(payload.auditId!);
    expect(auditText()).not.toContain(registration.passcode!);
  });

  it('reports EPMM refusing an unknown country code as FAILED, and a missing phone number as a userError', async () => {
    const { payload } = await mutate<RegistrationPayload>(
      'registerDeviceForUser',
      'RegisterDeviceForUserInput',
      { ...input, userId: 'reg29other', countryCode: 999 },
      REGISTRATION,
    );
    expect(payload.results[0].status).toBe('FAILED');
    expect(payload.registration).toBeNull();
    expect(await calls('PUT /api/v1/dm/register')).toBe(1);

    const missing = await mutate<RegistrationPayload>(
      'registerDeviceForUser',
      'RegisterDeviceForUserInput',
      { ...input, phoneNumber: null },
      REGISTRATION,
    );
    expect(missing.payload.userErrors.map((error) => error.code)).toEqual(['PHONE_NUMBER_REQUIRED']);
    expect(await calls('PUT /api/v1/dm/register')).toBe(1);
  });
});

describe('registerDevice (v2 V02 self-registration)', () => {
  it("registers a device for the caller's account; the passcode is returned, never audited", async () => {
    const before = await devices('miadmin', { userPrincipal: 'miadmin', status: ['PENDING'] });
    await stack.resetUpstreamStats();
    const { payload } = await mutate<RegistrationPayload>(
      'registerDevice',
      'RegisterDeviceInput',
      { platform: 'IOS', countryCode: 1, operatorId: 269, phoneNumber: '4083338888' },
      REGISTRATION,
    );
    expect(payload.results.map((result) => [result.id, result.status])).toEqual([['miadmin', 'SUCCEEDED']]);
    const registration = payload.registration!;
    expect(registration).toMatchObject({ passcodeTtlHours: 120, email: 'miadmin@example.com', device: null });
    expect(registration.passcode).toMatch(/^\d{6}$/);
    expect(registration.registrationUrl).toMatch(/ios\.html$/);
    expect(await calls('POST /api/v2/users/register_device')).toBe(1);
    expect(auditText()).not.toContain(registration.passcode!);

    const after = await devices('miadmin', { userPrincipal: 'miadmin', status: ['PENDING'] });
    expect(after.length).toBe(before.length + 1);
    expect(
      after.filter((device) => !before.some((old) => old.id === device.id)).map((device) => device.platform),
    ).toEqual(['IOS']);
  });

  it('reports EPMM refusing an unknown country code as FAILED', async () => {
    const { payload } = await mutate<RegistrationPayload>(
      'registerDevice',
      'RegisterDeviceInput',
      { platform: 'IOS', countryCode: 999, operatorId: 269 },
      REGISTRATION,
    );
    expect(payload.results[0].status).toBe('FAILED');
    expect(payload.registration).toBeNull();
    expect(await calls('POST /api/v2/users/register_device')).toBe(1);
  });
});

describe('openRemoteSession (V22)', () => {
  const SESSION = `results { id status messageKey message } ${BASE} session { code state supporterLink endCustomerLink validUntil }`;
  type SessionPayload = Payload & {
    session: {
      code: string;
      state: string;
      supporterLink: string;
      endCustomerLink: string;
      validUntil: string | null;
    } | null;
  };

  it("opens a session on the route of the device's platform and returns the links", async () => {
    const android = (await devices('miadmin', { status: ['ACTIVE'], platform: ['ANDROID'] }))[0];
    await stack.resetUpstreamStats();
    const { payload } = await mutate<SessionPayload>(
      'openRemoteSession',
      'OpenRemoteSessionInput',
      { id: android.id },
      SESSION,
    );
    expect(payload.results[0]).toMatchObject({
      status: 'SUCCEEDED',
      messageKey: 'com.mobileiron.vsp.messages.teamviewer.create.session',
    });
    expect(payload.session!.state).toBe('Open');
    expect(payload.session!.supporterLink.startsWith(`${payload.session!.endCustomerLink}-`)).toBe(true);
    expect(Date.parse(payload.session!.validUntil!)).toBeGreaterThan(0);
    expect(await calls('POST /msa/v2/remote/create_teamviewer_session_android')).toBe(1);
    expect(await calls('POST /msa/v2/remote/create_teamviewer_session_ios')).toBe(0);
  });

  it('answers NOT_SUPPORTED for other platforms without a call, and FAILED when EPMM refuses a retired device', async () => {
    const desktop = (await devices('miadmin', { platform: ['MACOS', 'WINDOWS'] }))[0];
    const retiredIos = (await devices('miadmin', { status: ['RETIRED'], platform: ['IOS'] }))[0];
    await stack.resetUpstreamStats();
    const unsupported = await mutate<SessionPayload>(
      'openRemoteSession',
      'OpenRemoteSessionInput',
      { id: desktop.id },
      SESSION,
    );
    expect(unsupported.payload.results[0].status).toBe('NOT_SUPPORTED');
    expect(await calls('POST /msa/v2/remote/create_teamviewer_session_android')).toBe(0);
    expect(await calls('POST /msa/v2/remote/create_teamviewer_session_ios')).toBe(0);

    const refused = await mutate<SessionPayload>(
      'openRemoteSession',
      'OpenRemoteSessionInput',
      { id: retiredIos.id },
      SESSION,
    );
    expect(refused.payload.results[0]).toMatchObject({
      status: 'FAILED',
      messageKey: 'com.mobileiron.vsp.messages.teamviewer.device.state',
    });
    expect(refused.payload.session).toBeNull();
    expect(await calls('POST /msa/v2/remote/create_teamviewer_session_ios')).toBe(1);
  });
});

describe('ActiveSync partnership actions (v1 E32)', () => {
  const ACTION = `results { id status message partnership { easUuid access } } ${BASE}`;
  type EasPayload = Omit<Payload, 'results'> & {
    results: Array<Result & { partnership: { easUuid: string; access: string } | null }>;
  };
  const PARTNERSHIPS = 'query { devices(first: 200, source: EPMM) { nodes { id activeSync { easUuid access } } } }';

  async function partnerships(): Promise<Array<{ easUuid: string; access: string }>> {
    const response = await stack.gql<{
      devices: { nodes: Array<{ activeSync: Array<{ easUuid: string; access: string }> | null }> };
    }>(PARTNERSHIPS);
    expect(response.errors).toBeUndefined();
    return response.data!.devices.nodes.flatMap((node) => node.activeSync ?? []);
  }
  const accessOf = async (easUuid: string) =>
    (await partnerships()).find((partnership) => partnership.easUuid === easUuid)?.access;

  it('blocks and reinstates by easUuid, one call each, and Device.activeSync shows the new access', async () => {
    const allowed = (await partnerships()).filter((partnership) => partnership.access === 'ALLOWED').slice(0, 2);
    expect(allowed).toHaveLength(2);
    await stack.resetUpstreamStats();
    const blocked = await mutate<EasPayload>(
      'blockActiveSyncDevices',
      'ActiveSyncActionInput',
      { easUuids: allowed.map((p) => p.easUuid) },
      ACTION,
    );
    expect(blocked.payload.results.map((result) => [result.status, result.partnership?.access])).toEqual([
      ['SUCCEEDED', 'BLOCKED'],
      ['SUCCEEDED', 'BLOCKED'],
    ]);
    expect(await calls('PUT /api/v1/eas/devices')).toBe(1);
    expect(await accessOf(allowed[0].easUuid)).toBe('BLOCKED');

    // Already blocked: reported, not sent again; an unknown easUuid is NOT_FOUND.
    await stack.resetUpstreamStats();
    const again = await mutate<EasPayload>(
      'blockActiveSyncDevices',
      'ActiveSyncActionInput',
      { easUuids: [allowed[0].easUuid, 'no-such-eas-uuid'] },
      ACTION,
    );
    expect(again.payload.results.map((result) => result.status)).toEqual(['SKIPPED', 'NOT_FOUND']);
    expect(await calls('PUT /api/v1/eas/devices')).toBe(0);

    const reinstated = await mutate<EasPayload>(
      'reinstateActiveSyncDevices',
      'ActiveSyncActionInput',
      { easUuids: [allowed[0].easUuid] },
      ACTION,
    );
    expect(reinstated.payload.results[0]).toMatchObject({ status: 'SUCCEEDED', partnership: { access: 'ALLOWED' } });
    expect(await accessOf(allowed[0].easUuid)).toBe('ALLOWED');
    expect(await calls('PUT /api/v1/eas/devices')).toBe(1);
  });

  it('wipe is destructive: FORBIDDEN for helpdesk, needs a note, capped, then WIPED', async () => {
    const [target] = (await partnerships()).filter((partnership) => partnership.access === 'ALLOWED');
    await stack.resetUpstreamStats();
    const helpdesk = await mutate<EasPayload>(
      'wipeActiveSyncDevices',
      'WipeActiveSyncDevicesInput',
      { easUuids: [target.easUuid], note: 'stolen' },
      ACTION,
      'helpdesk',
    );
    expect(helpdesk.payload.results[0].status).toBe('FORBIDDEN');
    const blank = await mutate<EasPayload>(
      'wipeActiveSyncDevices',
      'WipeActiveSyncDevicesInput',
      { easUuids: [target.easUuid], note: ' ' },
      ACTION,
    );
    expect(blank.payload.userErrors.map((error) => error.code)).toEqual(['NOTE_REQUIRED']);
    const many = await mutate<EasPayload>(
      'wipeActiveSyncDevices',
      'WipeActiveSyncDevicesInput',
      { easUuids: ['a', 'b', 'c', 'd'], note: 'fleet' },
      ACTION,
    );
    expect(many.payload.userErrors.map((error) => error.code)).toEqual(['TOO_MANY_ITEMS']);
    expect(await calls('PUT /api/v1/eas/devices')).toBe(0);

    const wiped = await mutate<EasPayload>(
      'wipeActiveSyncDevices',
      'WipeActiveSyncDevicesInput',
      { easUuids: [target.easUuid], note: 'lost phone, ticket 29' },
      ACTION,
    );
    expect(wiped.payload.results[0]).toMatchObject({ status: 'SUCCEEDED', partnership: { access: 'WIPED' } });
    expect(await calls('PUT /api/v1/eas/devices')).toBe(1);
    expect(await accessOf(target.easUuid)).toBe('WIPED');
  });

  it('reports an upstream 503 as FAILED for the chunk, without a retry', async () => {
    const [target] = (await partnerships()).filter((partnership) => partnership.access === 'ALLOWED');
    await fetch(`${stack.simulator.url}/__sim/config`, {
      method: 'POST',
      body: JSON.stringify({ faults: [{ route: 'PUT /api/v1/eas/devices', status: 503, times: 1 }] }),
    });
    await stack.resetUpstreamStats();
    const { payload } = await mutate<EasPayload>(
      'blockActiveSyncDevices',
      'ActiveSyncActionInput',
      { easUuids: [target.easUuid] },
      ACTION,
    );
    expect(payload.results[0]).toMatchObject({ status: 'FAILED', partnership: { access: 'ALLOWED' } });
    expect(await calls('PUT /api/v1/eas/devices')).toBe(1);
    expect(auditEnd(payload.auditId!).results.map((result) => result.status)).toEqual(['FAILED']);
  });

  it('reads a count short of the uuids sent per partnership, from the list re-read after the call', async () => {
    const listed = (easUuid: string, access: ActiveSyncPartnershipModel['access']) =>
      ({ easUuid, access }) as ActiveSyncPartnershipModel;
    let reads = 0;
    const after = async () => {
      reads += 1;
      return [listed('A', 'BLOCKED'), listed('B', 'ALLOWED')];
    };
    const full = await readActiveSyncAnswer(
      ['A', 'B'],
      '2 device(s) modified to BLOCK_DEVICE status',
      'BLOCK_DEVICE',
      after,
    );
    expect([...full.values()].map((item) => item.status)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    expect(reads).toBe(0);
    const partial = await readActiveSyncAnswer(
      ['A', 'B', 'C'],
      '1 device(s) modified to BLOCK_DEVICE status',
      'BLOCK_DEVICE',
      after,
    );
    expect([...partial.values()].map((item) => item.status)).toEqual(['SUCCEEDED', 'FAILED', 'FAILED']);
    const uncounted = await readActiveSyncAnswer(['A', 'B'], 'Done', 'BLOCK_DEVICE', after);
    expect([...uncounted.values()].map((item) => item.status)).toEqual(['SUCCEEDED', 'UNCONFIRMED']);
    expect(reads).toBe(2);
  });
});

describe('updateUserPassword (v1 E33)', () => {
  const ITEMS = `results { id status message } ${BASE}`;
  const FIRST = 'N3w-pass!29a';
  const SECOND = 'Th1rd-pass?29';

  async function someUser(): Promise<string> {
    const response = await stack.gql<{ users: { nodes: Array<{ principal: string }> } }>(
      '{ users(first: 5) { nodes { principal } } }',
    );
    return response.data!.users.nodes.map((user) => user.principal).find((principal) => principal !== 'reg29user')!;
  }

  it('changes the password (the new one then works as the old one), records only the user name', async () => {
    const user = await someUser();
    await stack.resetUpstreamStats();
    // The simulator starts every user with the user id as password, as E08 does for local users.
    const { payload } = await mutate(
      'updateUserPassword',
      'UpdateUserPasswordInput',
      { userName: user, oldPassword: user, newPassword: FIRST, idempotencyKey: 'pw-29' },
      ITEMS,
    );
    expect(payload.results).toMatchObject([
      { id: user, status: 'SUCCEEDED', message: `Password changed successfully for user: ${user}` },
    ]);
    expect(await calls('PUT /api/v1/sm/authentication/users/:userName')).toBe(1);

    // The same key with other passwords is refused, although the audit input (the user name) is the same.
    const reused = await mutate(
      'updateUserPassword',
      'UpdateUserPasswordInput',
      { userName: user, oldPassword: user, newPassword: SECOND, idempotencyKey: 'pw-29' },
      ITEMS,
    );
    expect(reused.response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(reused.response)).not.toContain(SECOND);

    const next = await mutate(
      'updateUserPassword',
      'UpdateUserPasswordInput',
      { userName: user, oldPassword: FIRST, newPassword: SECOND },
      ITEMS,
    );
    expect(next.payload.results[0].status).toBe('SUCCEEDED');
    expect(await calls('PUT /api/v1/sm/authentication/users/:userName')).toBe(2);
    const audit = auditText();
    expect(audit).toContain(payload.auditId!);
    for (const secret of [FIRST, SECOND]) expect(audit).not.toContain(secret);
  });

  it('reports a wrong old password as FAILED without echoing it; refuses short passwords and non-admins unsent', async () => {
    const user = await someUser();
    await stack.resetUpstreamStats();
    const wrong = await mutate(
      'updateUserPassword',
      'UpdateUserPasswordInput',
      { userName: user, oldPassword: 'Wr0ng-old-pw29', newPassword: 'An0ther-pw-29' },
      ITEMS,
    );
    expect(wrong.payload.results[0].status).toBe('FAILED');
    expect(JSON.stringify(wrong.payload)).not.toContain('Wr0ng-old-pw29');
    expect(await calls('PUT /api/v1/sm/authentication/users/:userName')).toBe(1);
    expect(auditText()).not.toContain('Wr0ng-old-pw29');
    expect(auditText()).not.toContain('An0ther-pw-29');

    const short = await mutate(
      'updateUserPassword',
      'UpdateUserPasswordInput',
      { userName: user, newPassword: 'short' },
      ITEMS,
    );
    expect(short.payload.userErrors.map((error) => error.code)).toEqual(['PASSWORD_LENGTH']);
    const helpdesk = await mutate(
      'updateUserPassword',
      'UpdateUserPasswordInput',
      { userName: user, oldPassword: user, newPassword: 'H3lpdesk-pw-29' },
      ITEMS,
      'helpdesk',
    );
    expect(helpdesk.payload.results[0].status).toBe('FORBIDDEN');
    const unknown = await mutate(
      'updateUserPassword',
      'UpdateUserPasswordInput',
      { userName: 'nobody-29', oldPassword: 'x', newPassword: 'Unkn0wn-pw-29' },
      ITEMS,
    );
    expect(unknown.payload.results[0].status).toBe('NOT_FOUND');
    expect(await calls('PUT /api/v1/sm/authentication/users/:userName')).toBe(1);
  });
});
