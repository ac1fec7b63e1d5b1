import type { DeviceStatus, Ownership, Platform } from './device.js';
import type { DeviceOrderField, OrderDirection } from '../generated/enums.js';

// GraphQL enums (schema/*.graphql): the SDL is the single source of their values.
export type { DeviceOrderField };

/** The gateway's device filter, independent of any upstream's query language. */
export interface DeviceFilterModel {
  platform?: readonly Platform[] | null;
  status?: readonly DeviceStatus[] | null;
  compliant?: boolean | null;
  quarantined?: boolean | null;
  compromised?: boolean | null;
  ownership?: Ownership | null;
  manufacturer?: string | null;
  model?: string | null;
  userPrincipal?: string | null;
  userEmail?: string | null;
  deviceSpaceName?: string | null;
  lastCheckInAfter?: string | null;
  lastCheckInBefore?: string | null;
  /** Dotted OS versions, compared component by component (see compileOsVersionRange). */
  osVersionAtLeast?: string | null;
  osVersionBelow?: string | null;
  /** Free text matched with `contains` against name, model, user, serial and phone. */
  search?: string | null;
  labelId?: number | null;
  /** Raw EPMM advanced-search text from a power user; only ever sent re-written from its parse tree. */
  query?: string | null;
}

export interface DeviceOrderModel {
  field: DeviceOrderField;
  direction?: OrderDirection | null;
}
