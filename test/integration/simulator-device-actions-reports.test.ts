// V02, V04, V11, V12, V13, V22 and V24 through the typed client against the simulator: success, the documented
// quirks and failures, and agreement with the device rows the search (V01) returns.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EpmmClient, type EpmmCaller } from '../../src/upstream/epmm/client.js';
import { EpmmV2DevicesClient } from '../../src/upstream/epmm/v2-devices-client.js';
import { UpstreamHttp } from '../../src/upstream/http.js';
import type { SimDevice } from '../../src/simulator/fleet/types.js';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server.js';
import { adminCredential } from '../helpers/credentials.js';

let simulator: RunningSimulator;
let http: UpstreamHttp;
let actions: EpmmV2DevicesClient;
let search: EpmmClient;
const as = (name: string, adminDeviceSpaceId = 1): EpmmCaller => ({
  credential: adminCredential(name),
  adminDeviceSpaceId,
});
const miadmin = as('miadmin');
const basic = (name: string) => `Basic ${Buffer.from(`${name}:${name}`).toString('base64')}`;

beforeAll(async () => {
  simulator = await startSimulator({ devices: 200, seed: 29 });
  http = new UpstreamHttp('EPMM', simulator.url, { connections: 4, timeoutMs: 5000 });
  actions = new EpmmV2DevicesClient(http);
  search = new EpmmClient(http);
});
afterAll(async () => {
  await http.close();
  await simulator.close();
});

const find = (predicate: (device: SimDevice) => boolean): SimDevice => {
  const device = simulator.world.devices.find(predicate);
  if (!device) throw new Error('no such device in the test fleet');
  return device;
};

