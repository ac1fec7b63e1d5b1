// Device posture (encryption, supervision, passcode, OS build, enrolment, carrier, patch level) and displayName, from
// EPMM search rows and details and from Neurons records: the documents' samples, the real-world recordings, and the
// odd types real servers send. A datum the source does not report is null, never an error.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deviceDisplayName } from '../../src/models/device-display-name.js';
import type { DeviceModel } from '../../src/models/device.js';
import { epmmDetailsToDevice } from '../../src/models/epmm-device-detail.js';
import { epmmDeviceToModel } from '../../src/models/epmm-device.js';
import { epmmFieldsFor } from '../../src/models/epmm-device-projection.js';
import { neuronsDeviceToModel } from '../../src/models/neurons-device.js';
import type { DecodeWarningKind } from '../../src/upstream/decode-warnings.js';
import { DeviceDetailsResponse, decodeEpmmDeviceRows, type EpmmDeviceRow } from '../../src/upstream/epmm/dto.js';
import { DeviceSearchResult, NeuronsDeviceDetail } from '../../src/upstream/neurons/dto.js';
import { parseNeurons } from '../../src/upstream/neurons/parse.js';

const json = (path: string) => JSON.parse(readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8'));
const POSTURE = [
  'encrypted',
  'supervised',
  'passcodeCompliant',
  'osBuild',
  'enrollmentType',
  'carrier',
  'securityPatchLevel',
] as const;
const posture = (device: DeviceModel | null) =>
  device && Object.fromEntries(POSTURE.map((field) => [field, device[field]]));
const NO_POSTURE = Object.fromEntries(POSTURE.map((field) => [field, null]));

function collector() {
  const warnings: Array<{ path: string; kind: DecodeWarningKind }> = [];
  return { warnings, report: (path: string, kind: DecodeWarningKind) => warnings.push({ path, kind }) };
}

const UUID = '9af85060-4775-4f52-967c-bfb4979bd19d';

describe('EPMM posture', () => {
  it('reads an Android row: encryption, build, registration level, patch level, and the carrier of its SIM', () => {
    const device = epmmDeviceToModel({
      'common.uuid': UUID,
      'common.platform': 'Android',
      'common.device_encrypted': true,
      'common.imsi': '310410792173128',
      'common.home_operator_name': 'AT&T',
      'android.os_build_number': 'SQ3A.220605.009.B1',
      'android.registration_status': 'Work Profile',
      'android.security_patch': '2022-06-05',
    });
    expect(posture(device)).toEqual({
      encrypted: true,
      supervised: null,
      passcodeCompliant: null,
      osBuild: 'SQ3A.220605.009.B1',
      enrollmentType: 'Work Profile',
      carrier: 'AT&T',
      securityPatchLevel: '2022-06-05',
    });
  });

  it('reads an iOS row: passcode verdict (all rules first, profile rules else) and the build under `iPhone VERSION`', () => {
    const row = { 'common.uuid': UUID, 'common.platform': 'iOS', 'ios.iPhone VERSION': '21F90' };
    expect(
      epmmDeviceToModel({
        ...row,
        'ios.PasscodeIsCompliant': false,
        'ios.PasscodeIsCompliantWithProfiles': true,
      }),
    ).toMatchObject({ passcodeCompliant: false, osBuild: '21F90' });
    expect(epmmDeviceToModel({ ...row, 'ios.PasscodeIsCompliantWithProfiles': true })?.passcodeCompliant).toBe(true);
  });

  it('gives no carrier to a device without a SIM, although EPMM names an operator for every registration', () => {
    const row = { 'common.uuid': UUID, 'common.home_operator_name': 'AT&T' };
    expect(epmmDeviceToModel(row)?.carrier).toBeNull();
    expect(epmmDeviceToModel({ ...row, 'common.imsi': '' })?.carrier).toBeNull();
    expect(epmmDeviceToModel({ ...row, 'common.imsi': 310410792173128 })?.carrier).toBe('AT&T');
  });

  it('reads booleans leniently and numbers as text; anything else is null, never an error', () => {
    const read = (value: unknown) => epmmDeviceToModel({ 'common.uuid': UUID, 'common.device_encrypted': value });
    for (const yes of [true, 'true', 'TRUE', ' 1 ', 1, 'Yes', 'on'])
      expect(read(yes)?.encrypted, String(yes)).toBe(true);
    for (const no of [false, 'false', '0', 0, 'no', 'Off']) expect(read(no)?.encrypted, String(no)).toBe(false);
    for (const odd of [2, 'unsupported', '', {}, [], null, undefined]) expect(read(odd)?.encrypted).toBeNull();
    const numeric = epmmDeviceToModel({ 'common.uuid': UUID, 'android.os_build_number': 8650216 });
    expect(numeric?.osBuild).toBe('8650216');
    expect(posture(epmmDeviceToModel({ 'common.uuid': UUID, 'android.registration_status': '  ' }))).toEqual(
      NO_POSTURE,
    );
  });

  it('converts a flag of another type at the boundary and reports its path, never its value', () => {
    const { warnings, report } = collector();
    const rows: EpmmDeviceRow[] = [
      { 'common.uuid': UUID, 'common.device_encrypted': 'Yes', 'ios.PasscodeIsCompliant': 'unsupported' },
      { 'common.uuid': UUID, 'common.device_encrypted': true, 'ios.PasscodeIsCompliantWithProfiles': '*****' },
    ];
    decodeEpmmDeviceRows(rows, report);
    expect(rows[0]['common.device_encrypted']).toBe(true);
    expect(rows[0]['ios.PasscodeIsCompliant']).toBeNull();
    expect(rows[1]['ios.PasscodeIsCompliantWithProfiles']).toBeNull();
    expect(warnings).toEqual([
      { path: 'results[].common.device_encrypted', kind: 'type' },
      { path: 'results[].ios.PasscodeIsCompliant', kind: 'type' },
      { path: 'results[].ios.PasscodeIsCompliantWithProfiles', kind: 'masked' },
    ]);
    expect(JSON.stringify(warnings)).not.toMatch(/Yes|unsupported|\*\*\*/);
  });

  it('reads the documents’ Android details (test/fixtures/documents/v10-details.json)', () => {
    const sample = DeviceDetailsResponse.parse(json('documents/v10-details.json')).results;
    const fields = epmmFieldsFor(['uuid', 'encrypted', 'osBuild', 'enrollmentType', 'securityPatchLevel', 'carrier']);
    // The sample names no platform, so `ios.*` is not excused, and has no `common.home_operator_name`: the gateway
    // searches instead of guessing.
    expect(epmmDetailsToDevice(sample, UUID, fields)).toEqual({
      device: null,
      missing: ['common.home_operator_name', 'ios.iPhone VERSION'],
    });
    // V10 is the Android variant: with the platform named, the Apple-only fields are excused.
    const android = [...sample, { name: 'common.platform', value: 'Android' }];
    const read = epmmDetailsToDevice(
      android,
      UUID,
      epmmFieldsFor(['uuid', 'encrypted', 'osBuild', 'securityPatchLevel']),
    );
    expect(posture(read.device)).toEqual({
      encrypted: true,
      supervised: null,
      passcodeCompliant: null,
      osBuild: 'SQ3A.220605.009.B1',
      enrollmentType: 'Work Profile',
      carrier: null,
      securityPatchLevel: '2022-06-05',
    });
  });

  it('reads the documents’ search sample (test/fixtures/documents/v01-search-big-sample.json)', () => {
    const [row] = json('documents/v01-search-big-sample.json').results;
    expect(posture(epmmDeviceToModel(row))).toMatchObject({ carrier: 'AT&T', enrollmentType: 'Device Admin' });
    expect(deviceDisplayName(epmmDeviceToModel(row)!)).toBe('SAMSUNG-SM-G900A of testuser2264');
  });

  it('reads the real-world rows (no posture there) and names them by model, masked users left out', () => {
    const pages = ['get_devices_response_page.json', 'get_devices_response_page2.json'];
    const rows: EpmmDeviceRow[] = [
      ...pages.flatMap((page) => json(`real-world/xsoar-mobileiron-core/${page}`).results as EpmmDeviceRow[]),
      { ...json('real-world/xsoar-mobileiron-core/clean_device_data.json'), 'common.uuid': UUID },
    ];
    for (const masked of [false, true]) {
      const copies = rows.map((row) => ({ ...row }));
      if (masked) decodeEpmmDeviceRows(copies, collector().report);
      for (const row of copies) {
        const device = epmmDeviceToModel(row);
        expect(posture(device)).toEqual(NO_POSTURE);
        // `*****` as the user's name (and, decoded, as the login) is no owner to name.
        expect(deviceDisplayName(device!)).toBe('Pixel');
      }
    }
  });
});

describe('Neurons posture', () => {
  const search = (file: string) =>
    parseNeurons(DeviceSearchResult, json(`real-world/xsoar-mobileiron-cloud/${file}`), 'device search', () => {})
      .searchResults;

  it('reads the real-world records: supervision, passcode, build and carrier as recorded', () => {
    const [windows, android] = search('get_devices_response_page.json').map((record) =>
      neuronsDeviceToModel(record, 33533),
    );
    const [iphone] = search('get_devices_response_page2.json').map((record) => neuronsDeviceToModel(record, 33533));
    expect(posture(windows)).toEqual({ ...NO_POSTURE, osBuild: '10.0.19041.329' });
    // Android reports only the profiles' verdict; `UNKNOWN` is no carrier.
    expect(posture(android)).toEqual({ ...NO_POSTURE, passcodeCompliant: true, osBuild: 'QP1A.191005.007.A3' });
    expect(posture(iphone)).toEqual({
      ...NO_POSTURE,
      supervised: false,
      passcodeCompliant: true,
      osBuild: '17B111',
      carrier: 'Telekom.de',
    });
    expect([windows, android, iphone].map(deviceDisplayName)).toEqual(['WINDEV2006EVAL', 'ANDROID-Pixel-', 'iPhone']);
  });

  it('reads the real-world device detail and the documents’ group devices', () => {
    const detail = parseNeurons(
      NeuronsDeviceDetail,
      json('real-world/xsoar-mobileiron-cloud/device_response.json'),
      'device',
      () => {},
    );
    expect(posture(neuronsDeviceToModel(detail, 33533))).toEqual({ ...NO_POSTURE, osBuild: '10.0.19041.264' });
    const [iphone] = parseNeurons(
      DeviceSearchResult,
      json('documents/ng13-devices-by-group.json'),
      'devices',
      () => {},
    ).searchResults;
    expect(posture(neuronsDeviceToModel(iphone, 1))).toMatchObject({ supervised: false, osBuild: '12B440' });
  });

  it('names the enrolment mode a record flags, in the words EPMM uses', () => {
    const base = search('get_devices_response_page2.json')[0];
    const mode = (flags: Record<string, unknown>) => neuronsDeviceToModel({ ...base, ...flags }, 33533).enrollmentType;
    expect(mode({ depEnrolled: true })).toBe('Automated Device Enrollment');
    expect(mode({ userEnrolled: true })).toBe('User Enrollment');
    expect(mode({ androidDeviceOwnerModeEnabled: true, androidWorkContainerEnabled: true })).toBe('Device Owner');
    expect(mode({ androidWorkContainerEnabled: true })).toBe('Work Profile');
    expect(mode({})).toBeNull();
  });

  it('converts odd types at the boundary, reporting paths only; missing keys are null', () => {
    const { warnings, report } = collector();
    const record = {
      ...json('real-world/xsoar-mobileiron-cloud/get_devices_response_page2.json').result.searchResults[0],
      supervised: 'true',
      passcodeCompliant: 1,
      depEnrolled: 'Yes',
      osBuildVersion: 17,
      subscriberCarrierNetwork: 'Not Present',
    };
    const [device] = parseNeurons(
      DeviceSearchResult,
      { errors: null, result: { totalCount: 1, offset: 0, limit: 10, searchResults: [record] } },
      'device search',
      report,
    ).searchResults.map((read) => neuronsDeviceToModel(read, 33533));
    expect(posture(device)).toEqual({
      ...NO_POSTURE,
      supervised: true,
      passcodeCompliant: true,
      osBuild: '17',
      enrollmentType: 'Automated Device Enrollment',
    });
    expect(warnings.map((warning) => warning.path).sort()).toEqual([
      'searchResults[].depEnrolled',
      'searchResults[].osBuildVersion',
      'searchResults[].passcodeCompliant',
      'searchResults[].supervised',
    ]);
    const {
      supervised: _s,
      osBuildVersion: _o,
      passcodeCompliant: _p,
      passcodeCompliantWithProfiles: _w,
      ...bare
    } = record;
    const missing = parseNeurons(
      DeviceSearchResult,
      { errors: null, result: { totalCount: 1, offset: 0, limit: 10, searchResults: [bare] } },
      'device search',
      () => {},
    ).searchResults[0];
    expect(neuronsDeviceToModel(missing, 33533)).toMatchObject({
      supervised: null,
      passcodeCompliant: null,
      osBuild: null,
    });
  });
});

describe('displayName', () => {
  const device = (overrides: Partial<DeviceModel>) =>
    ({ ...epmmDeviceToModel({ 'common.uuid': UUID })!, ...overrides }) as DeviceModel;
  const user = (names: { displayName?: string | null; firstName?: string | null; lastName?: string | null }) => ({
    kind: 'User' as const,
    source: 'EPMM' as const,
    principal: 'jdoe',
    email: 'jdoe@example.com',
    displayName: null,
    firstName: null,
    lastName: null,
    ...names,
  });

  it('falls back from the name to "model of user" to the model to the UUID', () => {
    const jane = user({ displayName: 'Jane Doe' });
    expect(deviceDisplayName(device({ name: "Jane's iPhone", model: 'iPhone 14', user: jane }))).toBe("Jane's iPhone");
    expect(deviceDisplayName(device({ name: '  ', model: 'iPhone 14', user: jane }))).toBe('iPhone 14 of Jane Doe');
    expect(deviceDisplayName(device({ model: 'iPhone 14', user: user({ firstName: 'Jane', lastName: 'Doe' }) }))).toBe(
      'iPhone 14 of Jane Doe',
    );
    expect(deviceDisplayName(device({ model: 'Pixel 8', user: user({ lastName: 'Doe' }) }))).toBe('Pixel 8 of Doe');
    // A login or an e-mail is not a name to show.
    expect(deviceDisplayName(device({ model: 'Pixel 8', user: user({}) }))).toBe('Pixel 8');
    expect(deviceDisplayName(device({ model: null, user: jane }))).toBe(UUID);
    expect(deviceDisplayName(device({}))).toBe(UUID);
  });
});
