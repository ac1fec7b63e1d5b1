// Compiles the gateway's DeviceFilter into EPMM search parameters (`query` and/or `labelId`).
import { GatewayError } from '../../errors.js';
import type { DeviceFilterModel, DeviceOrderField, DeviceOrderModel } from '../../models/device-filter.js';
import { EPMM_PLATFORM_VALUE } from '../../models/epmm-device.js';
import { parseSearchQuery, printSearchQuery } from './search-parser.js';
import { allOf, anyOf, comparison, EPMM_SEARCH_QUERY_MAX } from './search-query.js';
import { searchTextTerm } from './device-search-text.js';
import { osVersionTerms } from './os-version-range.js';

export interface EpmmSearchCriteria {
  query: string;
  labelId?: number;
}

export function compileDeviceFilter(filter: DeviceFilterModel | null | undefined): EpmmSearchCriteria {
  const f = filter ?? {};
  const terms: string[] = [];
  const equals = (field: string, value: string | boolean | null | undefined) => {
    if (value !== null && value !== undefined) terms.push(comparison(field, '=', value));
  };
  if (f.platform?.length) {
    terms.push(
      anyOf(
        f.platform.map((platform) =>
          comparison('common.platform', '=', platform === 'OTHER' ? 'Other' : EPMM_PLATFORM_VALUE[platform]),
        ),
      ),
    );
  }
  if (f.status?.length) terms.push(anyOf(f.status.map((status) => comparison('common.status', '=', status))));
  equals('common.compliant', f.compliant);
  equals('common.quarantined', f.quarantined);
  equals('common.device_is_compromised', f.compromised);
  equals('common.owner', f.ownership);
  equals('common.manufacturer', f.manufacturer);
  equals('common.model', f.model);
  equals('user.user_id', f.userPrincipal);
  equals('user.email_address', f.userEmail);
  equals('common.device_space_name', f.deviceSpaceName);
  if (f.lastCheckInAfter) terms.push(comparison('common.last_connected_at', '>', f.lastCheckInAfter));
  if (f.lastCheckInBefore) terms.push(comparison('common.last_connected_at', '<', f.lastCheckInBefore));
  terms.push(...osVersionTerms({ atLeast: f.osVersionAtLeast, below: f.osVersionBelow }));
  const text = searchTextTerm(f.search);
  if (text) terms.push(text);

  const raw = f.query ? parseSearchQuery(f.query) : null;
  if (raw) terms.push(raw.kind === 'or' ? `(${printSearchQuery(raw)})` : printSearchQuery(raw));
  const query = allOf(terms);
  if (f.labelId !== null && f.labelId !== undefined) {
    // EPMM answers a label together with an advanced query with an empty page and no error; refuse it
    // instead of returning silently wrong data.
    if (query) {
      throw new GatewayError(
        'BAD_USER_INPUT',
        'EPMM cannot combine labelId with other device filter conditions (it answers an empty page); filter by label alone.',
        {
          field: ['filter', 'labelId'],
        },
      );
    }
    return { query: '', labelId: f.labelId };
  }
  if (query.length > EPMM_SEARCH_QUERY_MAX) {
    throw new GatewayError(
      'BAD_USER_INPUT',
      `The device filter compiles to ${query.length} characters; EPMM accepts at most ${EPMM_SEARCH_QUERY_MAX}. Use fewer conditions.`,
      {
        field: ['filter'],
      },
    );
  }
  return { query };
}

const SORT_FIELDS: Record<DeviceOrderField, string> = {
  NAME: 'ios.DeviceName',
  LAST_CHECK_IN: 'common.last_connected_at',
  REGISTERED: 'common.registration_date',
  PLATFORM: 'common.platform',
  OS_VERSION: 'common.os_version',
  USER_DISPLAY_NAME: 'user.display_name',
  MODEL: 'common.model',
};

export function compileDeviceOrder(order: DeviceOrderModel | null | undefined): {
  sortField?: string;
  sortOrder?: 'ASC' | 'DESC';
} {
  // Without an explicit order EPMM's paging order is undocumented; sorting by the immutable id keeps
  // offset cursors stable from page to page.
  if (!order) return { sortField: 'common.id', sortOrder: 'ASC' };
  return { sortField: SORT_FIELDS[order.field], sortOrder: order.direction ?? 'ASC' };
}