describe('V04 export', () => {
  it('CSV with the columns of the groups, rows as the search finds them, the documented headers', async () => {
    const table = await actions.exportDevices(miadmin, {
      query: '"common.platform" = "Android"',
      fieldGroups: ['BASIC', 'USER'],
      limit: 50,
      offset: 0,
    });
    expect(table.columns.slice(0, 6)).toEqual([
      'common.uuid',
      'common.platform',
      'common.model',
      'common.status',
      'common.last_connected_at',
      'user.user_id',
    ]);
    expect(table.columns).toContain('user.display_name');
    const found = await search.searchDevices(miadmin, {
      query: '"common.platform" = "Android"',
      fields: ['common.uuid'],
      limit: 50,
      offset: 0,
    });
    expect(table.rows.map((row) => row['common.uuid'])).toEqual(found.results.map((row) => row['common.uuid']));
    const response = await fetch(
      `${simulator.url}/api/v2/devices?adminDeviceSpaceId=1&fieldGroups=USER%2CCOMMON%2CANDROID%2CIOS%2CWINDOWS_PHONE&labelId=-1&query=`,
      { method: 'POST', headers: { authorization: basic('miadmin') } },
    );
    expect(response.headers.get('content-type')).toBe('text/csv');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename= DeviceSearchResult.csv');
    const lines = (await response.text()).trimEnd().split('\r\n');
    expect(lines[0].split(',')).toContain('ios.iPhone UDID');
    expect(lines).toHaveLength(
      1 + simulator.world.devices.filter((device) => device.platform === 'iOS' || device.platform === 'Android').length,
    );
  });

  it('an unknown group, more than 2000 rows or no query/label is 400; viewing is enough, a space outside is 403', async () => {
    await expect(
      actions.exportDevices(miadmin, { query: '', fieldGroups: ['SECRET' as 'BASIC'] }),
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(
      actions.exportDevices(miadmin, { query: '', fieldGroups: ['BASIC'], limit: 2001 }),
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(actions.exportDevices(miadmin, { fieldGroups: ['BASIC'] })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    expect(
      (await actions.exportDevices(as('viewer'), { query: '', fieldGroups: ['WINDOWS_PHONE'], limit: 3 })).rows,
    ).toHaveLength(3);
    await expect(actions.exportDevices(as('emea', 3), { query: '', fieldGroups: ['BASIC'] })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});

describe('V11 SIM details', () => {
  it('an iOS 14+ phone has two slots, "N/A" where unknown; the eSIM carries the device phone number', async () => {
    const withEsim = simulator.world.devices.filter(
      (device) => device.platform === 'iOS' && device.imsi !== null && Number.parseInt(device.osVersion, 10) >= 14,
    );
    const answers = await Promise.all(withEsim.map((device) => actions.simDetails(miadmin, device.uuid)));
    expect(
      answers.every(
        (answer) =>
          answer.totalCount === 2 &&
          answer.results[0].eid === 'N/A' &&
          answer.results[0].slot === 'CTSubscriptionSlotOne',
      ),
    ).toBe(true);
    const esim = answers.findIndex((answer) => answer.results[1].eid !== 'N/A');
    expect(esim).toBeGreaterThanOrEqual(0);
    expect(answers[esim].results[1]).toMatchObject({
      phoneNumber: withEsim[esim].phoneNumber,
      carrierNetwork: withEsim[esim].homeOperatorName,
      slot: 'CTSubscriptionSlotTwo',
      simLabel: 'Secondary',
    });
    expect(answers[esim].results[1].eid).toMatch(/^89\d{30}$/);
  });

  it('other devices have no EID information; an unknown device is 404', async () => {
    const android = find((device) => device.platform === 'Android');
    expect(await actions.simDetails(miadmin, android.uuid)).toEqual({ results: [], totalCount: 0, resultCount: 0 });
    await expect(actions.simDetails(miadmin, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('V12 ActiveSync report', () => {
  it('every partnership with daysIdle=0; state letters and words filter; retired follows the trash flag', async () => {
    const all = await actions.activeSyncReport({ credential: miadmin.credential }, { daysIdle: 0 });
    expect(all).toHaveLength(simulator.world.activeSyncDevices.length);
    expect(all.length).toBeGreaterThan(0);
    const blocked = await actions.activeSyncReport({ credential: miadmin.credential }, { daysIdle: 0, state: 'b' });
    expect(blocked.every((row) => row.SyncStatus === 'Blocked')).toBe(true);
    expect(blocked).toHaveLength(
      simulator.world.activeSyncDevices.filter((eas) => eas.syncStatus === 'Blocked').length,
    );
    const retired = await actions.activeSyncReport({ credential: miadmin.credential }, { daysIdle: 0, state: 'r' });
    expect(retired.every((row) => row.Retired)).toBe(true);
    const word = await fetch(`${simulator.url}/api/V2/activesync/devicereport/?daysIdle=0&state=RETIRED`, {
      headers: { authorization: basic('miadmin') },
    });
    expect((await word.text()).trimEnd().split('\r\n')).toHaveLength(retired.length + 1);
    expect(all[0].LastSyncTime).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} GMT$/);
  });

  it('daysIdle filters by the last sync; a missing daysIdle or an unknown state is 400; the role is checked', async () => {
    const idle = await actions.activeSyncReport({ credential: miadmin.credential }, { daysIdle: 20_000 });
    expect(idle).toEqual([]);
    const raw = (query: string) =>
      fetch(`${simulator.url}/api/v2/activesync/devicereport?${query}`, {
        headers: { authorization: basic('miadmin') },
      });
    expect((await raw('state=a')).status).toBe(400);
    expect((await raw('daysIdle=0&state=x')).status).toBe(400);
    await expect(
      actions.activeSyncReport({ credential: as('helpdesk').credential }, { daysIdle: 0 }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});

describe('V13 app compliance and V24 rule compliance', () => {
  it('a device with DISALLOWED_APP has Disallowed apps; V24 has one record per noncompliance reason', async () => {
    const violating = find((device) => device.noncomplianceReasons.includes('DISALLOWED_APP'));
    const apps = await actions.appCompliance(miadmin, violating.uuid);
    expect(apps.results.deviceUuid).toBe(violating.uuid);
    expect(apps.results.appViolationsByType.Disallowed?.length).toBeGreaterThan(0);
    const rules = await actions.ruleCompliance(miadmin, violating.uuid);
    expect(rules.totalCount).toBe(violating.noncomplianceReasons.length);
    expect(rules.results.find((rule) => rule.ruleName === 'App control')).toMatchObject({
      deviceUuid: violating.uuid,
      model: violating.model,
      createdAt: Date.parse(violating.lastCheckinAt),
    });
    const row = (
      await search.searchDevices(miadmin, {
        query: `"common.uuid" = "${violating.uuid}"`,
        fields: ['common.compliant', 'user.user_id', 'common.platform_name'],
        limit: 1,
        offset: 0,
      })
    ).results[0];
    expect(row['common.compliant']).toBe(false);
    expect(rules.results[0].userId).toBe(row['user.user_id']);
    expect(rules.results[0].platformName).toBe(row['common.platform_name']);
  });

  it('a compliant device has no violations of either kind', async () => {
    const compliant = find((device) => device.noncomplianceReasons.length === 0);
    expect((await actions.appCompliance(miadmin, compliant.uuid)).results.appViolationsByType).toEqual({});
    expect(await actions.ruleCompliance(miadmin, compliant.uuid)).toEqual({
      results: [],
      totalCount: 0,
      resultCount: 0,
    });
  });

  it('V13 needs both View devices and Mobile App; V24 needs Manage devices; unknown devices are 404', async () => {
    const device = find((candidate) => candidate.status === 'ACTIVE');
    await expect(actions.appCompliance(as('viewer'), device.uuid)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(actions.ruleCompliance(as('viewer'), device.uuid)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(actions.appCompliance(miadmin, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(actions.ruleCompliance(miadmin, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('V22 TeamViewer', () => {
  it('a form body (deviceUUID as in the samples, or deviceUuid) opens a session for the right platform', async () => {
    const android = find((device) => device.platform === 'Android' && device.status === 'ACTIVE');
    const session = await actions.openTeamViewerSession(miadmin, 'Android', android.uuid);
    expect(session.results).toMatchObject({ httpStatus: 'OK', state: 'Open', error: null });
    expect(session.results.code).toMatch(/^s\d{2}-\d{3}-\d{3}$/);
    expect(session.results.supporter_link.startsWith(session.results.end_customer_link)).toBe(true);
    expect(session.messages?.[0]).toMatchObject({
      type: 'Info',
      messageKey: 'com.mobileiron.vsp.messages.teamviewer.create.session',
    });
    const ios = find((device) => device.platform === 'iOS' && device.status === 'ACTIVE');
    const raw = await fetch(`${simulator.url}/msa/v2/remote/create_teamviewer_session_ios`, {
      method: 'POST',
      headers: { authorization: basic('miadmin'), 'content-type': 'application/x-www-form-urlencoded' },
      body: `adminDeviceSpaceId=1&deviceUUID=${ios.uuid}`,
    });
    expect(raw.status).toBe(200);
  });

  it('the wrong platform or a retired device is 400, an unknown device 404, a missing role 403', async () => {
    const ios = find((device) => device.platform === 'iOS' && device.status === 'ACTIVE');
    await expect(actions.openTeamViewerSession(miadmin, 'Android', ios.uuid)).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      details: { upstreamMessageKey: 'com.mobileiron.vsp.messages.teamviewer.platform.mismatch' },
    });
    const retired = find((device) => device.platform === 'Android' && device.status === 'RETIRED');
    await expect(actions.openTeamViewerSession(miadmin, 'Android', retired.uuid)).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    await expect(
      actions.openTeamViewerSession(miadmin, 'iOS', '00000000-0000-4000-8000-000000000000'),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(actions.openTeamViewerSession(as('helpdesk'), 'iOS', ios.uuid)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});

describe('V02 self-registration', () => {
  it('creates a PENDING device for the caller, visible in search, with the documented answer', async () => {
    const before = simulator.world.devices.length;
    const response = await actions.registerDevice(
      { credential: miadmin.credential },
      {
        countryCode: 1,
        operatorId: 269,
        platform: 'I',
        phoneNumber: '4083338888',
        deviceLanguageId: 1,
      },
    );
    expect(response).toMatchObject({
      totalCount: 1,
      resultCount: 1,
      results: [{ ttl: '120', regLink: 'http://localhost:8080/mifs/c/d/ios.html', email: 'miadmin@example.com' }],
    });
    expect(response.results[0].passcode).toMatch(/^\d{6}$/);
    expect(simulator.world.devices).toHaveLength(before + 1);
    const page = await search.searchDevices(miadmin, {
      query: '"user.user_id" = "miadmin"',
      fields: [
        'common.uuid',
        'common.status',
        'common.platform',
        'common.current_phone_number',
        'common.home_country_code',
      ],
      limit: 10,
      offset: 0,
    });
    expect(page.results).toEqual([
      expect.objectContaining({
        'common.status': 'PENDING',
        'common.platform': 'iOS',
        'common.current_phone_number': '+14083338888',
        'common.home_country_code': 'US',
      }),
    ]);
  });

  it('missing or invalid fields are 400; the restricted-manage role is required', async () => {
    const raw = (body: unknown, user = 'miadmin') =>
      fetch(`${simulator.url}/api/v2/users/register_device`, {
        method: 'POST',
        headers: { authorization: basic(user), 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const valid = { countryCode: 1, isPhoneNumberAvailable: 'false', operatorId: 269, platform: 'A' };
    expect((await raw(valid)).status).toBe(200);
    expect((await raw({ ...valid, platform: 'Z' })).status).toBe(400);
    expect((await raw({ ...valid, countryCode: 999 })).status).toBe(400);
    expect((await raw({ ...valid, isPhoneNumberAvailable: 'true' })).status).toBe(400);
    expect((await raw({ countryCode: 1, operatorId: 269, platform: 'I' })).status).toBe(400);
    await expect(
      actions.registerDevice(
        { credential: as('viewer').credential },
        { countryCode: 1, operatorId: 269, platform: 'I' },
      ),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
