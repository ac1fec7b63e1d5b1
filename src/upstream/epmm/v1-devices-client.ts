// Typed EPMM v1 device-management client (catalogue E01-E29): one method per allow-listed route, each validating its
// response through the tolerant v1 readers (docs/epmm-v1-json.md). v1 takes no device space: EPMM scopes every call
// by the caller's own spaces. v1 answers "No Data Found" with 404, so list lookups read a 404 as an empty list and
// single-device lookups as null; actions let the 404 through as NOT_FOUND.
import { GatewayError } from '../../errors.js';
import type { QueryValue, UpstreamHttp } from '../http.js';
import type { UpstreamRoute } from '../route.js';
import {
  V1ActionResponse,
  V1BulkActionResponse,
  V1CountriesResponse,
  V1DeviceResponse,
  V1DevicesResponse,
  V1LabelsResponse,
  V1LocateResponse,
  V1OperatorsResponse,
  V1ProfilesResponse,
  V1RegisterResponse,
  V1RoamingResponse,
  V1SendMessageResponse,
  V1UnlockResponse,
  type V1BulkActionResponse as BulkResult,
  type V1Device,
} from './v1-dto.js';
import { EPMM_V1_DEVICE_ROUTES as ROUTES } from './v1-devices-routes.js';
import { parseV1 } from './v1-json.js';
import { callerFields, type UpstreamCaller } from '../caller.js';

export type V1DeviceStatusFilter =
  | 'ACTIVE'
  | 'BLOCKED'
  | 'IENROLL_VERIFIED'
  | 'IENROLL_INPROGRESS'
  | 'IENROLL_COMPLETE'
  | 'INFECTED'
  | 'LOST'
  | 'VERIFICATION_PENDING'
  | 'RETIRED'
  | 'RETIRE_PENDING'
  | 'VERIFIED'
  | 'WIPED'
  | 'EXPIRED';

/** A device named by uuid or by Wi-Fi MAC (any of `AABBCCDDEEFF`, `aa:bb:…`, `aa-bb-…`). */
export type V1DeviceTarget = { uuid: string } | { mac: string };

export type V1BulkAction = 'LOCK' | 'UNLOCK' | 'WAKEUP_DEVICE' | 'RETIRE' | 'WIPE';
export type V1MessageMode = 'sms' | 'email' | 'pns';

export interface V1Registration {
  /** Digits only, without country code; omit for a PDA. */
  phoneNumber?: string;
  userId: string;
  platform: 'A' | 'I' | 'E' | 'M' | 'L';
  countryCode: number;
  operator?: string;
  employeeOwned?: boolean;
  deviceType?: 'Phone' | 'PDA';
  importUserFromLdap?: boolean;
  userFirstName?: string;
  userLastName?: string;
  userEmailAddress?: string;
  notifyUser?: boolean;
  notifyUserBySms?: boolean;
}

/** `bulk.api.maxdeviceuuids`: EPMM's default cap per bulk request. */
export const V1_BULK_MAX = 20_000;
/** Lists travel in the query string; 100 uuids (~5 kB) stay below every server's default URL limit (8 kB on Tomcat). */
const LIST_CHUNK = 100;
/** Phone numbers per E04 call (a comma list in one path segment). */
const PHONES_CHUNK = 50;

interface Call {
  route: UpstreamRoute;
  pathParams?: Record<string, string>;
  query?: Record<string, QueryValue>;
}

export class EpmmV1DevicesClient {
  constructor(private readonly http: UpstreamHttp) {}

  /** E01: all devices with a status (ACTIVE by default); [] when none. */
  async devicesByStatus(caller: UpstreamCaller, status?: V1DeviceStatusFilter): Promise<V1Device[]> {
    return this.deviceList(caller, { route: ROUTES.devicesByStatus, query: { status } }, 'devices by status');
  }

  /** E02: one device, or null when EPMM does not know it (or it lies outside the caller's spaces). */
  async device(caller: UpstreamCaller, uuid: string): Promise<V1Device | null> {
    const body = await this.orNull(this.call(caller, { route: ROUTES.device, pathParams: { uuid } }));
    return body === null ? null : parseV1(V1DeviceResponse, body, 'device').device;
  }

