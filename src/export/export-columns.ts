// The export's header: by default the names a GraphQL client already knows (the Device fields, `user.<User field>`
// for the user's), so a spreadsheet and a query speak of the same `lastCheckInAt`; `?columns=vendor` keeps EPMM's
// own V04 names (`common.last_connected_at`) for tools written against EPMM. Either way each row also says which MDM
// it comes from (`source`); in GraphQL naming it leads with the device's global `id`, as `device(id:)` takes it.
// Values are EPMM's as exported: only the names change.
import { encodeId } from '../ids.js';
import { PROPERTY_OF_FIELD } from '../models/epmm-device.js';

export const COLUMN_NAMINGS = ['graphql', 'vendor'] as const;
export type ColumnNaming = (typeof COLUMN_NAMINGS)[number];

/** The MDM every exported row comes from: the export pages through EPMM's V04. */
const SOURCE = 'EPMM';
const UUID_COLUMN = 'common.uuid';

/** The Device property names of the EPMM fields that fill one property alone (a column per field name). */
function singleFieldProperties(): Record<string, string> {
  const fieldsOf = new Map<string, string[]>();
  for (const [field, property] of Object.entries(PROPERTY_OF_FIELD))
    fieldsOf.set(property, [...(fieldsOf.get(property) ?? []), field]);
  return Object.fromEntries(
    [...fieldsOf].filter(([, fields]) => fields.length === 1).map(([property, [field]]) => [field, property]),
  );
}

/**
 * EPMM export column -> the Device field that reads it: the mapper's own table (src/models/epmm-device.ts), less the
 * properties filled from several EPMM fields (`carrier`, `osBuild`, `passcodeCompliant`: two columns cannot share
 * one name), plus the uuid and the user's fields. test/unit/csv-writer.test.ts checks each against
 * src/models/epmm-device-projection.ts. A column no Device field reads keeps its EPMM name.
 */
export const GRAPHQL_COLUMN_NAMES: Readonly<Record<string, string>> = {
  'common.uuid': 'uuid',
  ...singleFieldProperties(),
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
