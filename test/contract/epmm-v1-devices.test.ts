// Contract tests for EPMM v1 device management: the document's sample responses (XML, written as JSON the way
// docs/epmm-v1-json.md reads it, and in other plausible mappings) replayed through the real client.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EpmmV1DevicesClient } from '../../src/upstream/epmm/v1-devices-client.js';
import { UpstreamHttp } from '../../src/upstream/http.js';
import { startReplayServer, type ReplayServer } from '../helpers/replay-server.js';
import { adminCredential } from '../helpers/credentials.js';
import type { UpstreamCaller } from '../../src/upstream/caller.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/documents/${name}`, import.meta.url));

let replay: ReplayServer;
let http: UpstreamHttp;
let client: EpmmV1DevicesClient;
const caller: UpstreamCaller = { credential: adminCredential('miadmin') };
const UUID = 'cf667a65-1e1a-4121-af63-398b11540d2f';

beforeAll(async () => {
  replay = await startReplayServer();
  http = new UpstreamHttp('EPMM', replay.url, { connections: 2, timeoutMs: 5000 });
  client = new EpmmV1DevicesClient(http);
});
afterAll(async () => {
  await http.close();
  await replay.close();
});

const SAMPLE_DEVICE = {
  id: 2,
  uuid: '8d711cdc-e93c-49b1-88d6-222f54132445',
  principal: 'jdoe',
  blockReason: 0,
  clientId: 1073741831,
  countryCode: '1',
  model: '8130',
  name: 'jdoe:Android 4.4:PDA 2',
  phoneNumber: '4085551212',
  employeeOwned: false,
  mdmManaged: false,
  mdmProfileUrlId: '',
  status: 'ACTIVE',
  statusCode: 97,
  userUuid: 'de398fcb-a3a4-412c-a1dd-9be8bd46e728',
};

describe('E01-E07 device lists', () => {
  it('E01 sample: one device (a bare object, not an array) with details as a map', async () => {
    replay.respond(200, fixture('e01-devices-by-status.json'));
    const devices = await client.devicesByStatus(caller, 'ACTIVE');
    expect(replay.lastPath()).toBe('/api/v1/dm/devices?status=ACTIVE');
    expect(devices).toHaveLength(1);
    expect(devices[0]).toMatchObject({
      ...SAMPLE_DEVICE,
      userSource: 76,
      easUuid: '4d22d6d7-29dc-4c35-8e67-23dee442cf85',
      iPhoneVersion: '8J2',
    });
    expect(devices[0].details).toEqual({ device_model: 'DROIDX', platform_name: '2.2', Client_version: '4.2.0' });
  });

  it('the same sample from another mapper (no root, lower-case keys, @id, text numbers, collapsed list) reads the same', async () => {
    replay.respond(200, fixture('e01-devices-lowercase.json'));
    const [device] = await client.devicesByUser(caller, 'jdoe');
    expect(replay.lastPath()).toBe('/api/v1/dm/users/jdoe');
    expect(device).toMatchObject({ ...SAMPLE_DEVICE, compliance: 3, quarantinedStatus: 1, userSource: 76 });
    expect(device.details).toEqual({ device_model: 'DROIDX' });
  });

  it('E04 puts the numbers in one path segment; 404 "No Data Found" is an empty list', async () => {
    replay.respond(
      404,
      JSON.stringify({ deviceManagementWebServiceResponse: { messages: { message: 'No device found' } } }),
    );
    expect(await client.devicesByPhoneNumbers(caller, ['4085551212', '6505551212'])).toEqual([]);
    expect(replay.lastPath()).toBe('/api/v1/dm/phones/4085551212%2C6505551212');
  });

  it('E02 and E07 read 404 as null; a label name is encoded', async () => {
    replay.respond(
      404,
      JSON.stringify({ deviceManagementWebServiceResponse: { messages: { message: 'No device found' } } }),
    );
    expect(await client.device(caller, UUID)).toBeNull();
    expect(await client.deviceByMac(caller, '38:aa:3c:62:bf:ad')).toBeNull();
    expect(replay.lastPath()).toBe('/api/v1/dm/devices/mac/38AA3C62BFAD');
    expect(await client.devicesByLabel(caller, 'Field Engineering')).toEqual([]);
    expect(replay.lastPath()).toBe('/api/v1/dm/labels/Field%20Engineering');
  });

  it('a body that is not a device list is UPSTREAM_ERROR; a 500 is UPSTREAM_ERROR too', async () => {
    replay.respond(200, JSON.stringify({ devices: { device: { uuid: 'x' } } }));
    await expect(client.devicesByStatus(caller)).rejects.toMatchObject({ code: 'UPSTREAM_ERROR' });
    replay.respond(500, '{}');
    await expect(client.devicesByStatus(caller)).rejects.toMatchObject({ code: 'UPSTREAM_ERROR' });
  });
});

