// Compiles the gateway's DeviceFilter into a Neurons NG13 `fq` and its order into NG13's sort field. Conditions
// that `fq` cannot say (it has EQ/NEQ only, no ranges, no labels, no EPMM advanced search) are refused with
// NOT_SUPPORTED_BY_SOURCE naming the field, never dropped: a dropped condition would return devices that do not match.
import { GatewayError } from '../../errors.js';
import type { DeviceFilterModel, DeviceOrderField, DeviceOrderModel } from '../../models/device-filter.js';
import type { DeviceStatus, Platform } from '../../models/device.js';
import { fqAll, fqAny, fqEq, fqLeaf, type FqExpression } from './fq.js';

/** Neurons `platformType` values per gateway platform (the mapper reads WINDOWS_PHONE desktops as WINDOWS). */
const PLATFORM_TYPES: Record<Exclude<Platform, 'OTHER'>, readonly string[]> = {
  IOS: ['IOS'],
  ANDROID: ['ANDROID'],
  MACOS: ['OSX', 'MACOS'],
  WINDOWS: ['WINDOWS', 'WINDOWS_PHONE'],
};
const ALL_PLATFORM_TYPES = Object.values(PLATFORM_TYPES).flat();

/** Neurons has no LOCKED state (a locked device stays ACTIVE) and no UNKNOWN one. */
const REGISTRATION_STATES: Partial<Record<DeviceStatus, string>> = {
  ACTIVE: 'ACTIVE',
  PENDING: 'PENDING',
  RETIRE_PENDING: 'RETIRE_PENDING',
  RETIRED: 'RETIRED',
  WIPED: 'WIPED',
};

/** The filter fields Neurons' `fq` cannot express; the message tells the client what to do instead. */
const EPMM_ONLY: ReadonlyArray<keyof DeviceFilterModel> = [
  'lastCheckInAfter',
  'lastCheckInBefore',
  'labelId',
  'query',
  'deviceSpaceName',
  'osVersionAtLeast',
  'osVersionBelow',
  'search',
];

export function unsupportedByNeurons(field: string, why: string): GatewayError {
  return new GatewayError(
    'NOT_SUPPORTED_BY_SOURCE',
    `filter.${field} cannot be applied to Neurons devices (${why}); ask for source: EPMM.`,
    {
      field: ['filter', field],
    },
  );
}

/** The `fq` for a filter, or null for "every device"; throws NOT_SUPPORTED_BY_SOURCE for EPMM-only conditions. */
export function compileNeuronsDeviceFilter(filter: DeviceFilterModel | null | undefined): FqExpression | null {
  const f = filter ?? {};
  for (const field of EPMM_ONLY) {
    const value = f[field];
    if (value !== null && value !== undefined && value !== '')
      throw unsupportedByNeurons(field, 'Neurons filters have no such condition');
  }
  const terms: FqExpression[] = [];
  const equals = (field: string, value: string | boolean | null | undefined) => {
    if (value !== null && value !== undefined) terms.push(fqEq(field, String(value)));
  };
  if (f.platform?.length) {
    terms.push(
      fqAny(
        f.platform.map((platform) =>
          platform === 'OTHER'
            ? fqAll(ALL_PLATFORM_TYPES.map((type) => fqLeaf('PLATFORMTYPE', 'NEQ', type)))
            : fqAny(PLATFORM_TYPES[platform].map((type) => fqEq('PLATFORMTYPE', type))),
        ),
      ),
    );
  }
  if (f.status?.length) {
    const states = f.status.map((status) => {
      const state = REGISTRATION_STATES[status];
      if (!state) throw unsupportedByNeurons('status', `Neurons has no ${status} state`);
      return fqEq('REGISTRATIONSTATE', state);
    });
    terms.push(fqAny(states));
  }
  equals('COMPLIANCESTATE', f.compliant);
  equals('QUARANTINED', f.quarantined);
  equals('JAILBROKEN', f.compromised);
  if (f.ownership === 'UNKNOWN')
    terms.push(fqAll(['COMPANY', 'EMPLOYEE'].map((type) => fqLeaf('OWNERSHIPTYPE', 'NEQ', type))));
  else equals('OWNERSHIPTYPE', f.ownership);
  equals('MANUFACTURER', f.manufacturer);
  equals('PRETTYMODEL', f.model);
  // The Neurons user's principal is its `uid` (see neurons-device.ts).
  equals('UID', f.userPrincipal);
  equals('EMAILADDRESS', f.userEmail);
  return terms.length === 0 ? null : fqAll(terms);
}

/** NG13's camelCase sort names for the gateway's order fields. */
const SORT_FIELDS: Record<DeviceOrderField, string> = {
  NAME: 'deviceName',
  LAST_CHECK_IN: 'lastCheckin',
  REGISTERED: 'lastRegistrationTime',
  PLATFORM: 'platformType',
  OS_VERSION: 'platformVersion',
  USER_DISPLAY_NAME: 'displayName',
  MODEL: 'prettyModel',
};

export function compileNeuronsDeviceOrder(order: DeviceOrderModel | null | undefined): {
  sortField: string;
  sortOrder: 'ASC' | 'DESC';
} {
  // As with EPMM's `common.id`: the immutable id keeps offset paging stable when no order is asked for.
  if (!order) return { sortField: 'id', sortOrder: 'ASC' };
  return { sortField: SORT_FIELDS[order.field], sortOrder: order.direction ?? 'ASC' };
}
