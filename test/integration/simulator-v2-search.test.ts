// V01, V06-V09 and DS02 through the typed EPMM client against the simulator: success, the documented quirks,
// and the documented failures. Also the simulator's test hooks.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EpmmClient, type EpmmCaller } from '../../src/upstream/epmm/client.js';
import { UpstreamHttp } from '../../src/upstream/http.js';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server.js';
import { adminCredential } from '../helpers/credentials.js';

// The simulator's sleeps (latency, a fault's delay) are recorded, and still slept: the latency hook's test
// checks what the simulator waited instead of timing the call.
vi.mock('node:timers/promises', async (importOriginal) => {
  const timers = await importOriginal<typeof import('node:timers/promises')>();
  return { ...timers, setTimeout: vi.fn(timers.setTimeout) };
});

let simulator: RunningSimulator;
let http: UpstreamHttp;
let client: EpmmClient;
const as = (name: string, password = name) => adminCredential(name, password);
const miadmin: EpmmCaller = { credential: as('miadmin'), adminDeviceSpaceId: 1 };
const FIELDS = ['common.uuid', 'common.manufacturer', 'common.platform', 'user.user_id'];

beforeAll(async () => {
  simulator = await startSimulator({ devices: 200, seed: 11 });
  http = new UpstreamHttp('EPMM', simulator.url, { connections: 4, timeoutMs: 5000 });
  client = new EpmmClient(http);
});
afterAll(async () => {
  await http.close();
  await simulator.close();
});

const raw = (path: string, user = 'miadmin') =>
  fetch(`${simulator.url}${path}`, {
    headers: { authorization: `Basic ${Buffer.from(`${user}:${user}`).toString('base64')}` },
  });

