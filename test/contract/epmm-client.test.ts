// Contract tests: the documents' sample responses and responses recorded from real EPMM servers, replayed
// byte for byte through the real upstream client and the DTO -> model mappers.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { epmmDeviceToModel } from '../../src/models/epmm-device.js';
import { EpmmClient, type EpmmCaller } from '../../src/upstream/epmm/client.js';
import { UpstreamHttp } from '../../src/upstream/http.js';
import { startReplayServer, type ReplayServer } from '../helpers/replay-server.js';
import { adminCredential } from '../helpers/credentials.js';

const fixture = (path: string) => readFileSync(new URL(`../fixtures/${path}`, import.meta.url));

let replay: ReplayServer;
let http: UpstreamHttp;
let client: EpmmClient;
const credential = adminCredential('miadmin');
const caller: EpmmCaller = { credential, adminDeviceSpaceId: 1 };
const search = () => client.searchDevices(caller, { query: '', fields: ['common.uuid'], limit: 50, offset: 0 });

beforeAll(async () => {
  replay = await startReplayServer();
  http = new UpstreamHttp('EPMM', replay.url, { connections: 2, timeoutMs: 5000 });
  client = new EpmmClient(http);
});
afterAll(async () => {
  await http.close();
  await replay.close();
});

describe('real-world EPMM responses (xsoar-mobileiron-core)', () => {
  it.each(['get_devices_response_page.json', 'get_devices_response_page2.json'])(
    '%s parses into devices',
    async (file) => {
      const body = fixture(`real-world/xsoar-mobileiron-core/${file}`);
      expect(body.includes(Buffer.from('\r\n'))).toBe(true); // recorded with CRLF: the bytes are untouched
      replay.respond(200, body);
      const response = await search();
      const raw = JSON.parse(body.toString('utf8')) as { results: Array<Record<string, unknown>>; hasMore: boolean };
      expect(response.results).toHaveLength(raw.results.length);
      expect(response.hasMore).toBe(raw.hasMore);
      const devices = response.results.map(epmmDeviceToModel);
      expect(devices.every((device) => device !== null)).toBe(true);
      expect(devices[0]).toMatchObject({
        platform: 'ANDROID',
        status: 'ACTIVE',
        compliant: raw.results[0]['common.compliant'],
        imei: null,
        manufacturer: 'Google',
        lastCheckInAt: '2020-11-09T07:38:22.000Z',
      });
      // The masked user id never becomes a user key (docs/decisions.md "Tolerant decoding").
      expect(devices[0]!.user?.principal ?? null).toBeNull();
    },
  );

  it('clean_device_data.json (a single row with spaced and mixed-case keys) maps, and a blank uuid is dropped', () => {
    const row = JSON.parse(
      fixture('real-world/xsoar-mobileiron-core/clean_device_data.json').toString('utf8'),
    ) as Record<string, unknown>;
    expect(epmmDeviceToModel(row)).toBeNull();
    expect(epmmDeviceToModel({ ...row, 'common.uuid': '9b0da853-9f9b-483c-97ef-f4b5457299cf' })).toMatchObject({
      compliant: false,
      noncomplianceReasons: ['DEVICE_ADMIN_DEACTIVE'],
      serialNumber: null,
    });
  });
});