  /** E03: the CSV export, as EPMM sends it. */
  async devicesCsv(caller: UpstreamCaller): Promise<string> {
    return this.http.requestText({
      route: ROUTES.devicesCsv,
      ...callerFields(caller),
    });
  }

  /** E04: the registered devices of these phone numbers (digits only), a few dozen numbers per call. */
  async devicesByPhoneNumbers(caller: UpstreamCaller, phoneNumbers: readonly string[]): Promise<V1Device[]> {
    const unique = [...new Set(phoneNumbers.map((number) => number.trim()))];
    if (unique.length === 0) throw new GatewayError('BAD_USER_INPUT', 'At least one phone number is required.');
    const pages = await Promise.all(
      chunks(unique, PHONES_CHUNK).map((chunk) =>
        this.deviceList(
          caller,
          { route: ROUTES.devicesByPhones, pathParams: { phoneNumbers: chunk.join(',') } },
          'devices by phone number',
        ),
      ),
    );
    return dedupe(pages.flat());
  }

  /** E05: all registered devices of a user (by principal). */
  async devicesByUser(caller: UpstreamCaller, userName: string): Promise<V1Device[]> {
    return this.deviceList(caller, { route: ROUTES.devicesByUser, pathParams: { userName } }, 'devices by user');
  }

  /** E06: all registered devices in a label (by label name). */
  async devicesByLabel(caller: UpstreamCaller, labelName: string): Promise<V1Device[]> {
    return this.deviceList(caller, { route: ROUTES.devicesByLabel, pathParams: { labelName } }, 'devices by label');
  }

  /** E07: the registered device with a Wi-Fi MAC, or null. */
  async deviceByMac(caller: UpstreamCaller, mac: string): Promise<V1Device | null> {
    const devices = await this.deviceList(
      caller,
      { route: ROUTES.deviceByMac, pathParams: { mac: macParam(mac) } },
      'device by MAC',
    );
    return devices[0] ?? null;
  }

  /** E08: registers a device (and creates a local user when `userId` is unknown). */
  async register(caller: UpstreamCaller, input: V1Registration): Promise<V1RegisterResponse> {
    const body = await this.call(caller, {
      route: ROUTES.register,
      query: {
        phoneNumber: input.phoneNumber ?? (input.deviceType === 'PDA' ? 'PDA' : undefined),
        userId: input.userId,
        platform: input.platform,
        // Spelt as in the document's examples.
        countrycode: input.countryCode,
        operator: input.operator,
        isEmployeeOwned: input.employeeOwned,
        deviceType: input.deviceType,
        importUserFromLdap: input.importUserFromLdap,
        userFirstName: input.userFirstName,
        userLastName: input.userLastName,
        userEmailAddress: input.userEmailAddress,
        notifyUser: input.notifyUser,
        notifyuserbysms: input.notifyUserBySms,
      },
    });
    return parseV1(V1RegisterResponse, body, 'registration');
  }

  /** E09/E10. */
  async retire(caller: UpstreamCaller, target: V1DeviceTarget, reason?: string): Promise<V1ActionResponse> {
    return this.action(caller, target, [ROUTES.retire, ROUTES.retireByMac], { Reason: reason }, 'retire');
  }

  /** E11/E12; `unlockPasscode` is set for devices other than Android and iOS. */
  async lock(caller: UpstreamCaller, target: V1DeviceTarget, reason: string): Promise<V1ActionResponse> {
    return this.action(caller, target, [ROUTES.lock, ROUTES.lockByMac], { Reason: reason }, 'lock');
  }

  /** E13/E14: the passcode outcome (Q, F, NA, or a generated passcode). */
  async unlock(caller: UpstreamCaller, target: V1DeviceTarget, reason: string): Promise<V1UnlockResponse> {
    const body = await this.call(caller, targetCall(target, [ROUTES.unlock, ROUTES.unlockByMac], { Reason: reason }));
    return parseV1(V1UnlockResponse, body, 'unlock');
  }

