// Contract tests for the v2 device actions and reports (V02-V05, V11-V24): the documents' sample responses,
// replayed through the real client, and the requests the client sends for them.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EpmmCaller } from '../../src/upstream/epmm/client.js';
import { EpmmV2DevicesClient } from '../../src/upstream/epmm/v2-devices-client.js';
import { DEVICE_ACTION_SUCCESSFUL } from '../../src/upstream/epmm/device-actions-dto.js';
import { UpstreamHttp } from '../../src/upstream/http.js';
import { startReplayServer, type ReplayServer } from '../helpers/replay-server.js';
import { adminCredential } from '../helpers/credentials.js';

const sample = (file: string) => readFileSync(new URL(`../fixtures/documents/${file}`, import.meta.url));
const credential = adminCredential('miadmin');
const caller: EpmmCaller = { credential, adminDeviceSpaceId: 1 };
const AF = 'af0cea8b-f56c-49f5-b615-76cc34936b2f';

let replay: ReplayServer;
let http: UpstreamHttp;
let client: EpmmV2DevicesClient;

beforeAll(async () => {
  replay = await startReplayServer();
  http = new UpstreamHttp('EPMM', replay.url, { connections: 2, timeoutMs: 5000 });
  client = new EpmmV2DevicesClient(http);
});
afterAll(async () => {
  await http.close();
  await replay.close();
});

describe('short-form action samples (V03, V14, V19, V20; V18 and V21 in 001)', () => {
  it('V03 voice roaming and the normalised SEND_MESSAGE sample parse', async () => {
    replay.respond(200, sample('v03-action-voice-roaming.json'));
    const roaming = await client.actOnDevices(
      caller,
      'ENABLE_VOICE_ROAMING',
      ['a2556e62-2ed0-4d42-98fd-a342eaf3e4e6'],
      { note: 'sample note' },
    );
    expect(roaming).toEqual({
      actionType: 'ENABLE_VOICE_ROAMING',
      deviceResults: { 'a68bb0cf-7a35-4d52-8259-c83398a41160': DEVICE_ACTION_SUCCESSFUL },
      successful: true,
    });
    expect(replay.lastPath()).toBe('/api/v2/devices/action?adminDeviceSpaceId=1&actionType=ENABLE_VOICE_ROAMING');
    replay.respond(200, sample('v03-action-send-message.json'));
    const message = await client.actOnDevices(caller, 'SEND_MESSAGE', ['db46d2ca-df92-46d6-807e-8eb014e28a6f'], {
      message: {
        message: 'Your device is in policy violation',
        mode: 'sms',
        subject: 'Important news',
        app: 'Motorola MC75',
      },
    });
    expect(message.successful).toBe(true);
  });

  it.each([
    ['v14-wakeup.json', 'WAKEUP_DEVICE', (c: EpmmV2DevicesClient) => c.wakeUp(caller, [AF], 'something')],
    ['v19-lock.json', 'LOCK', (c: EpmmV2DevicesClient) => c.lock(caller, [AF])],
    ['v20-unlock.json', 'UNLOCK', (c: EpmmV2DevicesClient) => c.unlock(caller, [AF])],
    ['v18-wipe-001.json', 'WIPE', (c: EpmmV2DevicesClient) => c.wipe(caller, [AF])],
    ['v21-retire-001.json', 'RETIRE', (c: EpmmV2DevicesClient) => c.retire(caller, [AF])],
  ])('%s parses without results/resultCount', async (file, actionType, call) => {
    replay.respond(200, sample(file));
    const response = await call(client);
    expect(response).toEqual({ actionType, deviceResults: { [AF]: DEVICE_ACTION_SUCCESSFUL }, successful: true });
  });
});

