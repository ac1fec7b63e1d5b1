// EPMM v1 device-management wire shapes (catalogue E01-E29), written with the canonical camelCase keys of
// docs/epmm-v1-json.md and read through the v1 normaliser, so any key casing, root element and list form parses.
// Lenient where the document lists fields for some endpoints only (§A2.1): those are optional.
import type { z } from 'zod';
import { v1Bool, v1EntryMap, v1Int, v1List, v1Messages, v1Number, v1Object, v1String } from './v1-json.js';

const text = v1String.optional();
const int = v1Int.optional();
const bool = v1Bool.optional();

export const V1Device = v1Object({
  id: v1Int,
  uuid: v1String,
  principal: v1String,
  blockReason: v1Int,
  clientId: int,
  comment: text,
  compliance: v1Int,
  countryCode: text,
  countryId: int,
  countryName: text,
  details: v1EntryMap,
  deviceCount: int,
  easLastSyncAttempt: text,
  easUuid: text,
  currentPhoneNumber: text,
  emailAddress: text,
  emailDomain: text,
  employeeOwned: bool,
  homeOperator: text,
  languageCountryId: int,
  languageId: int,
  lastConnectedAt: text,
  manufacturer: text,
  mdmManaged: bool,
  mdmProfileUrlId: text,
  model: text,
  name: text,
  notifyUser: bool,
  operator: text,
  operatorId: int,
  phoneNumber: text,
  pin: text,
  platform: text,
  quarantinedStatus: v1Int,
  regCount: int,
  regType: text,
  registeredAt: text,
  status: v1String,
  statusCode: v1Int,
  userDisplayName: text,
  userFirstName: text,
  userLastName: text,
  userSource: int,
  userUuid: text,
  iPhoneVersion: text,
});
export type V1Device = z.infer<typeof V1Device>;

/** E01, E04-E07. `phoneNumber` is the echo of a single requested number (E04 only). */
export const V1DevicesResponse = v1Object(
  { messages: v1Messages, phoneNumber: text, devices: v1List('device', V1Device) },
  { device: 'devices' },
);
export type V1DevicesResponse = z.infer<typeof V1DevicesResponse>;

/** E02: one `<device>` without a wrapper. */
export const V1DeviceResponse = v1Object({ messages: v1Messages, device: V1Device });

export const V1RegisterResponse = v1Object({
  phoneNumber: text,
  registration: v1Object({
    messages: v1Messages,
    deviceUuid: v1String,
    status: v1String,
    passcode: text,
    passcodeTTL: int,
    registrationUrl: text,
  }),
});
export type V1RegisterResponse = z.infer<typeof V1RegisterResponse>;

/** Retire, lock, wipe, wakeup (E09-E12, E15-E18) and re-push (E29, whose response the document omits). */
export const V1ActionResponse = v1Object({ messages: v1Messages, deviceUuid: text, unlockPasscode: text });
export type V1ActionResponse = z.infer<typeof V1ActionResponse>;

const V1Passcode = v1Object({ uuid: v1String, name: text, value: v1String });

export const V1UnlockResponse = v1Object({ messages: v1Messages, passcodes: v1List('passcode', V1Passcode) });
export type V1UnlockResponse = z.infer<typeof V1UnlockResponse>;

export const V1LocateResponse = v1Object({
  deviceUuid: text,
  messages: v1Messages,
  locations: v1List(
    'location',
    v1Object({
      uuid: text,
      lookupResult: v1String,
      latitude: v1Number,
      longitude: v1Number,
      radius: v1Number.optional(),
      capturedAt: int,
    }),
  ),
  locateNow: bool,
});
export type V1LocateResponse = z.infer<typeof V1LocateResponse>;

export const V1RoamingResponse = v1Object({ deviceUuid: text, messages: v1Messages });

export const V1LabelsResponse = v1Object({
  messages: v1Messages,
  labels: v1List(
    'label',
    v1Object({
      id: v1Int,
      name: v1String,
      description: text,
      staticLabel: bool,
      query: text,
      deviceCount: int,
      isEsSearch: int,
    }),
  ),
});
export type V1LabelsResponse = z.infer<typeof V1LabelsResponse>;

export const V1OperatorsResponse = v1Object({
  messages: v1Messages,
  operators: v1List(
    'operator',
    v1Object({
      id: v1Int,
      carrierShortName: v1String,
      carrierType: text,
      countryCode: int,
      countryId: int,
      countryName: text,
      enabled: bool,
    }),
  ),
});
export type V1OperatorsResponse = z.infer<typeof V1OperatorsResponse>;

export const V1CountriesResponse = v1Object({
  messages: v1Messages,
  countries: v1List(
    'country',
    // The document's second sample misspells the element `isoaplha2code`.
    v1Object(
      { countryName: v1String, countryCode: v1Int, isoAlpha2Code: text, enabledForRegistration: int },
      { isoAplha2Code: 'isoAlpha2Code' },
    ),
  ),
});
export type V1CountriesResponse = z.infer<typeof V1CountriesResponse>;

export const V1BulkActionResponse = v1Object({
  messages: v1Messages,
  invalidDevices: v1List('uuid', v1String),
  passcodes: v1List('passcode', V1Passcode),
  failedDevices: v1List('message', v1String),
});
export type V1BulkActionResponse = z.infer<typeof V1BulkActionResponse>;

export const V1SendMessageResponse = v1Object({ messages: v1Messages, invalidDevices: v1List('uuid', v1String) });
export type V1SendMessageResponse = z.infer<typeof V1SendMessageResponse>;

export const V1ProfilesResponse = v1Object({
  messages: v1Messages,
  profiles: v1List(
    'profile',
    v1Object({
      id: v1Int,
      uuid: text,
      name: v1String,
      policyType: text,
      status: text,
      profileType: v1String,
      lastUpdatedAt: int,
    }),
  ),
});
export type V1ProfilesResponse = z.infer<typeof V1ProfilesResponse>;