describe('E08-E21 single-device calls', () => {
  it('E08 sample', async () => {
    replay.respond(200, fixture('e08-register.json'));
    const result = await client.register(caller, {
      phoneNumber: '4155551212',
      userId: 'jdoe',
      platform: 'A',
      countryCode: 1,
      notifyUser: true,
    });
    expect(replay.lastPath()).toBe(
      '/api/v1/dm/register?phoneNumber=4155551212&userId=jdoe&platform=A&countrycode=1&notifyUser=true',
    );
    expect(result).toEqual({
      phoneNumber: '14085551212',
      registration: {
        messages: ['Success'],
        deviceUuid: 'caba40e7-f56b-44aa-ac70-79e32e91adf8',
        status: 'SUCCESS',
        passcode: '63460',
        passcodeTTL: 120,
        registrationUrl: 'http://app16.lvanti.com:8080/v/75b13',
      },
    });
  });

  it('E09 sample', async () => {
    replay.respond(200, fixture('e09-retire.json'));
    expect(
      await client.retire(caller, { uuid: 'caba40e7-f56b-44aa-ac70-79e32e91adf8' }, 'User replaced device'),
    ).toEqual({ messages: ['Device is retired successfully.'], deviceUuid: 'caba40e7-f56b-44aa-ac70-79e32e91adf8' });
    expect(replay.lastPath()).toBe(
      '/api/v1/dm/devices/retire/caba40e7-f56b-44aa-ac70-79e32e91adf8?Reason=User+replaced+device',
    );
  });

  it('E13 sample (a BlackBerry-style passcode value)', async () => {
    replay.respond(200, fixture('e13-unlock.json'));
    const result = await client.unlock(caller, { mac: '38AA3C62BFAD' }, 'forgot password');
    expect(replay.lastPath()).toBe('/api/v1/dm/devices/unlock/mac/38AA3C62BFAD?Reason=forgot+password');
    expect(result).toEqual({
      messages: ['1 passcode(s) sent.'],
      passcodes: [{ uuid: UUID, name: ' jdoe:Android:6505551212', value: '6910' }],
    });
  });

  it('E19 sample', async () => {
    replay.respond(200, fixture('e19-locate.json'));
    const result = await client.locate(caller, { uuid: UUID });
    expect(result).toEqual({
      deviceUuid: UUID,
      messages: [],
      locateNow: false,
      locations: [
        {
          uuid: UUID,
          lookupResult: 'Cell',
          latitude: 37.386433,
          longitude: -122.053902,
          radius: 1500,
          capturedAt: 1285802663000,
        },
      ],
    });
  });

  it('E21: both documented messages, voice first', async () => {
    const voice =
      'Device voice roaming settings updated successfully. The voice roaming setting is available only on certain carriers. Disabling voice roaming also disables data roaming.';
    const data = 'Device data roaming settings updated successfully.';
    replay.respond(
      200,
      JSON.stringify({
        deviceManagementWebServiceResponse: { deviceUuid: UUID, messages: { message: [voice, data] } },
      }),
    );
    expect(await client.enableRoaming(caller, UUID, { voice: true, data: false })).toEqual([voice, data]);
    expect(replay.lastPath()).toBe(`/api/v1/dm/devices/enableroaming/${UUID}?voice=true&data=false`);
  });

  it('a lock on an unknown device is NOT_FOUND; a malformed uuid is refused before any call', async () => {
    replay.respond(
      404,
      JSON.stringify({ deviceManagementWebServiceResponse: { messages: { message: 'No device found' } } }),
    );
    await expect(client.lock(caller, { uuid: UUID }, 'lost')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(client.wipe(caller, { uuid: '../../api/v2/devices' })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
  });
});

describe('E22-E24 reference lists', () => {
  it('E22 sample', async () => {
    replay.respond(200, fixture('e22-labels.json'));
    expect(await client.labels(caller)).toEqual([
      {
        id: -3,
        name: 'iOS',
        description: 'Label for all iOS devices.',
        staticLabel: false,
        query: '"common.platform"="iOS" AND "common.retired"=false',
        deviceCount: 3,
        isEsSearch: 116,
      },
    ]);
  });

  it('E23 sample (id is a child element)', async () => {
    replay.respond(200, fixture('e23-operators.json'));
    expect(await client.operators(caller)).toEqual([
      {
        id: 269,
        carrierShortName: 'AT&T',
        carrierType: 'Mobile',
        countryCode: 1,
        countryId: 183,
        countryName: 'United States',
        enabled: true,
      },
    ]);
  });

  it('E24 sample, including the misspelt isoaplha2code', async () => {
    replay.respond(200, fixture('e24-countries.json'));
    expect(await client.countries(caller)).toEqual([
      { countryName: 'United States', countryCode: 1, isoAlpha2Code: 'US', enabledForRegistration: 102 },
      { countryName: 'India', countryCode: 91, isoAlpha2Code: 'IN', enabledForRegistration: 116 },
    ]);
  });
});

describe('E25-E29 bulk calls and profiles', () => {
  it('E25 UNLOCK sample; the uuids travel as a repeated deviceUuids', async () => {
    replay.respond(200, fixture('e25-bulk-unlock.json'));
    const result = await client.bulkAction(caller, 'UNLOCK', [
      '1ac8bd81-4ab9-4e3e-b3a8-0c4f70521d23',
      '623094f9-645b-4ecf-8840-78597cc1254b',
    ]);
    expect(replay.lastPath()).toBe(
      '/api/v1/dm/bulk/devices/UNLOCK?deviceUuids=1ac8bd81-4ab9-4e3e-b3a8-0c4f70521d23&deviceUuids=623094f9-645b-4ecf-8840-78597cc1254b',
    );
    expect(result).toEqual({
      messages: [],
      invalidDevices: ['1ac8bd81-4ab9-4e3e-b3a8-0c4f70521d23', '623094f9-645b-4ecf-8840-78597cc1254b'],
      passcodes: [{ uuid: '1ac8bd81-4ab9-4e3e-b3a8-0c4f70521d23', name: 'jdoe:Android:6505551212', value: 'Q' }],
      failedDevices: [],
    });
  });

  it('E25 LOCK example: an empty <messages/> is an empty answer', async () => {
    replay.respond(200, fixture('e25-bulk-empty.json'));
    expect(await client.bulkAction(caller, 'LOCK', [UUID])).toEqual({
      messages: [],
      invalidDevices: [],
      passcodes: [],
      failedDevices: [],
    });
  });

  it('E26 sample: a <message> beside an empty <messages/> is read as the message', async () => {
    replay.respond(200, fixture('e26-sendmessage.json'));
    const result = await client.sendMessage(caller, { uuids: [UUID] }, { text: 'Hello World', mode: 'sms' });
    expect(replay.lastPath()).toBe(`/api/v1/dm/bulk/sendmessage?deviceUuid=${UUID}&message=Hello+World&mode=sms`);
    expect(result).toEqual({ messages: [' Message sent successfully for all devices.'], invalidDevices: [] });
  });

  it('E27 sends deviceWiFiMacAddress', async () => {
    replay.respond(200, fixture('e26-sendmessage.json'));
    await client.sendMessage(caller, { macs: ['00:23:76:96:63:5f'] }, { text: 'Hi', mode: 'email', subject: 'S' });
    expect(replay.lastPath()).toBe(
      '/api/v1/dm/bulk/mac/sendmessage?deviceWiFiMacAddress=00237696635F&message=Hi&mode=email&subject=S',
    );
  });

  it('E28 sample: a POLICY and an APP profile share id -2', async () => {
    replay.respond(200, fixture('e28-profiles.json'));
    const profiles = await client.profiles(caller, UUID);
    expect(profiles.map((profile) => [profile.id, profile.profileType, profile.uuid])).toEqual([
      [-7, 'POLICY', 'misystem-default-docs-policy'],
      [-3, 'POLICY', 'misystem-default-security-policy'],
      [-2, 'POLICY', 'misystem-default-privacy-policy'],
      [-2, 'APP', undefined],
    ]);
    expect(profiles[3]).toMatchObject({ name: ' System - iOS MDM', policyType: 'MDM', lastUpdatedAt: 1347343165501 });
  });

  it('E29 sends id and type; its undocumented answer may be empty', async () => {
    replay.respond(200, '{}');
    expect(await client.repushProfiles(caller, UUID, { id: 3, type: 'APP' })).toEqual({ messages: [] });
    expect(replay.lastPath()).toBe(`/api/v1/dm/devices/repushprofile/${UUID}?id=3&type=APP`);
  });
});