describe('long-form action samples (V15, V16, V17, V23; V18 and V21 in 000)', () => {
  it('V15, V18-000, V21-000 and V23 carry records and resultCount', async () => {
    replay.respond(200, sample('v15-sendmessage.json'));
    expect(
      (
        await client.sendMessage(caller, ['30b8b722-2954-42ab-bda8-700facfa249a'], {
          message: 'Data roaming is expensive.',
          mode: 'email',
          subject: 'About data roaming',
        })
      ).results?.[0].records,
    ).toEqual(['30b8b722-2954-42ab-bda8-700facfa249a']);
    replay.respond(200, sample('v18-wipe-000.json'));
    expect(
      await client.wipe(caller, ['cb1bcc55-bba3-41df-9efa-a3496b065bf9'], { preserveDataPlan: true }),
    ).toMatchObject({ actionType: 'WIPE', resultCount: 1 });
    replay.respond(200, sample('v21-retire-000.json'));
    // The 000 sample answers a uuid that was never sent; the client passes it on rather than guessing.
    expect(
      (await client.retire(caller, ['e4dd5f15-0349-49a9-9cc7-0e6d121ff229'], { force: true })).results?.[0].records,
    ).toEqual(['754ee0ba-a2f3-4f45-814e-fcfe230665f7']);
    replay.respond(200, sample('v23-checkcompliance.json'));
    expect(await client.checkCompliance(caller, { allDevices: true })).toMatchObject({
      actionType: 'CHECK_COMPLIANCE',
      deviceResults: {},
      successful: true,
    });
    expect(replay.lastPath()).toBe('/api/v2/devices/checkcompliance?adminDeviceSpaceId=1&allDevices=true');
  });

  it('V16 and V17 label records parse, one per label, and the names go in the path', async () => {
    replay.respond(200, sample('v16-labels-add.json'));
    const added = await client.applyLabels(caller, ['ios', 'company-owned'], [AF]);
    expect(added.results?.[0].records.map((record) => record.label)).toEqual(['ios', 'company-owned']);
    expect(added.deviceResults).toEqual({});
    expect(replay.lastPath()).toBe('/api/v2/devices/labels/ios%2Ccompany-owned/add?adminDeviceSpaceId=1');
    replay.respond(200, sample('v17-labels-remove.json'));
    expect((await client.removeLabels(caller, ['ios'], [AF])).actionType).toBe('REMOVE_LABEL_FROM_DEVICES');
  });

  it('a label name with a comma or a slash is refused before any call', async () => {
    await expect(client.applyLabels(caller, ['a,b'], [AF])).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(client.removeLabels(caller, ['a/b'], [AF])).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});

describe('other samples', () => {
  it('V02 registration', async () => {
    replay.respond(200, sample('v02-register-device.json'));
    const response = await client.registerDevice(
      { credential },
      {
        countryCode: 1,
        operatorId: 269,
        platform: 'I',
        phoneNumber: '4083338888',
        deviceLanguageId: 1,
      },
    );
    expect(response.results[0]).toMatchObject({ passcode: '600698', ttl: '120' });
  });

  it('V04 export CSV (no sample in the documents): quoted cells, CRLF, the query in the URL', async () => {
    replay.respond(
      200,
      'common.uuid,ios.DeviceName,common.noncompliance_reasons\r\n9b0da853-9f9b-483c-97ef-f4b5457299cf,"Ann\'s ""work"" phone, 2",OUT_OF_CONTACT;DISALLOWED_APP\r\n',
    );
    const table = await client.exportDevices(caller, {
      query: '',
      labelId: -10,
      fieldGroups: ['USER', 'COMMON', 'ANDROID', 'IOS', 'WINDOWS_PHONE'],
    });
    expect(table).toEqual({
      columns: ['common.uuid', 'ios.DeviceName', 'common.noncompliance_reasons'],
      rows: [
        {
          'common.uuid': '9b0da853-9f9b-483c-97ef-f4b5457299cf',
          'ios.DeviceName': 'Ann\'s "work" phone, 2',
          'common.noncompliance_reasons': 'OUT_OF_CONTACT;DISALLOWED_APP',
        },
      ],
    });
    expect(replay.lastPath()).toBe(
      '/api/v2/devices?adminDeviceSpaceId=1&query=&labelId=-10&fieldGroups=USER%2CCOMMON%2CANDROID%2CIOS%2CWINDOWS_PHONE',
    );
  });

  it('V05 answers a bare array', async () => {
    replay.respond(200, sample('v05-delete.json'));
    expect(
      await client.deleteRetiredDevices(caller, {
        deviceUuids: ['10c43352-15b2-413b-a3e0-4daf3977711a', 'B0BAB9BA-388E-4612-B579-43A40411670C'],
      }),
    ).toEqual(['10c43352-15b2-413b-a3e0-4daf3977711a']);
  });

  it('V11 SIM details keep "N/A" and the trailing space', async () => {
    replay.respond(200, sample('v11-simdetails.json'));
    const response = await client.simDetails(caller, 'dd8adade-4d26-4aad-96cc-0cc317692aeb');
    expect(response.results.map((slot) => slot.carrierNetwork)).toEqual(['N/A', 'Verizon ']);
    expect(replay.lastPath()).toBe(
      '/api/v2/devices/simdetails/dd8adade-4d26-4aad-96cc-0cc317692aeb?adminDeviceSpaceId=1',
    );
  });

  it('V12 CSV rows, including the undocumented SyncStatus Unknown', async () => {
    replay.respond(200, sample('v12-activesync-report.csv'));
    const rows = await client.activeSyncReport({ credential }, { daysIdle: 0, state: 'a' });
    expect(rows).toHaveLength(3);
    expect(rows[2]).toMatchObject({
      DeviceId: 'DeviceID-3',
      SyncStatus: 'Unknown',
      Retired: true,
      LastSyncTime: '2015-04-01 03:14:57 GMT',
    });
    expect(replay.lastPath()).toBe('/api/v2/activesync/devicereport?daysIdle=0&state=a');
  });

  it('V13 app compliance: results is an object', async () => {
    replay.respond(200, sample('v13-appcompliance.json'));
    const response = await client.appCompliance(caller, '7b3ad194-3bc0-4229-b30f-26f6bb277dd7');
    expect(response.results.appViolationsByType.Required?.map((app) => app.appName)).toEqual(['Evernote', 'Waze']);
  });

  it('V22 TeamViewer: the bracketed supporter link is unwrapped', async () => {
    replay.respond(200, sample('v22-teamviewer.json'));
    const response = await client.openTeamViewerSession(caller, 'Android', '2493c9a5-a9c8-43cb-af4c-9475dac8ba69');
    expect(response.results.supporter_link).toBe('https://get.teamviewer.com/s35924946-9c0G78d8rMMZ');
    expect(replay.lastPath()).toBe('/msa/v2/remote/create_teamviewer_session_android');
  });

  it('V24 rule compliance: createdAt is epoch ms', async () => {
    replay.respond(200, sample('v24-rulecompliance.json'));
    expect((await client.ruleCompliance(caller, '9c311225-a7e1-486b-8682-96f96bfb38be')).results[0]).toMatchObject({
      createdAt: 1558738202000,
      complianceActionNames: ['ALERT'],
    });
  });
});

describe('failures', () => {
  it('an action answer of the wrong shape is UPSTREAM_ERROR', async () => {
    replay.respond(200, '{"actionType":"LOCK","deviceResults":[],"successful":"yes"}');
    await expect(client.lock(caller, [AF])).rejects.toMatchObject({ code: 'UPSTREAM_ERROR' });
  });

  it('V04: a messages envelope where CSV was expected is reported as the error it is', async () => {
    replay.respond(
      200,
      '{"messages":[{"type":"Error","messageKey":"com.mobileiron.vsp.messages.validation.failure","localizedMessage":"bad"}]}',
    );
    await expect(client.exportDevices(caller, { query: '', fieldGroups: ['BASIC'] })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      details: { upstreamMessageKey: 'com.mobileiron.vsp.messages.validation.failure' },
    });
  });

  it('a CSV with a ragged line or an open quote is UPSTREAM_ERROR', async () => {
    replay.respond(200, 'DeviceId,MailboxId\nonly-one-cell\n');
    await expect(client.activeSyncReport({ credential }, { daysIdle: 0 })).rejects.toMatchObject({
      code: 'UPSTREAM_ERROR',
    });
    replay.respond(200, 'a,b\n"open,x\n');
    await expect(client.exportDevices(caller, { query: '', fieldGroups: ['BASIC'] })).rejects.toMatchObject({
      code: 'UPSTREAM_ERROR',
    });
  });
});
