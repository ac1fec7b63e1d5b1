// V04 export: the V01 search, written as CSV with the columns of the requested field groups.
import { DEVICE_FIELDS, type DeviceField } from '../fleet/device-fields.js';
import type { SimDevice, World } from '../fleet/types.js';
import { validation } from './bulk-request.js';
import { toCsv } from '../http/csv.js';

/**
 * The documents name the groups but not their columns: COMMON, USER, ANDROID and IOS are the field prefixes;
 * BASIC is the device grid's default columns; WINDOWS_PHONE has no fields anywhere in the documents.
 */
const BASIC = [
  'common.uuid',
  'common.platform',
  'common.model',
  'common.status',
  'common.last_connected_at',
  'user.user_id',
];
const GROUPS: Readonly<Record<string, (field: DeviceField) => boolean>> = {
  BASIC: (field) => BASIC.includes(field.name),
  COMMON: (field) => field.name.startsWith('common.'),
  USER: (field) => field.name.startsWith('user.'),
  ANDROID: (field) => field.name.startsWith('android.'),
  IOS: (field) => field.name.startsWith('ios.'),
  WINDOWS_PHONE: () => false,
};

/** Columns in the order of the groups asked for, each field once. */
export function exportColumns(fieldGroups: readonly string[]): DeviceField[] {
  const columns: DeviceField[] = [];
  for (const group of fieldGroups) {
    const member = GROUPS[group.toUpperCase()];
    if (!member)
      throw validation('fieldGroups', `fieldGroups: '${group}' is not one of ${Object.keys(GROUPS).join(', ')}.`);
    for (const field of DEVICE_FIELDS) if (member(field) && !columns.includes(field)) columns.push(field);
  }
  return columns;
}

export function exportCsv(world: World, devices: readonly SimDevice[], columns: readonly DeviceField[]): string {
  return toCsv(
    columns.map((field) => field.name),
    devices.map((device) => columns.map((field) => field.get(device, world))),
  );
}
