// What the device operations (locate, TeamViewer, registration) answer, as the gateway's models, and the one
// mapper per vendor answer. Resolvers never read v1/v2 field names.
import type { RegisterDeviceResponse, TeamViewerSessionResponse } from '../upstream/epmm/device-actions-dto.js';
import type { V1LocateResponse, V1RegisterResponse } from '../upstream/epmm/v1-dto.js';
import { toDateTime } from './datetime.js';
import type { LocationSource } from '../generated/enums.js';

// GraphQL enums (schema/*.graphql): the SDL is the single source of their values.
export type { LocationSource };

/** The message a V03/V15 device action sends (`mode` is EPMM's wire value). */
export interface DeviceMessage {
  message: string;
  mode: 'pns' | 'sms' | 'email';
  subject?: string;
  /** V03 only, undocumented beyond its sample. */
  app?: string;
}

export interface DeviceLocationModel {
  source: LocationSource;
  vendorSource: string;
  latitude: number;
  longitude: number;
  radius: number | null;
  capturedAt: string | null;
}

export interface LocateAnswer {
  locations: DeviceLocationModel[];
  locateNowRequested: boolean | null;
}

export interface RemoteSessionModel {
  code: string;
  state: string;
  supporterLink: string;
  endCustomerLink: string;
  validUntil: string | null;
}

/** Holds a one-time passcode: it goes to the caller only, never to the audit record or logs. */
export interface DeviceRegistrationModel {
  passcode: string | null;
  passcodeTtlHours: number | null;
  registrationUrl: string | null;
  email: string | null;
  /** The new device's EPMM uuid (v1 only). */
  deviceUuid: string | null;
}

const SOURCES: Readonly<Record<string, LocationSource>> = { gps: 'GPS', cell: 'CELL', lookupfailure: 'LOOKUP_FAILURE' };

export function epmmLocateAnswer(response: V1LocateResponse): LocateAnswer {
  return {
    locations: response.locations.map((location) => ({
      source: SOURCES[location.lookupResult.replace(/[\s_-]/g, '').toLowerCase()] ?? 'OTHER',
      vendorSource: location.lookupResult,
      latitude: location.latitude,
      longitude: location.longitude,
      radius: location.radius ?? null,
      capturedAt: location.capturedAt === undefined ? null : toDateTime(location.capturedAt),
    })),
    locateNowRequested: response.locateNow ?? null,
  };
}

export function epmmRemoteSession(response: TeamViewerSessionResponse): RemoteSessionModel {
  const session = response.results;
  return {
    code: session.code,
    state: session.state,
    supporterLink: session.supporter_link,
    endCustomerLink: session.end_customer_link,
    validUntil: toDateTime(session.valid_until),
  };
}

/** V02: `ttl` is a string ("120"), documented as a date but a number of hours in the sample. */
export function epmmSelfRegistration(response: RegisterDeviceResponse): DeviceRegistrationModel | null {
  const result = response.results[0];
  if (!result) return null;
  const hours = /^\d+$/.test(result.ttl.trim()) ? Number(result.ttl.trim()) : null;
  return {
    passcode: result.passcode || null,
    passcodeTtlHours: hours,
    registrationUrl: result.regLink || null,
    email: result.email || null,
    deviceUuid: null,
  };
}

/** E08: the passcode is empty when it does not apply to the device's OS. */
export function epmmAdminRegistration(response: V1RegisterResponse): DeviceRegistrationModel {
  const { registration } = response;
  return {
    passcode: registration.passcode || null,
    passcodeTtlHours: registration.passcodeTTL ?? null,
    registrationUrl: registration.registrationUrl || null,
    email: null,
    deviceUuid: registration.deviceUuid,
  };
}