describe('document samples', () => {
  it('V01 big sample: 43 keys including an unrequested one', async () => {
    replay.respond(200, fixture('documents/v01-search-big-sample.json'));
    const response = await search();
    expect(epmmDeviceToModel(response.results[0])).toMatchObject({
      uuid: 'a57dcd91-f9a4-428e-bd47-3dd96bb7e1f9',
      legacyId: 9,
      platform: 'ANDROID',
      phoneNumber: 'PDA',
      storageCapacityBytes: 11766960000,
      deviceSpaceName: 'Global',
      user: { principal: 'testuser2264', displayName: 'testuser2264' },
    });
  });

  it('V01 label + advanced query: an empty page parses as empty', async () => {
    replay.respond(200, fixture('documents/v01-label-advanced-empty.json'));
    expect((await search()).totalCount).toBe(0);
  });

  it('V01 parse failure is BAD_USER_INPUT with the message key, whatever the status', async () => {
    for (const status of [200, 400]) {
      replay.respond(status, fixture('documents/v01-parse-failure.json'));
      await expect(search()).rejects.toMatchObject({
        code: 'BAD_USER_INPUT',
        details: { upstreamMessageKey: 'com.mobileiron.vsp.messages.advancedsearch.parse.failure' },
      });
    }
  });

  it('V06, V07, V08, V09 and DS02 samples parse', async () => {
    replay.respond(200, fixture('documents/v06-count.json'));
    expect(await client.countDevices(caller, '"common.manufacturer" starts with "Appl"')).toBe(117);
    replay.respond(200, fixture('documents/v07-query-test.json'));
    expect(await client.testQuery(caller, 'manufacturer contains "blargle"')).toEqual({
      valid: false,
      token: 'blargle',
      position: 21,
    });
    replay.respond(200, fixture('documents/v08-search-fields.json'));
    expect((await client.searchFields(caller)).map((field) => field.name)).toContain('details.APNS Capable');
    replay.respond(200, fixture('documents/v09-details.json'));
    const details = await client.deviceDetails(caller, '2e33329d-fed5-4f56-a2b7-65caa5ef0cfe', { batteryStats: false });
    expect(details.results[0]).toEqual({ name: 'ios.ProductName', value: null });
    expect(replay.lastPath()).toBe('/api/v2/devices/2e33329d-fed5-4f56-a2b7-65caa5ef0cfe/details?adminDeviceSpaceId=1');
    replay.respond(200, fixture('documents/ds02-mine.json'));
    expect((await client.myDeviceSpaces({ credential })).results).toEqual([
      { id: 1, name: 'Global', description: null },
    ]);
  });
});

describe('failure mapping', () => {
  it.each([
    [401, 'UNAUTHENTICATED'],
    [403, 'FORBIDDEN'],
    [404, 'NOT_FOUND'],
    [429, 'RATE_LIMITED'],
    [500, 'UPSTREAM_ERROR'],
    [503, 'UPSTREAM_UNAVAILABLE'],
  ])('HTTP %i is %s', async (status, code) => {
    replay.respond(status, '{"messages":[]}');
    await expect(search()).rejects.toMatchObject({ code });
  });

  it('a truncated body is UPSTREAM_ERROR, not a crash', async () => {
    replay.respond(200, '{"results":[{"common.uuid":');
    await expect(search()).rejects.toMatchObject({ code: 'UPSTREAM_ERROR' });
  });

  it('a body of the wrong shape is UPSTREAM_ERROR', async () => {
    replay.respond(200, '{"results":"nope","totalCount":1}');
    await expect(search()).rejects.toMatchObject({ code: 'UPSTREAM_ERROR' });
  });

  // Search rows are checked in place (src/upstream/epmm/dto.ts); one that is not an object is dropped alone
  // (docs/decisions.md "Tolerant decoding"), the page is kept.
  it.each(['null', '"row"', '7', '["common.uuid"]'])(
    'a search row %s that is not an object is dropped, not the page',
    async (row) => {
      replay.respond(200, `{"results":[{"common.uuid":"9b0da853-9f9b-483c-97ef-f4b5457299cf"},${row}],"totalCount":2}`);
      expect((await search()).results).toEqual([{ 'common.uuid': '9b0da853-9f9b-483c-97ef-f4b5457299cf' }]);
    },
  );

  it('a path parameter that is not a uuid is refused before any call', async () => {
    replay.respond(200, fixture('documents/v09-details.json'));
    const before = replay.lastPath();
    await expect(client.deviceDetails(caller, '../../admin', { batteryStats: false })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    expect(replay.lastPath()).toBe(before);
  });
});