  /** E15/E16. */
  async wipe(caller: UpstreamCaller, target: V1DeviceTarget, reason?: string): Promise<V1ActionResponse> {
    return this.action(caller, target, [ROUTES.wipe, ROUTES.wipeByMac], { Reason: reason }, 'wipe');
  }

  /** E17/E18. */
  async wakeup(caller: UpstreamCaller, target: V1DeviceTarget): Promise<V1ActionResponse> {
    return this.action(caller, target, [ROUTES.wakeup, ROUTES.wakeupByMac], {}, 'wakeup');
  }

  /** E19/E20: the current (or last known) location; `locateNow` asks the device for a fresh fix to read later. */
  async locate(
    caller: UpstreamCaller,
    target: V1DeviceTarget,
    options: { locateNow?: boolean } = {},
  ): Promise<V1LocateResponse> {
    const body = await this.call(
      caller,
      targetCall(target, [ROUTES.locate, ROUTES.locateByMac], { locatenow: options.locateNow }),
    );
    return parseV1(V1LocateResponse, body, 'locate');
  }

  /** E21: voice=false also turns data roaming off; EPMM answers success whether or not the device supports it. */
  async enableRoaming(
    caller: UpstreamCaller,
    uuid: string,
    settings: { voice: boolean; data: boolean },
  ): Promise<string[]> {
    const body = await this.call(caller, {
      route: ROUTES.enableRoaming,
      pathParams: { uuid },
      query: { voice: settings.voice, data: settings.data },
    });
    return parseV1(V1RoamingResponse, body, 'roaming').messages;
  }

  /** E22. */
  async labels(caller: UpstreamCaller): Promise<V1LabelsResponse['labels']> {
    return parseV1(V1LabelsResponse, await this.orEmpty(this.call(caller, { route: ROUTES.labels })), 'labels').labels;
  }

  /** E23. */
  async operators(caller: UpstreamCaller): Promise<V1OperatorsResponse['operators']> {
    return parseV1(V1OperatorsResponse, await this.orEmpty(this.call(caller, { route: ROUTES.operators })), 'operators')
      .operators;
  }

  /** E24. */
  async countries(caller: UpstreamCaller): Promise<V1CountriesResponse['countries']> {
    return parseV1(V1CountriesResponse, await this.orEmpty(this.call(caller, { route: ROUTES.countries })), 'countries')
      .countries;
  }

  /**
   * E25: one action on many devices (at most 20,000), sent in URL-sized chunks one after the other (never retried:
   * the calls change state); the answers are merged. Unknown uuids come back in `invalidDevices`.
   */
  async bulkAction(caller: UpstreamCaller, action: V1BulkAction, deviceUuids: readonly string[]): Promise<BulkResult> {
    const uuids = checkedList(deviceUuids, 'deviceUuids');
    const merged: BulkResult = { messages: [], invalidDevices: [], passcodes: [], failedDevices: [] };
    for (const chunk of chunks(uuids, LIST_CHUNK)) {
      const body = await this.call(caller, {
        route: ROUTES.bulkAction,
        pathParams: { actionType: action },
        query: { deviceUuids: chunk },
      });
      const result = parseV1(V1BulkActionResponse, body, 'bulk action');
      merged.messages.push(...result.messages);
      merged.invalidDevices.push(...result.invalidDevices);
      merged.passcodes.push(...result.passcodes);
      merged.failedDevices.push(...result.failedDevices);
    }
    return merged;
  }

