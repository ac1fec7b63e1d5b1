// DS01-DS11 through the typed clients against the simulator: success, the documented quirks and failures, and
// that space changes move devices consistently with what each administrator can see.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EpmmClient, type EpmmCaller } from '../../src/upstream/epmm/client.js';
import { EpmmDeviceSpacesClient } from '../../src/upstream/epmm/device-spaces-client.js';
import { UpstreamHttp } from '../../src/upstream/http.js';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server.js';
import { adminCredential } from '../helpers/credentials.js';

let simulator: RunningSimulator;
let http: UpstreamHttp;
let spaces: EpmmDeviceSpacesClient;
let epmm: EpmmClient;
const as = (name: string, adminDeviceSpaceId = 1): EpmmCaller => ({
  credential: adminCredential(name),
  adminDeviceSpaceId,
});
const miadmin = as('miadmin');
const GB = '"common.home_country_code" =  "GB"';
const LDAP = {
  name: 'testuser000000',
  type: 'USER',
  dn: 'cn=testuser000000,ou=contacts,dc=auto2,dc=mobileiron,dc=com',
} as const;

// Each test gets its own world: these calls change it.
beforeEach(async () => {
  simulator = await startSimulator({ devices: 200, seed: 5 });
  http = new UpstreamHttp('EPMM', simulator.url, { connections: 4, timeoutMs: 5000 });
  spaces = new EpmmDeviceSpacesClient(http);
  epmm = new EpmmClient(http);
});
afterEach(async () => {
  await http.close();
  await simulator.close();
});

const raw = (method: string, path: string, body?: string, contentType = 'application/json', user = 'miadmin') =>
  fetch(`${simulator.url}${path}`, {
    method,
    headers: {
      authorization: `Basic ${Buffer.from(`${user}:${user}`).toString('base64')}`,
      ...(body === undefined ? {} : { 'content-type': contentType }),
    },
    body,
  });
const devicesIn = (spaceId: number) => simulator.world.devices.filter((device) => device.spaceId === spaceId);
const list = async (caller = miadmin) => (await spaces.listDeviceSpaces(caller)).results;
const byName = async (name: string) => (await list()).find((space) => space.name === name);

