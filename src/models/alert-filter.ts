// AlertFilter: which parts EPMM can answer (E38-E40 select by phone and user, `isRead` by read state) and the
// rest, which EPMM cannot filter on and the gateway applies to the list it got.
import { GatewayError } from '../errors.js';
import type { AlertModel, AlertSeverity, AlertType } from './alert.js';

export interface AlertFilterModel {
  read?: boolean | null;
  severity?: readonly AlertSeverity[] | null;
  type?: readonly AlertType[] | null;
  userPrincipal?: string | null;
  phoneNumber?: string | null;
  createdAfter?: string | null;
  createdBefore?: string | null;
}

/** What EPMM is asked for. */
export interface AlertUpstreamRequest {
  read?: boolean;
  userPrincipal?: string;
  phoneNumber?: string;
}

/**
 * The narrowest upstream list for a root `alerts` query. `forRelationship` asks for the unfiltered list instead
 * (except by phone, which only EPMM can match): one cached E37 read then serves every device's and user's alerts.
 */
export function alertUpstreamRequest(
  filter: AlertFilterModel | null | undefined,
  forRelationship = false,
): AlertUpstreamRequest {
  const phoneNumber = phoneDigits(filter?.phoneNumber);
  if (forRelationship) return phoneNumber === undefined ? {} : { phoneNumber };
  const userPrincipal = filter?.userPrincipal?.trim() || undefined;
  return {
    ...(filter?.read === true || filter?.read === false ? { read: filter.read } : {}),
    ...(userPrincipal === undefined ? {} : { userPrincipal }),
    ...(phoneNumber === undefined ? {} : { phoneNumber }),
  };
}

/**
 * Whether nothing but the read state narrows the list (the inbox): then a page is likely as long as `first`,
 * whereas a user, phone, type, severity or date range may leave only a few alerts.
 */
export function filtersOnlyByReadState(filter: AlertFilterModel | null | undefined): boolean {
  if (!filter) return true;
  const { userPrincipal, phoneNumber, severity, type, createdAfter, createdBefore } = filter;
  return (
    !userPrincipal?.trim() && !phoneNumber && !severity?.length && !type?.length && !createdAfter && !createdBefore
  );
}

/** Everything but the phone number, applied in memory (harmless where EPMM already applied it). */
export function alertMatches(filter: AlertFilterModel | null | undefined): (alert: AlertModel) => boolean {
  if (!filter) return () => true;
  const principal = filter.userPrincipal?.trim().toLowerCase() || undefined;
  const after = filter.createdAfter ? Date.parse(filter.createdAfter) : undefined;
  const before = filter.createdBefore ? Date.parse(filter.createdBefore) : undefined;
  return (alert) => {
    if (filter.read !== null && filter.read !== undefined && alert.read !== filter.read) return false;
    if (filter.severity?.length && !filter.severity.includes(alert.severity)) return false;
    if (filter.type?.length && !filter.type.includes(alert.type)) return false;
    if (principal !== undefined && alert.userPrincipal?.toLowerCase() !== principal) return false;
    if (after !== undefined || before !== undefined) {
      const created = alert.createdAt === null ? NaN : Date.parse(alert.createdAt);
      // An alert without a date cannot be shown to be in the range.
      if (Number.isNaN(created)) return false;
      if (after !== undefined && created <= after) return false;
      if (before !== undefined && created >= before) return false;
    }
    return true;
  };
}

/** EPMM v1 takes phone numbers as digits only; common separators are dropped, anything else is refused. */
function phoneDigits(phone: string | null | undefined): string | undefined {
  if (phone === null || phone === undefined) return undefined;
  const digits = phone.replace(/[\s().+-]/g, '');
  if (!/^\d{3,20}$/.test(digits)) {
    throw new GatewayError('BAD_USER_INPUT', '`phoneNumber` must be a phone number of 3 to 20 digits.', {
      field: ['filter', 'phoneNumber'],
    });
  }
  return digits;
}
