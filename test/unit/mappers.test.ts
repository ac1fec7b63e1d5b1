import { describe, expect, it } from 'vitest';
import { toDateTime } from '../../src/models/datetime.js';
import { epmmDeviceToModel, epmmPlatform } from '../../src/models/epmm-device.js';
import { decodeId, encodeId } from '../../src/ids.js';
import { encodeCursor, offsetAfter, pageSize } from '../../src/pagination.js';
import { parseBasicAuthorization } from '../../src/auth/credentials.js';
import { TEST_DIGEST } from '../helpers/credentials.js';

describe('toDateTime', () => {
  it.each([
    ['2020-11-09T07:38:22.000Z', '2020-11-09T07:38:22.000Z'],
    ['2019-04-10T01:46:06Z', '2019-04-10T01:46:06.000Z'],
    [1596024109907, '2020-07-29T12:01:49.907Z'],
    ['1596024109907', '2020-07-29T12:01:49.907Z'],
    ['07-29-2020 12:01:49', '2020-07-29T12:01:49.000Z'],
    ['2022-06-05', '2022-06-05T00:00:00.000Z'],
    ['', null],
    [null, null],
    ['not a date', null],
  ])('%s -> %s', (input, expected) => {
    expect(toDateTime(input)).toBe(expected);
  });
});

describe('epmmDeviceToModel', () => {
  it('reads flat dotted keys and normalises values', () => {
    const model = epmmDeviceToModel({
      'common.uuid': 'A57DCD91-F9A4-428E-BD47-3DD96BB7E1F9',
      'common.id': 9,
      'common.platform': 'Android',
      'common.status': 'RETIRE PENDING',
      'common.compliant': 'false',
      'common.imei': '',
      'common.storage_capacity': 11766960000,
      'common.noncompliance_reasons': ['DEVICE_ADMIN_DEACTIVE'],
      'user.user_id': 'testuser2264',
      'ios.iPhone UDID': 'ignored',
    });
    expect(model).toMatchObject({
      uuid: 'a57dcd91-f9a4-428e-bd47-3dd96bb7e1f9',
      legacyId: 9,
      platform: 'ANDROID',
      status: 'RETIRE_PENDING',
      compliant: false,
      imei: null,
      storageCapacityBytes: 11766960000,
      noncomplianceReasons: ['DEVICE_ADMIN_DEACTIVE'],
      user: { principal: 'testuser2264', displayName: null },
    });
  });

  it('drops a row without a uuid', () => {
    expect(epmmDeviceToModel({ 'common.uuid': '', 'common.id': 3 })).toBeNull();
  });

  it.each([
    ['iOS', 'IOS'],
    ['OS X', 'MACOS'],
    ['macOS', 'MACOS'],
    ['WINDOWS_PHONE', 'WINDOWS'],
    ['Windows', 'WINDOWS'],
    ['BlackBerry', 'OTHER'],
  ])('platform %s -> %s', (input, expected) => {
    expect(epmmPlatform(input)).toBe(expected);
  });
});

describe('ids and cursors', () => {
  it('round-trips global ids and rejects forged ones', () => {
    const id = encodeId('Device', 'EPMM', 'a57dcd91-f9a4-428e-bd47-3dd96bb7e1f9');
    expect(decodeId(id)).toEqual({ type: 'Device', source: 'EPMM', key: 'a57dcd91-f9a4-428e-bd47-3dd96bb7e1f9' });
    expect(() => decodeId(Buffer.from('Admin:EPMM:1').toString('base64url'))).toThrow(/not a valid id/);
    expect(() => decodeId('!!!')).toThrow(/not a valid id/);
  });

  it('round-trips cursors and bounds page sizes', () => {
    expect(offsetAfter(encodeCursor(49))).toBe(50);
    expect(offsetAfter(undefined)).toBe(0);
    expect(() => offsetAfter('garbage')).toThrow(/cursor/);
    expect(pageSize(undefined, 200)).toBe(50);
    expect(() => pageSize(201, 200)).toThrow(/first/);
  });
});

describe('parseBasicAuthorization', () => {
  it('parses Basic credentials into a scope that does not reveal them', () => {
    const basic = (userPass: string) => `Basic ${Buffer.from(userPass).toString('base64')}`;
    const credential = parseBasicAuthorization(basic('miadmin:secret'), TEST_DIGEST)!;
    expect(credential.username).toBe('miadmin');
    expect(credential.scope).not.toContain('secret');
    expect(parseBasicAuthorization(basic('miadmin:other'), TEST_DIGEST)!.scope).not.toBe(credential.scope);
    expect(parseBasicAuthorization('Bearer abc', TEST_DIGEST)).toBeUndefined();
    expect(parseBasicAuthorization(null, TEST_DIGEST)).toBeUndefined();
  });
});