describe('V01 search', () => {
  it('an empty query returns every device, paged with hasMore', async () => {
    const page = await client.searchDevices(miadmin, { query: '', fields: FIELDS, limit: 150, offset: 100 });
    expect(page.totalCount).toBe(200);
    expect(page.resultCount).toBe(100);
    expect(page.hasMore).toBe(false);
    expect(page.results[0]['common.ccm_migration_status']).toBe('None'); // returned although not requested, as documented
  });

  it('an advanced query filters; null fields are omitted', async () => {
    const page = await client.searchDevices(miadmin, {
      query: '"common.platform" = "Android" AND "common.manufacturer" starts with "s"',
      fields: [...FIELDS, 'ios.DeviceName'],
      limit: 200,
      offset: 0,
    });
    const expected = simulator.world.devices.filter(
      (d) => d.platform === 'Android' && d.manufacturer.toLowerCase().startsWith('s'),
    );
    expect(page.totalCount).toBe(expected.length);
    expect(page.results.every((row) => !('ios.DeviceName' in row))).toBe(true);
  });

  it('a bare word without a label is the documented parse failure', async () => {
    const response = await raw('/api/v2/devices?adminDeviceSpaceId=1&fields=common.os_version,common.uuid&query=test');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      messages: [
        {
          type: 'Error',
          messageKey: 'com.mobileiron.vsp.messages.advancedsearch.parse.failure',
          localizedMessage: "Unrecognized token '<EOF>' at position 4",
          messageParameters: ['<EOF>', 4],
        },
      ],
    });
    await expect(
      client.searchDevices(miadmin, { query: 'test', fields: FIELDS, limit: 1, offset: 0 }),
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('a bare word with a label is a free-text search; a label with an advanced query is silently empty', async () => {
    const samsung = simulator.world.devices.filter(
      (d) => d.manufacturer === 'samsung' && (d.platform === 'Android' || d.platform === 'iOS'),
    );
    const free = await client.searchDevices(miadmin, {
      query: 'samsung',
      labelId: -1,
      fields: FIELDS,
      limit: 200,
      offset: 0,
    });
    expect(free.totalCount).toBeGreaterThanOrEqual(samsung.length);
    expect(free.totalCount).toBeGreaterThan(0);
    const quirk = await client.searchDevices(miadmin, {
      query: `"common.uuid"="${samsung[0].uuid}"`,
      labelId: -1,
      fields: FIELDS,
      limit: 10,
      offset: 0,
    });
    expect(quirk).toMatchObject({ results: [], totalCount: 0, resultCount: 0, hasMore: false });
  });

  it.each([
    ['limit above 200', 'fields=common.uuid&query=&limit=201', 'limit: Must be at least 0 and no more than 200.'],
    [
      'offset above 10,000,000',
      'fields=common.uuid&query=&offset=10000001',
      'offset: Must be at least 0 and no more than 10000000.',
    ],
    [
      'query above 255 characters',
      `fields=common.uuid&query=${'a'.repeat(256)}`,
      'query: Must be no more than 255 characters.',
    ],
    ['no fields', 'query=', 'fields: Required parameter is missing.'],
    ['neither query nor label', 'fields=common.uuid', 'One of either the query or labelId parameters is required.'],
  ])('%s is a 400 with a message', async (_name, params, message) => {
    const response = await raw(`/api/v2/devices?adminDeviceSpaceId=1&${params}`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { messages: Array<{ localizedMessage: string }> };
    expect(body.messages[0].localizedMessage).toBe(message);
  });

  it('the UI path /admin/rest/api/v2/devices is an alias counted under the documented route', async () => {
    await fetch(`${simulator.url}/__sim/stats/reset`, { method: 'POST' });
    expect(
      (await raw('/admin/rest/api/v2/devices?adminDeviceSpaceId=1&fields=common.uuid&query=&limit=1')).status,
    ).toBe(200);
    expect(
      ((await (await fetch(`${simulator.url}/__sim/stats`)).json()) as { byRoute: Record<string, number> }).byRoute,
    ).toEqual({ 'GET /api/v2/devices': 1 });
  });

  it('scopes by space: emea sees only EMEA, and is refused Global', async () => {
    const emea: EpmmCaller = { credential: as('emea'), adminDeviceSpaceId: 2 };
    const page = await client.searchDevices(emea, {
      query: '',
      fields: ['common.device_space_name'],
      limit: 200,
      offset: 0,
    });
    expect(page.results.every((row) => row['common.device_space_name'] === 'EMEA')).toBe(true);
    await expect(
      client.searchDevices({ ...emea, adminDeviceSpaceId: 1 }, { query: '', fields: FIELDS, limit: 1, offset: 0 }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('a wrong password is 401', async () => {
    await expect(
      client.searchDevices(
        { credential: as('miadmin', 'nope'), adminDeviceSpaceId: 1 },
        { query: '', fields: FIELDS, limit: 1, offset: 0 },
      ),
    ).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

describe('V06 count, V07 query test, V08 search fields, V09 details, DS02 mine', () => {
  it('V06 counts with a query and fails on a bad one', async () => {
    const apple = simulator.world.devices.filter((d) => d.manufacturer.toLowerCase().startsWith('appl')).length;
    expect(await client.countDevices(miadmin, '"common.manufacturer" starts with "Appl"')).toBe(apple);
    expect(await client.countDevices(miadmin, '')).toBe(200);
    await expect(client.countDevices(miadmin, '"common.model" =')).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('V07 reports validity, the offending token and its position', async () => {
    expect(await client.testQuery(miadmin, 'manufacturer contains "Apple"')).toEqual({
      valid: true,
      token: '',
      position: -1,
    });
    expect(await client.testQuery(miadmin, 'manufacturer contains')).toEqual({
      valid: false,
      token: '<EOF>',
      position: 21,
    });
    expect(await client.testQuery(miadmin, '')).toEqual({ valid: true, token: '', position: -1 });
  });

  it('V08 lists fields as the sample does (no common. prefix), also on the singular path', async () => {
    const fields = await client.searchFields(miadmin);
    expect(fields).toContainEqual({ name: 'uuid', type: 'STRING' });
    expect(fields).toContainEqual({ name: 'last_connected_at', type: 'DATE' });
    expect((await raw('/api/v2/device/search_fields')).status).toBe(200); // the sample's singular path
  });

  it('V09 details include nulls; V10 battery only on request; unknown or out-of-space devices are 404', async () => {
    const android = simulator.world.devices.find((d) => d.platform === 'Android')!;
    const plain = await client.deviceDetails(miadmin, android.uuid, { batteryStats: false });
    expect(plain.totalCount).toBe(plain.results.length);
    expect(plain.results.some((entry) => entry.value === null)).toBe(true);
    expect(plain.results.some((entry) => entry.name.startsWith('android.battery_'))).toBe(false);
    const battery = await client.deviceDetails(miadmin, android.uuid, { batteryStats: true, os: 'Android 13' });
    expect(battery.results.some((entry) => entry.name === 'android.battery_health')).toBe(true);
    await expect(
      client.deviceDetails(miadmin, '00000000-0000-4000-8000-000000000000', { batteryStats: false }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const outside = simulator.world.devices.find((d) => d.spaceId !== 2)!;
    await expect(
      client.deviceDetails({ credential: as('emea'), adminDeviceSpaceId: 2 }, outside.uuid, { batteryStats: false }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it("DS02 lists the caller's own spaces, and 401s a stranger", async () => {
    const emeaSpace = simulator.world.spaces.find((space) => space.id === 2)!;
    expect((await client.myDeviceSpaces({ credential: as('emea') })).results).toEqual([
      { id: 2, name: 'EMEA', description: emeaSpace.description },
    ]);
    await expect(client.myDeviceSpaces({ credential: as('nobody') })).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });
});

describe('test hooks', () => {
  const configure = (body: unknown) =>
    fetch(`${simulator.url}/__sim/config`, { method: 'POST', body: JSON.stringify(body) });

  it('injects a 503 with Retry-After a given number of times, then recovers', async () => {
    await configure({ faults: [{ route: 'GET /api/v2/devices/count', status: 503, retryAfter: 2, times: 2 }] });
    const first = await raw('/api/v2/devices/count?adminDeviceSpaceId=1&query=');
    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toBe('2');
    expect((await raw('/api/v2/devices/count?adminDeviceSpaceId=1&query=')).status).toBe(503);
    expect((await raw('/api/v2/devices/count?adminDeviceSpaceId=1&query=')).status).toBe(200);
  });

  it('injects malformed bodies and connection resets', async () => {
    await configure({
      faults: [
        { route: 'GET /api/v2/devices/count', malformed: true, times: 1 },
        { route: 'GET /api/v2/devices/query_test', reset: true, times: 1 },
      ],
    });
    await expect(client.countDevices(miadmin, '')).rejects.toMatchObject({ code: 'UPSTREAM_ERROR' });
    await expect(client.testQuery(miadmin, '')).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    await configure({ faults: [] });
    expect(await client.countDevices(miadmin, '')).toBe(200);
  });

  it('adds latency, and rejects a bad config', async () => {
    const sleeps = vi.mocked(sleep);
    await configure({ latencyMs: 60 });
    sleeps.mockClear();
    await client.countDevices(miadmin, '');
    // The call waited the latency once before its answer.
    expect(sleeps.mock.calls.map(([ms]) => ms)).toEqual([60]);
    await configure({ latencyMs: 0 });
    sleeps.mockClear();
    await client.countDevices(miadmin, '');
    expect(sleeps).not.toHaveBeenCalled();
    expect((await configure({ latencyMs: -1 })).status).toBe(400);
    expect((await configure({ faults: [{ route: 'nope' }] })).status).toBe(400);
  });
});
