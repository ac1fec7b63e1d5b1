// How a v2 bulk action answer becomes one outcome per requested device, on the documents' own samples
// (test/fixtures/documents) and on the failure answers the documents describe but do not print.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readBulkAnswer, type AnswerForm, type BulkAnswer } from '../../src/mutations/action-response.js';
import {
  ActionResponse,
  DEVICE_ACTION_SUCCESSFUL,
  LabelActionResponse,
} from '../../src/upstream/epmm/device-actions-dto.js';

/** Parsed with the client's own DTOs, so the samples are read exactly as the gateway reads them. */
const sample = (file: string): BulkAnswer => {
  const json: unknown = JSON.parse(readFileSync(new URL(`../fixtures/documents/${file}`, import.meta.url), 'utf8'));
  return file.startsWith('v16') || file.startsWith('v17')
    ? LabelActionResponse.parse(json)
    : ActionResponse.parse(json);
};

const SAMPLE_UUID = 'af0cea8b-f56c-49f5-b615-76cc34936b2f';
const OTHER = '11111111-2222-4333-8444-555555555555';

function statuses(requested: string[], answer: BulkAnswer, form: AnswerForm) {
  const read = readBulkAnswer(requested, answer, form);
  return requested.map((uuid) => [uuid, read.get(uuid)?.status]);
}

describe('short form: deviceResults lists successes (V03, V14, V19, V20, 001 editions of V18/V21)', () => {
  it.each([
    ['v14-wakeup.json', SAMPLE_UUID],
    ['v19-lock.json', SAMPLE_UUID],
    ['v20-unlock.json', SAMPLE_UUID],
    ['v18-wipe-001.json', SAMPLE_UUID],
    ['v21-retire-001.json', SAMPLE_UUID],
    ['v03-action-send-message.json', 'db46d2ca-df92-46d6-807e-8eb014e28a6f'],
  ])('%s: the requested device succeeded, with its message key', (file, uuid) => {
    const read = readBulkAnswer([uuid], sample(file), 'lists-successes');
    expect(read.get(uuid)).toEqual({
      status: 'SUCCEEDED',
      messageKey: DEVICE_ACTION_SUCCESSFUL,
      message: 'The MDM accepted the action for this device.',
    });
  });

  it('a failure text is FAILED with the text as message and no key; a failure key keeps its key', () => {
    const answer: BulkAnswer = {
      successful: false,
      deviceResults: {
        [SAMPLE_UUID]: 'Action not allowed for a device in state RETIRED',
        [OTHER]: 'com.mobileiron.vsp.messages.device.action.failed',
      },
    };
    const read = readBulkAnswer([SAMPLE_UUID, OTHER], answer, 'lists-successes');
    expect(read.get(SAMPLE_UUID)).toEqual({
      status: 'FAILED',
      messageKey: null,
      message: 'Action not allowed for a device in state RETIRED',
    });
    expect(read.get(OTHER)).toEqual({
      status: 'FAILED',
      messageKey: 'com.mobileiron.vsp.messages.device.action.failed',
      message: 'device action failed',
    });
  });

  it('"Device not found" (with or without the document\'s comma) is NOT_FOUND', () => {
    const answer: BulkAnswer = {
      successful: false,
      deviceResults: { [SAMPLE_UUID]: 'Device not found', [OTHER]: 'Device not found,' },
    };
    expect(statuses([SAMPLE_UUID, OTHER], answer, 'lists-successes')).toEqual([
      [SAMPLE_UUID, 'NOT_FOUND'],
      [OTHER, 'NOT_FOUND'],
    ]);
  });

  it('a requested device the answer does not name is UNCONFIRMED, never assumed done', () => {
    expect(statuses([SAMPLE_UUID, OTHER], sample('v19-lock.json'), 'lists-successes')).toEqual([
      [SAMPLE_UUID, 'SUCCEEDED'],
      [OTHER, 'UNCONFIRMED'],
    ]);
  });

  it('matches uuids case-insensitively, and keys the outcome by the uuid as requested', () => {
    const upper = SAMPLE_UUID.toUpperCase();
    const read = readBulkAnswer([upper], sample('v19-lock.json'), 'lists-successes');
    expect([...read.keys()]).toEqual([upper]);
    expect(read.get(upper)!.status).toBe('SUCCEEDED');
    const answer: BulkAnswer = { successful: true, deviceResults: { [upper]: DEVICE_ACTION_SUCCESSFUL } };
    expect(readBulkAnswer([SAMPLE_UUID], answer, 'lists-successes').get(SAMPLE_UUID)!.status).toBe('SUCCEEDED');
  });
});

describe('long form: records list the devices that succeeded (V15, 000 editions of V18/V21)', () => {
  it.each([
    ['v15-sendmessage.json', '30b8b722-2954-42ab-bda8-700facfa249a'],
    ['v18-wipe-000.json', 'cb1bcc55-bba3-41df-9efa-a3496b065bf9'],
  ])('%s: the requested device succeeded', (file, uuid) => {
    expect(readBulkAnswer([uuid], sample(file), 'lists-successes').get(uuid)).toMatchObject({
      status: 'SUCCEEDED',
      messageKey: DEVICE_ACTION_SUCCESSFUL,
    });
  });

  it('a device in records but missing from deviceResults still succeeded (records are the successes)', () => {
    const answer: BulkAnswer = {
      successful: true,
      deviceResults: {},
      results: [{ records: [SAMPLE_UUID.toUpperCase()] }],
    };
    expect(statuses([SAMPLE_UUID, OTHER], answer, 'lists-successes')).toEqual([
      [SAMPLE_UUID, 'SUCCEEDED'],
      [OTHER, 'UNCONFIRMED'],
    ]);
  });
});

