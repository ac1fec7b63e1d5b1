// The Device field -> EPMM field table behind projection, checked against the schema and the row mapper.
import { describe, expect, it } from 'vitest';
import { isObjectType } from 'graphql';
import { buildSchema } from '../../src/schema.js';
import {
  EPMM_DEVICE_FIELDS,
  epmmDeviceToModel,
  epmmProjectedDeviceToModel,
  mergeProjectedDevices,
} from '../../src/models/epmm-device.js';
import { carriesFields, EPMM_FIELDS_BY_DEVICE_FIELD, epmmFieldsFor } from '../../src/models/epmm-device-projection.js';

const ROW = {
  'common.uuid': 'A1B2C3D4-0000-4000-8000-000000000001',
  'common.id': 7,
  'common.platform': 'Android',
  'common.platform_name': 'Android 14',
  'common.os_version': '14',
  'common.model': 'Pixel 8',
  'common.manufacturer': 'Google',
  'common.status': 'ACTIVE',
  'common.compliant': false,
  'common.noncompliance_reasons': ['OS_VERSION_OUT_OF_DATE'],
  'common.quarantined': true,
  'common.device_is_compromised': false,
  'common.owner': 'COMPANY',
  'common.current_phone_number': '14085551212',
  'common.imei': '356',
  'common.SerialNumber': 'SN1',
  'common.registration_date': '2024-01-02T03:04:05Z',
  'common.last_connected_at': '2024-02-03T04:05:06Z',
  'common.storage_capacity': 128,
  'common.storage_free': 64,
  'common.memory_capacity': 8,
  'common.memory_free': 4,
  'common.battery_level': 55,
  'common.client_version': '12.1',
  'common.device_space_name': 'Global',
  'ios.DeviceName': 'phone',
  'user.user_id': 'jdoe',
  'user.display_name': 'J Doe',
  'user.email_address': 'j@example.com',
  'user.first_name': 'J',
  'user.last_name': 'Doe',
};

describe('EPMM device projection', () => {
  it('knows every Device field of the schema, so a new field is a decision and not a silent full read', () => {
    const device = buildSchema().getType('Device');
    if (!isObjectType(device)) throw new Error('Device is not an object type');
    const unknown = Object.keys(device.getFields()).filter((field) => !(field in EPMM_FIELDS_BY_DEVICE_FIELD));
    expect(unknown).toEqual([]);
  });

  it('asks only for fields of EPMM_DEVICE_FIELDS, always with the uuid', () => {
    expect(epmmFieldsFor([])).toEqual(['common.uuid']);
    for (const needs of Object.values(EPMM_FIELDS_BY_DEVICE_FIELD))
      for (const name of needs) expect(EPMM_DEVICE_FIELDS).toContain(name);
  });

  it('reads every field when a selection names a field it does not know', () => {
    expect(epmmFieldsFor(['model', 'somethingNew'])).toBe(EPMM_DEVICE_FIELDS);
  });

  it('a row read with only the mapped fields gives each Device field the value a full row gives', () => {
    const row = ROW;
    const full = epmmDeviceToModel(row)!;
    const modelKeys = Object.keys(full) as Array<keyof typeof full>;
    for (const field of modelKeys.filter((key) => key in EPMM_FIELDS_BY_DEVICE_FIELD)) {
      const fields = epmmFieldsFor([field]);
      const projected = epmmDeviceToModel(
        Object.fromEntries(Object.entries(row).filter(([name]) => fields.includes(name))),
      )!;
      expect(projected[field], field).toEqual(full[field]);
    }
  });

  it('a row carries the fields it was read with, and a full row carries every field', () => {
    expect(carriesFields(undefined, EPMM_DEVICE_FIELDS)).toBe(true);
    expect(carriesFields(['common.uuid', 'common.model'], ['common.uuid'])).toBe(true);
    expect(carriesFields(['common.uuid'], ['common.uuid', 'common.model'])).toBe(false);
  });

  it('merging two differently projected reads of a device gives the row read with both field sets', () => {
    const project = (fields: readonly string[]) =>
      epmmProjectedDeviceToModel(
        Object.fromEntries(Object.entries(ROW).filter(([name]) => fields.includes(name))),
        fields,
      )!;
    const list = epmmFieldsFor(['uuid', 'model', 'noncomplianceReasons', 'user', 'deviceSpace']);
    const page = epmmFieldsFor(['uuid', 'name', 'platform', 'status', 'model', 'groups', 'details']);
    const union = EPMM_DEVICE_FIELDS.filter((name) => list.includes(name) || page.includes(name));
    for (const [older, newer] of [
      [list, page],
      [page, list],
    ]) {
      expect(mergeProjectedDevices(project(older), project(newer))).toEqual(project(union));
    }
    // Every field of a full row, read in two halves (the user fields together), merges back into the full row.
    const half = EPMM_DEVICE_FIELDS.filter((name, index) => index % 2 === 0 || name.startsWith('user.'));
    const rest = ['common.uuid', ...EPMM_DEVICE_FIELDS.filter((name) => !half.includes(name))];
    expect(mergeProjectedDevices(project(half), project(rest))).toEqual(epmmDeviceToModel(ROW));
  });

  it('a user read in part (a sort key) does not replace a whole one', () => {
    const project = (fields: readonly string[]) =>
      epmmProjectedDeviceToModel(
        Object.fromEntries(Object.entries(ROW).filter(([name]) => fields.includes(name))),
        fields,
      )!;
    const withUser = project(epmmFieldsFor(['user']));
    const sortedByName = project(epmmFieldsFor(['model'], 'USER_DISPLAY_NAME'));
    const merged = mergeProjectedDevices(withUser, sortedByName);
    expect(merged.user).toEqual(withUser.user);
    expect(merged.model).toBe('Pixel 8');
    expect(carriesFields(merged.epmmFields, epmmFieldsFor(['user', 'model']))).toBe(true);
  });
});
