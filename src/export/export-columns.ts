// The export's header: by default the names a GraphQL client already knows (the Device fields, `user.<User field>`
// for the user's), so a spreadsheet and a query speak of the same `lastCheckInAt`; `?columns=vendor` keeps EPMM's
// own V04 names (`common.last_connected_at`) for tools written against EPMM. Either way each row also says which MDM
// it comes from (`source`); in GraphQL naming it leads with the device's global `id`, as `device(id:)` takes it.
// Values are EPMM's as exported: only the names change.
import { encodeId } from '../ids.js';

export const COLUMN_NAMINGS = ['graphql', 'vendor'] as const;
export type ColumnNaming = (typeof COLUMN_NAMINGS)[number];

/** The MDM every exported row comes from: the export pages through EPMM's V04. */
const SOURCE = 'EPMM';
const UUID_COLUMN = 'common.uuid';

/**
 * EPMM export column -> the Device field that reads it (src/models/epmm-device-projection.ts says which EPMM
 * fields each Device field reads; test/unit/export-columns.test.ts holds the two together). A column no Device field
 * reads keeps its EPMM name.
 */
export const GRAPHQL_COLUMN_NAMES: Readonly<Record<string, string>> = {
  'common.uuid': 'uuid',
  'common.id': 'legacyId',
  'ios.DeviceName': 'name',
  'common.platform': 'platform',
  'common.platform_name': 'platformName',
  'common.os_version': 'osVersion',
  'common.model': 'model',
  'common.manufacturer': 'manufacturer',
  'common.status': 'status',
  'common.compliant': 'compliant',
  'common.noncompliance_reasons': 'noncomplianceReasons',
  'common.quarantined': 'quarantined',
  'common.device_is_compromised': 'compromised',
  'common.owner': 'ownership',
  'common.current_phone_number': 'phoneNumber',
  'common.imei': 'imei',
  'common.SerialNumber': 'serialNumber',
  'common.registration_date': 'registeredAt',
  'common.last_connected_at': 'lastCheckInAt',
  'common.storage_capacity': 'storageCapacityBytes',
  'common.storage_free': 'storageFreeBytes',
  'common.memory_capacity': 'memoryCapacityBytes',
  'common.memory_free': 'memoryFreeBytes',
  'common.battery_level': 'batteryLevel',
  'common.client_version': 'clientVersion',
  'common.device_space_name': 'deviceSpaceName',
  'common.device_encrypted': 'encrypted',
  'android.security_patch': 'securityPatchLevel',
  'android.registration_status': 'enrollmentType',
  'user.user_id': 'user.principal',
  'user.display_name': 'user.displayName',
  'user.email_address': 'user.email',
  'user.first_name': 'user.firstName',
  'user.last_name': 'user.lastName',
};

export interface ExportColumns {
  /** The header line's cells. */
  header: string[];
  /** One row's cells, from an exported row keyed by EPMM column. */
  cells(row: Readonly<Record<string, string>>): string[];
}

/** The header and row cells for the EPMM columns of an export page, in `naming`. */
export function exportColumns(vendorColumns: readonly string[], naming: ColumnNaming): ExportColumns {
  if (naming === 'vendor')
    return {
      header: ['source', ...vendorColumns],
      cells: (row) => [SOURCE, ...vendorColumns.map((column) => row[column] ?? '')],
    };
  const renamed = vendorColumns.map((column) => GRAPHQL_COLUMN_NAMES[column] ?? column);
  // The global id is made from the uuid, which every field group but USER alone carries.
  if (!vendorColumns.includes(UUID_COLUMN))
    return {
      header: ['source', ...renamed],
      cells: (row) => [SOURCE, ...vendorColumns.map((column) => row[column] ?? '')],
    };
  return {
    header: ['id', 'source', ...renamed],
    cells: (row) => [
      row[UUID_COLUMN] ? encodeId('Device', SOURCE, row[UUID_COLUMN]) : '',
      SOURCE,
      ...vendorColumns.map((column) => row[column] ?? ''),
    ],
  };
}