describe('failures only: deviceResults is {} on success, records name the devices (V16, V17, V23)', () => {
  it.each([
    ['v16-labels-add.json', '9a56d1e5-ca74-4776-868c-389c849348b2'],
    ['v17-labels-remove.json', '9a56d1e5-ca74-4776-868c-389c849348b2'],
    ['v23-checkcompliance.json', SAMPLE_UUID],
  ])('%s: the recorded device succeeded', (file, uuid) => {
    expect(readBulkAnswer([uuid], sample(file), 'lists-failures').get(uuid)).toMatchObject({
      status: 'SUCCEEDED',
      messageKey: DEVICE_ACTION_SUCCESSFUL,
    });
  });

  it('a device neither recorded nor failed is UNCONFIRMED even when the answer says successful', () => {
    expect(statuses([SAMPLE_UUID, OTHER], sample('v23-checkcompliance.json'), 'lists-failures')).toEqual([
      [SAMPLE_UUID, 'SUCCEEDED'],
      [OTHER, 'UNCONFIRMED'],
    ]);
  });

  it('without any records, `{}` and successful: true is the only word, and counts as success', () => {
    const answer: BulkAnswer = { successful: true, deviceResults: {} };
    expect(statuses([SAMPLE_UUID], answer, 'lists-failures')).toEqual([[SAMPLE_UUID, 'SUCCEEDED']]);
    expect(statuses([SAMPLE_UUID], { ...answer, successful: false }, 'lists-failures')).toEqual([
      [SAMPLE_UUID, 'UNCONFIRMED'],
    ]);
  });

  it('a device failure keyed by its uuid fails (or is NOT_FOUND for) that device only', () => {
    const answer: BulkAnswer = {
      successful: false,
      deviceResults: {
        [OTHER]: 'Device not found',
        [SAMPLE_UUID.toUpperCase()]: 'Action not allowed for a device in state WIPED',
      },
      results: [{ records: [] }],
    };
    const third = '99999999-2222-4333-8444-555555555555';
    const withThird: BulkAnswer = { ...answer, results: [{ records: [third] }] };
    expect(statuses([SAMPLE_UUID, OTHER, third], withThird, 'lists-failures')).toEqual([
      [SAMPLE_UUID, 'FAILED'],
      [OTHER, 'NOT_FOUND'],
      [third, 'SUCCEEDED'],
    ]);
  });

  it('a failure keyed by a label name fails every device of the request, naming the label', () => {
    const labels = sample('v16-labels-add.json');
    const uuid = '9a56d1e5-ca74-4776-868c-389c849348b2';
    const answer: BulkAnswer = {
      ...labels,
      successful: false,
      deviceResults: { 'Lost-Devices': 'Invalid request. Label not found for Label with ID' },
    };
    const read = readBulkAnswer([uuid, OTHER], answer, 'lists-failures');
    // The device is in the other labels' records, but the request as a whole did not do what was asked.
    expect(read.get(uuid)).toEqual({
      status: 'FAILED',
      messageKey: null,
      message: 'Lost-Devices: Invalid request. Label not found for Label with ID',
    });
    expect(read.get(OTHER)!.status).toBe('FAILED');
  });
});

describe("the samples' mismatched uuids", () => {
  it('one device requested, one entry under another uuid: that entry is the answer for the device', () => {
    // V18/V21 (001) style: the sample answers a uuid other than the one sent.
    const requested = 'cb1bcc55-bba3-41df-9efa-a3496b065bf9';
    expect(readBulkAnswer([requested], sample('v21-retire-001.json'), 'lists-successes').get(requested)).toMatchObject({
      status: 'SUCCEEDED',
      messageKey: DEVICE_ACTION_SUCCESSFUL,
    });
    const failed: BulkAnswer = { successful: false, deviceResults: { [OTHER]: 'Device not found' } };
    expect(readBulkAnswer([requested], failed, 'lists-successes').get(requested)!.status).toBe('NOT_FOUND');
  });

  it('several devices requested and one foreign entry (V03 voice roaming, V21 000): nothing is guessed', () => {
    const v03 = [
      'a2556e62-2ed0-4d42-98fd-a342eaf3e4e6',
      'aa0a05dc-14c9-4355-9640-406b5c219c06',
      'd427879e-bdce-469a-810e-d38eef39bf8e',
    ];
    expect(
      statuses(v03, sample('v03-action-voice-roaming.json'), 'lists-successes').map(([, status]) => status),
    ).toEqual(['UNCONFIRMED', 'UNCONFIRMED', 'UNCONFIRMED']);
    const v21 = ['e4dd5f15-0349-49a9-9cc7-0e6d121ff229', '7f2f9390-4593-4351-b065-6409016026be'];
    expect(statuses(v21, sample('v21-retire-000.json'), 'lists-successes').map(([, status]) => status)).toEqual([
      'UNCONFIRMED',
      'UNCONFIRMED',
    ]);
  });
});