describe('DS01 list', () => {
  it('lists the generated spaces by priority with device counts and admins', async () => {
    const page = await spaces.listDeviceSpaces(miadmin);
    expect(page.results.map((space) => [space.id, space.name, space.priority, space.status])).toEqual([
      [1, 'Global', 1, 'ACTIVE'],
      [2, 'EMEA', 2, 'ACTIVE'],
      [3, 'Americas', 3, 'ACTIVE'],
      [4, 'APAC', 4, 'ACTIVE'],
    ]);
    expect(page.results[0]).toMatchObject({ criteria: '', deviceCount: 200, admins: 'miadmin, helpdesk, viewer' });
    expect(page.results[1]).toMatchObject({ deviceCount: devicesIn(2).length, admins: 'emea' });
    expect(page.results[1].criteria).toContain('"common.home_country_code" = "GB"');
    expect(page).toMatchObject({ totalCount: 4, resultCount: 4, hasMore: false });
  });

  it('pages with limit/offset and zeroes counts with excludeDeviceCount', async () => {
    const page = await spaces.listDeviceSpaces(miadmin, { limit: 2, offset: 1, excludeDeviceCount: true });
    expect(page.results.map((space) => space.id)).toEqual([2, 3]);
    expect(page.results.every((space) => space.deviceCount === 0)).toBe(true);
    expect(page).toMatchObject({ totalCount: 4, resultCount: 2, hasMore: true });
  });

  it('an EMEA admin sees only EMEA', async () => {
    expect((await list(as('emea', 2))).map((space) => space.id)).toEqual([2]);
    expect((await list(as('emea', 0))).map((space) => space.id)).toEqual([2]);
  });

  it('refuses a limit over 10,000, a foreign adminDeviceSpaceId and admins without the role', async () => {
    const response = await raw('GET', '/api/v2/device_spaces?adminDeviceSpaceId=1&limit=10001');
    expect(response.status).toBe(400);
    expect((await response.json()) as unknown).toMatchObject({
      messages: [{ type: 'Error', localizedMessage: 'limit: Must be at least 0 and no more than 10,000.' }],
    });
    await expect(spaces.listDeviceSpaces(miadmin, { limit: 10_001 })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(spaces.listDeviceSpaces(as('emea', 1))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(spaces.listDeviceSpaces(as('viewer'))).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('DS02 mine', () => {
  it('still answers any admin, and follows assignments', async () => {
    expect((await epmm.myDeviceSpaces({ credential: as('viewer').credential })).results).toEqual([
      { id: 1, name: 'Global', description: null },
    ]);
    await spaces.assignAdmins(miadmin, 3, { adminUsers: ['emea'] }, [2]);
    expect((await epmm.myDeviceSpaces({ credential: as('emea').credential })).results.map((space) => space.id)).toEqual(
      [2, 3],
    );
  });
});

describe('DS03 criteria fields', () => {
  it('answers 35 fields in the document order', async () => {
    const fields = await spaces.criteriaFields(miadmin);
    expect(fields.totalCount).toBe(35);
    expect(fields.results).toHaveLength(35);
    expect(fields.results.slice(0, 2)).toEqual([
      { name: 'common.home_country_code', type: 'STRING' },
      { name: 'common.home_country_name', type: 'STRING' },
    ]);
    expect(fields.results.at(-1)).toEqual({ name: 'user.user_id', type: 'STRING' });
  });

  it('needs the Manage administrators and device spaces role', async () => {
    await expect(spaces.criteriaFields(as('helpdesk'))).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('DS04 create or update, DS10 priority', () => {
  it('a new space is PENDING, lowest in priority, and takes only what no earlier space matched', async () => {
    const before = simulator.world.devices.map((device) => device.spaceId);
    const id = await spaces.saveDeviceSpace(miadmin, { name: 'UK Devices', parentId: 1, criteria: GB });
    expect(id).toBe(5);
    expect(await byName('UK Devices')).toMatchObject({
      id: 5,
      criteria: GB,
      status: 'PENDING',
      priority: 5,
      deviceCount: 0,
    });
    // The generated spaces keep exactly their devices.
    expect(simulator.world.devices.map((device) => device.spaceId)).toEqual(before);
  });

  it('moving the space to the top moves the matching devices, visibly in device search', async () => {
    const gb = simulator.world.devices.filter((device) => device.homeCountryCode === 'GB');
    expect(gb.length).toBeGreaterThan(0);
    const emeaBefore = devicesIn(2).length;
    const id = await spaces.saveDeviceSpace(miadmin, { name: 'UK Devices', parentId: 1, criteria: GB });
    const moved = await spaces.changePriority(miadmin, id, 0);
    expect(moved).toEqual({
      id,
      name: 'UK Devices',
      parentId: 1,
      priority: 2,
      criteria: GB,
      criteriaFields: '-',
      status: 'PENDING',
      path: `/1/${id}/`,
    });
    expect((await list()).map((space) => [space.id, space.priority])).toEqual([
      [1, 1],
      [id, 2],
      [2, 3],
      [3, 4],
      [4, 5],
    ]);
    expect(await byName('UK Devices')).toMatchObject({ deviceCount: gb.length });
    expect(await byName('EMEA')).toMatchObject({ deviceCount: emeaBefore - gb.length });
    const search = await epmm.searchDevices(as('miadmin', id), {
      query: '',
      fields: ['common.home_country_code', 'common.device_space_name'],
      limit: 200,
      offset: 0,
    });
    expect(search.totalCount).toBe(gb.length);
    expect(
      search.results.every(
        (row) => row['common.home_country_code'] === 'GB' && row['common.device_space_name'] === 'UK Devices',
      ),
    ).toBe(true);
    // The EMEA admin no longer sees the UK devices.
    expect(await epmm.countDevices(as('emea', 2), '"common.home_country_code" = "GB"')).toBe(0);

    // Back below APAC (after 4): the devices return to EMEA.
    expect((await spaces.changePriority(miadmin, id, 4)).priority).toBe(5);
    expect(devicesIn(id)).toHaveLength(0);
    expect(devicesIn(2)).toHaveLength(emeaBefore);
  });

  it('an update replaces name and criteria, and the device count follows', async () => {
    const id = await spaces.saveDeviceSpace(miadmin, { name: 'UK Devices', parentId: 1, criteria: GB });
    await spaces.changePriority(miadmin, id, 0);
    expect(
      await spaces.saveDeviceSpace(miadmin, {
        id,
        name: 'Android',
        parentId: 1,
        criteria: '"common.platform" = "Android"',
      }),
    ).toBe(id);
    const android = simulator.world.devices.filter((device) => device.platform === 'Android').length;
    expect(await byName('Android')).toMatchObject({ id, deviceCount: android, status: 'PENDING' });
  });

  it('a nested space only takes devices its parent holds', async () => {
    const id = await spaces.saveDeviceSpace(miadmin, {
      name: 'EMEA Android',
      parentId: 2,
      criteria: '"common.platform" = "Android"',
    });
    const expected = simulator.world.devices.filter(
      (device) =>
        device.platform === 'Android' && ['GB', 'DE', 'FR', 'NL', 'ES', 'IT', 'SE'].includes(device.homeCountryCode),
    );
    expect(devicesIn(id)).toHaveLength(expected.length);
    // Still visible to the EMEA admin, and counted in EMEA.
    expect((await list(as('emea', 2))).map((space) => space.id)).toEqual([2, id]);
    expect(await byName('EMEA')).toMatchObject({ deviceCount: devicesIn(2).length + expected.length });
  });

  it("refuses bad criteria with the parser's message, duplicate names, missing fields and out-of-scope parents", async () => {
    const response = await raw(
      'POST',
      '/api/v2/device_spaces?adminDeviceSpaceId=1',
      JSON.stringify({ name: 'x', parentId: '1', criteria: '"common.uuid" = "a"' }),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      messages: [
        {
          type: 'Error',
          messageKey: 'com.mobileiron.vsp.messages.advancedsearch.parse.failure',
          localizedMessage: "Unrecognized token 'common.uuid' at position 0",
          messageParameters: ['common.uuid', 0],
        },
      ],
    });
    await expect(
      spaces.saveDeviceSpace(miadmin, { name: 'x', parentId: 1, criteria: '"common.home_country_code" = ' }),
    ).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      details: { upstreamMessageKey: 'com.mobileiron.vsp.messages.advancedsearch.parse.failure' },
    });
    await expect(spaces.saveDeviceSpace(miadmin, { name: 'emea', parentId: 1, criteria: GB })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    await expect(spaces.saveDeviceSpace(miadmin, { name: 'x', parentId: 1, criteria: ' ' })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    await expect(spaces.saveDeviceSpace(as('emea', 2), { name: 'x', parentId: 1, criteria: GB })).rejects.toMatchObject(
      { code: 'FORBIDDEN' },
    );
    await expect(
      spaces.saveDeviceSpace(miadmin, { id: 1, name: 'World', parentId: 1, criteria: GB }),
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(
      spaces.saveDeviceSpace(miadmin, { id: 99, name: 'x', parentId: 1, criteria: GB }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await list()).toHaveLength(4);
  });

  it('DS10 accepts a JSON id or one-element list, and refuses non-siblings and Global', async () => {
    const response = await raw(
      'POST',
      '/api/v2/device_spaces/4/change_priority?adminDeviceSpaceId=1',
      JSON.stringify({ deviceSpaceIdAboveMe: [0] }),
    );
    expect(response.status).toBe(200);
    expect(((await response.json()) as { results: { priority: number } }).results.priority).toBe(2);
    const missing = await raw(
      'POST',
      '/api/v2/device_spaces/4/change_priority?adminDeviceSpaceId=1',
      'x=1',
      'application/x-www-form-urlencoded',
    );
    expect(missing.status).toBe(400);
    await expect(spaces.changePriority(miadmin, 1, 0)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(spaces.changePriority(miadmin, 3, 1)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(spaces.changePriority(miadmin, 3, 3)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});

describe('DS05 delete, DS11 evaluate', () => {
  it('marks the space (still listed, PENDING); evaluate deletes it and its devices fall back', async () => {
    const id = await spaces.saveDeviceSpace(miadmin, { name: 'UK Devices', parentId: 1, criteria: GB });
    await spaces.changePriority(miadmin, id, 0);
    const gb = devicesIn(id).length;
    expect(await spaces.deleteDeviceSpace(miadmin, id)).toBe(id);
    expect(await byName('UK Devices')).toMatchObject({ status: 'PENDING', deviceCount: gb });
    await spaces.evaluate(miadmin);
    expect(await byName('UK Devices')).toBeUndefined();
    expect(devicesIn(id)).toHaveLength(0);
    expect((await list()).every((space) => space.status === 'ACTIVE')).toBe(true);
    // Ids are not reused.
    expect(await spaces.saveDeviceSpace(miadmin, { name: 'Again', parentId: 1, criteria: GB })).toBe(id + 1);
  });

  it("deleting an admin's space removes it from DS02", async () => {
    expect(await spaces.deleteDeviceSpace(miadmin, 2)).toBe(2);
    expect((await epmm.myDeviceSpaces({ credential: as('emea').credential })).results).toHaveLength(1);
    await spaces.evaluate(miadmin);
    expect((await epmm.myDeviceSpaces({ credential: as('emea').credential })).results).toEqual([]);
    expect(devicesIn(1).length).toBeGreaterThan(0); // EMEA's devices now sit in Global
  });

  it('a missing or 0 id means the current space; Global cannot be deleted', async () => {
    for (const path of ['/api/v2/device_spaces/0?adminDeviceSpaceId=1', '/api/v2/device_spaces?adminDeviceSpaceId=1']) {
      const response = await raw('DELETE', path);
      expect(response.status).toBe(400);
      expect(
        ((await response.json()) as { messages: Array<{ localizedMessage: string }> }).messages[0].localizedMessage,
      ).toBe('The Global device space cannot be deleted.');
    }
    const current = await raw('DELETE', '/api/v2/device_spaces/0?adminDeviceSpaceId=4');
    expect(await current.json()).toEqual({ results: { id: 4 } });
  });

  it('refuses unknown spaces, spaces with children and callers without the role', async () => {
    await expect(spaces.deleteDeviceSpace(miadmin, 77)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await spaces.saveDeviceSpace(miadmin, {
      name: 'Child',
      parentId: 3,
      criteria: '"common.home_country_code" = "US"',
    });
    await expect(spaces.deleteDeviceSpace(miadmin, 3)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(spaces.deleteDeviceSpace(as('emea', 2), 3)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(spaces.evaluate(as('viewer'))).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('DS06 assign admins, DS07 delete admins', () => {
  it('records LDAP entities and users on the space and lists them in DS01', async () => {
    await spaces.assignAdmins(
      miadmin,
      3,
      { adminLdapEntities: [LDAP] },
      [2, 4, 5, 7, 8, 3, 6, 13, 14, 15, 16, 33, 18, 20, 21, 23, 35],
    );
    await spaces.assignAdmins(miadmin, 3, { adminUsers: ['jdoe', 'emea'] }, [2]);
    expect(await byName('Americas')).toMatchObject({ admins: 'emea, testuser000000, jdoe' });
    // The built-in emea admin now acts in Americas too.
    expect(await epmm.countDevices(as('emea', 3), '')).toBe(devicesIn(3).length);

    await spaces.removeAdmins(miadmin, 3, { adminLdapEntities: [LDAP] });
    await spaces.removeAdmins(miadmin, 3, { adminUsers: ['emea', 'nobody'] });
    expect(await byName('Americas')).toMatchObject({ admins: 'jdoe' });
    await expect(epmm.countDevices(as('emea', 3), '')).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses both lists at once, neither, missing roles, long user ids and bad LDAP types', async () => {
    const bodies = [
      { roles: [2], adminUsers: ['a'], adminLdapEntities: [LDAP] },
      { roles: [2] },
      { adminUsers: ['a'] },
      { roles: [], adminUsers: ['a'] },
      { roles: [2], adminUsers: ['x'.repeat(51)] },
      { roles: [2], adminLdapEntities: [{ ...LDAP, type: 'PERSON' }] },
    ];
    for (const body of bodies) {
      const response = await raw('POST', '/api/v2/device_spaces/3/admins?adminDeviceSpaceId=1', JSON.stringify(body));
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
    await expect(spaces.assignAdmins(miadmin, 42, { adminUsers: ['a'] }, [2])).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await byName('Americas')).toMatchObject({ admins: '' });
  });

  it('DS07 needs the body deviceSpaceId to match the path', async () => {
    const response = await raw(
      'DELETE',
      '/api/v2/device_spaces/5/admins?adminDeviceSpaceId=1',
      JSON.stringify({ deviceSpaceId: 3, adminUsers: ['a'] }),
    );
    expect(response.status).toBe(400);
    const ok = await raw(
      'DELETE',
      '/api/v2/device_spaces/3/admins?adminDeviceSpaceId=1',
      JSON.stringify({ deviceSpaceId: 3, adminUsers: ['a'] }),
    );
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('');
  });
});

describe('DS08 get, DS09 assign policy restrictions', () => {
  it('a space never configured has both types, creation not allowed; a save updates only what it names', async () => {
    const off = { creationAllowedInSpace: false, overrideGlobalPolicies: false };
    expect(await spaces.policyRestrictions(miadmin, 3)).toEqual({
      deviceSpaceId: 3,
      policyRestrictions: [
        { policyProfileType: 'PRIVACY', ...off },
        { policyProfileType: 'SECURITY', ...off },
      ],
    });
    const messages = await spaces.assignPolicyRestrictions(miadmin, 3, [
      { policyProfileType: 'SECURITY', creationAllowedInSpace: true, overrideGlobalPolicies: true },
    ]);
    expect(messages).toEqual([
      {
        type: 'Info',
        messageKey: 'com.mobileiron.vsp.messages.policy.restrictions.in.space.save.success',
        localizedMessage: 'Policy restrictions saved successfully for space: Americas.',
        messageParameters: ['Americas'],
      },
    ]);
    expect((await spaces.policyRestrictions(miadmin, 3)).policyRestrictions).toEqual([
      { policyProfileType: 'PRIVACY', ...off },
      { policyProfileType: 'SECURITY', creationAllowedInSpace: true, overrideGlobalPolicies: true },
    ]);
    expect((await spaces.policyRestrictions(miadmin, 2)).policyRestrictions[1]).toMatchObject(off);
  });

  it('DS08 also accepts the View policy role; both refuse bad input and foreign spaces', async () => {
    const ds08 = simulator.router.routes().find((route) => route.catalogueIds.includes('DS08'));
    expect(ds08?.roles).toEqual(['MANAGE_SPACES', 'VIEW_POLICY']);
    const missing = await raw('GET', '/msa/v2/policy/restrictions?adminDeviceSpaceId=1');
    expect(missing.status).toBe(400);
    expect(
      ((await missing.json()) as { messages: Array<{ localizedMessage: string }> }).messages[0].localizedMessage,
    ).toBe('deviceSpaceId: Required parameter is missing.');
    const bad = await raw(
      'POST',
      '/msa/v2/policy/restrictions?deviceSpaceId=3',
      JSON.stringify({
        policyRestrictions: [
          { policyProfileType: 'APPS', creationAllowedInSpace: true, overrideGlobalPolicies: false },
        ],
      }),
    );
    expect(bad.status).toBe(400);
    await expect(spaces.assignPolicyRestrictions(miadmin, 3, [])).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(spaces.policyRestrictions(as('emea', 2), 3)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(spaces.policyRestrictions(as('viewer'), 3)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(spaces.policyRestrictions(miadmin, 40)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
