// E03: the device list as CSV. The document names the exported fields but no header strings; the headers are those
// names, in the document's order. Written by the simulator's one CSV writer (../http/csv.ts), as V04 and V12 are.
import type { SimDevice, World } from '../fleet/types.js';
import { appleUdid } from '../fleet/device-traits.js';
import { toCsv } from '../http/csv.js';
import { complianceBitmap, quarantineBitmap } from './bitmaps.js';
import { v1DeviceName, v1PlatformName } from './device-record.js';
import { v1EasPartnership } from './eas-link.js';
import { v1Date } from './json.js';
import { PDA_OPERATOR, v1CountryOf, v1OperatorOf } from './reference.js';
import { v1Mac, v1Phone } from './scope.js';
import { V1_STATUS_CODE, v1Status } from './status.js';

type Column = readonly [
  header: string,
  value: (device: SimDevice, world: World) => string | number | boolean | undefined,
];

const COLUMNS: readonly Column[] = [
  ['Operator', (d) => v1OperatorOf(d)?.carrierShortName ?? PDA_OPERATOR],
  ['Country', (d) => v1CountryOf(d)?.countryName],
  ['Device UUID', (d) => d.uuid],
  ['Phone Number', (d) => v1Phone(d)],
  ['Principal', (d, w) => w.usersByUuid.get(d.userUuid)?.userId],
  ['Name', (d, w) => v1DeviceName(w, d)],
  ['Platform', (d) => v1PlatformName(d)],
  ['Manufacturer', (d) => d.manufacturer],
  ['Model', (d) => d.model],
  ['Email Address', (d, w) => w.usersByUuid.get(d.userUuid)?.email],
  ['Status Code', (d) => V1_STATUS_CODE[v1Status(d.status)]],
  ['Employee Owned', (d) => d.ownership === 'EMPLOYEE'],
  ['Compliance', (d) => complianceBitmap(d)],
  ['Quarantine Status', (d) => quarantineBitmap(d)],
  ['IMSI', (d) => d.imsi ?? undefined],
  ['IMEI', (d) => d.imei ?? undefined],
  ['UDID', (d) => (d.platform === 'iOS' || d.platform === 'macOS' ? appleUdid(d) : undefined)],
  ['Client Version', (d) => d.clientVersion ?? undefined],
  ['MDM Enabled', (d) => d.mdmManaged],
  ['Serial Number', (d) => d.serialNumber ?? undefined],
  ['Last Connected At', (d) => v1Date(d.lastCheckinAt)],
  ['Active Sync UUID', (d, w) => v1EasPartnership(w, d)?.uuid],
  [
    'Active Sync Last Sync Attempt',
    (d, w) => {
      const eas = v1EasPartnership(w, d);
      return eas && v1Date(eas.lastSyncTime);
    },
  ],
  ['Wi-Fi MAC Address', (d) => v1Mac(d)],
  ['Device Encryption', (d) => d.deviceEncrypted],
  ['Last MDM Check-In', (d) => v1Date(d.lastCheckinAt)],
  ['Last Security State Changed On', (d) => v1Date(d.modifiedAt)],
  ['Registered On', (d) => v1Date(d.registeredAt)],
];

export const V1_CSV_HEADERS: readonly string[] = COLUMNS.map(([header]) => header);

/** One line per device, under the headers (RFC 4180, CRLF line ends: the shared writer's rules). */
export function devicesCsv(world: World, devices: Iterable<SimDevice>): string {
  return toCsv(
    V1_CSV_HEADERS,
    [...devices].map((device) => COLUMNS.map(([, value]) => value(device, world))),
  );
}