  /** E26/E27: a message to many devices by uuid or by Wi-Fi MAC; returns the devices it could not be sent to. */
  async sendMessage(
    caller: UpstreamCaller,
    devices: { uuids: readonly string[] } | { macs: readonly string[] },
    message: { text: string; mode: V1MessageMode; subject?: string },
  ): Promise<{ messages: string[]; invalidDevices: string[] }> {
    const byMac = 'macs' in devices;
    const ids = byMac
      ? checkedList(devices.macs, 'deviceWiFiMacAddress').map(macParam)
      : checkedList(devices.uuids, 'deviceUuid');
    const merged = { messages: [] as string[], invalidDevices: [] as string[] };
    for (const chunk of chunks(ids, LIST_CHUNK)) {
      const body = await this.call(caller, {
        route: byMac ? ROUTES.sendMessageByMac : ROUTES.sendMessage,
        query: {
          [byMac ? 'deviceWiFiMacAddress' : 'deviceUuid']: chunk,
          message: message.text,
          mode: message.mode,
          subject: message.subject,
        },
      });
      const result = parseV1(V1SendMessageResponse, body, 'send message');
      merged.messages.push(...result.messages);
      merged.invalidDevices.push(...result.invalidDevices);
    }
    return merged;
  }

  /** E28: the policies and configurations applied to a device; [] when none (or the device is unknown). */
  async profiles(caller: UpstreamCaller, uuid: string): Promise<V1ProfilesResponse['profiles']> {
    return parseV1(
      V1ProfilesResponse,
      await this.orEmpty(this.call(caller, { route: ROUTES.profiles, pathParams: { uuid } })),
      'profiles',
    ).profiles;
  }

  /** E29: re-pushes one profile (id and type, from E28) or all of them. */
  async repushProfiles(
    caller: UpstreamCaller,
    uuid: string,
    profile?: { id: number; type: 'APP' | 'POLICY' },
  ): Promise<V1ActionResponse> {
    const body = await this.call(caller, {
      route: ROUTES.repushProfiles,
      pathParams: { uuid },
      query: { id: profile?.id, type: profile?.type },
    });
    return parseV1(V1ActionResponse, body, 're-push profiles');
  }

  private async action(
    caller: UpstreamCaller,
    target: V1DeviceTarget,
    routes: readonly [UpstreamRoute, UpstreamRoute],
    query: Record<string, QueryValue>,
    what: string,
  ): Promise<V1ActionResponse> {
    return parseV1(V1ActionResponse, await this.call(caller, targetCall(target, routes, query)), what);
  }

  private async deviceList(caller: UpstreamCaller, call: Call, what: string): Promise<V1Device[]> {
    return parseV1(V1DevicesResponse, await this.orEmpty(this.call(caller, call)), what).devices;
  }

  private call(caller: UpstreamCaller, call: Call): Promise<unknown> {
    return this.http.requestJson({
      ...call,
      ...callerFields(caller),
    });
  }

  /** v1's "404 – No Data Found": an empty answer, not an error, for lists. */
  private async orEmpty(request: Promise<unknown>): Promise<unknown> {
    return (await this.orNull(request)) ?? {};
  }

  private async orNull(request: Promise<unknown>): Promise<unknown> {
    try {
      return await request;
    } catch (error) {
      if (error instanceof GatewayError && error.code === 'NOT_FOUND') return null;
      throw error;
    }
  }
}

function targetCall(
  target: V1DeviceTarget,
  [byUuid, byMac]: readonly [UpstreamRoute, UpstreamRoute],
  query: Record<string, QueryValue>,
): Call {
  return 'mac' in target
    ? { route: byMac, pathParams: { mac: macParam(target.mac) }, query }
    : { route: byUuid, pathParams: { uuid: target.uuid }, query };
}

/** The 12-hex-digit form v1 takes; separators are removed here so callers may pass any common form. */
function macParam(mac: string): string {
  return mac.replace(/[:-]/g, '').toUpperCase();
}

function checkedList(values: readonly string[], name: string): string[] {
  const unique = [...new Set(values.map((value) => value.trim()).filter(Boolean))];
  if (unique.length === 0) throw new GatewayError('BAD_USER_INPUT', `At least one ${name} is required.`);
  if (unique.length > V1_BULK_MAX)
    throw new GatewayError('BAD_USER_INPUT', `At most ${V1_BULK_MAX} ${name} per request.`);
  return unique;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function dedupe(devices: readonly V1Device[]): V1Device[] {
  return [...new Map(devices.map((device) => [device.uuid, device])).values()];
}
