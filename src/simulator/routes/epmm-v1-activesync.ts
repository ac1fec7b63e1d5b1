// EPMM v1 Exchange ActiveSync (catalogue E30-E32): partnerships grouped by registration and access state, one
// partnership's details, and block / reinstate / wipe. Reads and writes the World's shared partnerships
// (fleet/activesync.ts), so the v2 ActiveSync report sees the same changes.
import type { SimActiveSyncDevice } from '../fleet/activesync.js';
import type { Platform, SimAdmin, World } from '../fleet/types.js';
import { ParamError } from '../http/params.js';
import type { RouteDefinition } from '../http/route.js';
import {
  v1Body,
  v1Entries,
  v1Error,
  v1ErrorBodyFor,
  v1List,
  v1Messages,
  V1_ROLES,
  V1_ROOT,
  type V1Object,
} from '../v1/json.js';
import { v1All, v1RequiredText } from '../v1/params.js';
import { v1Scope } from '../v1/scope.js';

type Group = 'registeredAllowed' | 'registeredBlocked' | 'unregisteredAllowed' | 'unregisteredBlocked' | 'wiped';
const GROUPS: readonly Group[] = [
  'registeredAllowed',
  'registeredBlocked',
  'unregisteredAllowed',
  'unregisteredBlocked',
  'wiped',
];
const ACTIONS = ['BLOCK_DEVICE', 'REINSTATE_DEVICE', 'WIPE'] as const;
type EasAction = (typeof ACTIONS)[number];

/** ActiveSync platform codes as the E30 sample reports them (iOS = 11); Android's code is undocumented. */
const PLATFORM_CODE: Record<Platform, number> = { iOS: 11, Android: 12, macOS: 13, Windows: 14 };

/** The World's action sources in v1's enum: E30 prints the constant, E31 the display name. */
const ACTION_SOURCE: Record<SimActiveSyncDevice['actionSource'], { constant: string; display: string }> = {
  EXCHANGE: { constant: 'EXCHANGE', display: 'Exchange' },
  SENTRY: { constant: 'AUTOBLOCK', display: 'Auto' },
  ADMIN: { constant: 'MANUAL', display: 'Manual' },
};

/** Five groups: wiped, else registered/unregistered × allowed/blocked; quarantined and unknown are not allowed to sync. */
function groupOf(partnership: SimActiveSyncDevice): Group {
  if (partnership.syncStatus === 'Wiped') return 'wiped';
  const allowed = partnership.syncStatus === 'Allowed';
  if (partnership.status === 'Registered') return allowed ? 'registeredAllowed' : 'registeredBlocked';
  return allowed ? 'unregisteredAllowed' : 'unregisteredBlocked';
}

/** Partnerships of devices in the admin's spaces; unmanaged phones (no EPMM device) are visible to every admin. */
function visiblePartnerships(world: World, admin: SimAdmin): SimActiveSyncDevice[] {
  const inScope = v1Scope(world, admin);
  return world.activeSyncDevices.filter((partnership) => {
    if (partnership.miDeviceUuid === null) return true;
    const device = world.devicesByUuid.get(partnership.miDeviceUuid);
    return device !== undefined && inScope(device);
  });
}

function summary(partnership: SimActiveSyncDevice): V1Object {
  return {
    uuid: partnership.uuid,
    domain: partnership.domain,
    deviceId: partnership.deviceId,
    mailboxId: partnership.mailboxId,
    userName: partnership.userName,
    phoneNumber: partnership.phoneNumber?.replace(/\D/g, '') ?? '',
    model: partnership.model,
    platform: partnership.platform,
    platformCode: PLATFORM_CODE[partnership.platform],
    status: partnership.status,
    activeSyncStatus: partnership.syncStatus,
    firstSyncTime: partnership.firstSyncTime,
    lastSyncTime: partnership.lastSyncTime,
    miDeviceUuid: partnership.miDeviceUuid ?? '',
    actionSource: ACTION_SOURCE[partnership.actionSource].constant,
  };
}

/** Exchange's own date format in E31 (`7/6/2010 11:29:33 AM`), in UTC. */
function exchangeDate(ms: number): string {
  const date = new Date(ms);
  const hours = date.getUTCHours();
  const pad = (value: number) => String(value).padStart(2, '0');
  const time = `${hours % 12 === 0 ? 12 : hours % 12}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} ${hours < 12 ? 'AM' : 'PM'}`;
  return `${date.getUTCMonth() + 1}/${date.getUTCDate()}/${date.getUTCFullYear()} ${time}`;
}

function details(partnership: SimActiveSyncDevice): Array<readonly [string, string]> {
  const accessState =
    partnership.syncStatus === 'Allowed'
      ? 'Allowed'
      : partnership.syncStatus === 'Wiped'
        ? 'Blocked'
        : partnership.syncStatus;
  const type = partnership.platform === 'iOS' ? (partnership.model.startsWith('iPad') ? 'iPad' : 'iPhone') : 'Android';
  return [
    ['ActionSource', ACTION_SOURCE[partnership.actionSource].display],
    ['LastPingHeartbeat', '600'],
    ['DeviceID', partnership.deviceId],
    ['FirstSyncTime', exchangeDate(partnership.firstSyncTime)],
    ['DevicePolicyApplicationStatus', 'AppliedInFull'],
    ['LastSyncAttemptTime', exchangeDate(partnership.lastSyncTime)],
    ['DeviceType', type],
    ['DeviceModel', partnership.model],
    ['Status', partnership.syncStatus === 'Wiped' ? 'DeviceWipeSucceeded' : 'DeviceOk'],
    ['DeviceAccessState', accessState],
    [
      'Identity',
      `${partnership.domain}/Users/${partnership.userName}/ExchangeActiveSyncDevices/${type}§${partnership.deviceId}`,
    ],
    [
      'DeviceAccessStateReason',
      partnership.actionSource === 'EXCHANGE'
        ? 'Individual'
        : partnership.actionSource === 'SENTRY'
          ? 'Policy'
          : 'Individual',
    ],
    ['DevicePolicyApplied', 'Default'],
    ['IsRemoteWipeSupported', 'True'],
    ['LastSuccessSync', exchangeDate(partnership.lastSyncTime)],
    ['RecoveryPassword', '******'],
    ['DeviceActiveSyncVersion', partnership.platform === 'iOS' ? '16.1' : '14.1'],
  ];
}

function apply(partnership: SimActiveSyncDevice, action: EasAction, now: number): void {
  partnership.syncStatus = action === 'BLOCK_DEVICE' ? 'Blocked' : action === 'REINSTATE_DEVICE' ? 'Allowed' : 'Wiped';
  partnership.actionSource = 'ADMIN';
  partnership.lastSyncTime = Math.max(partnership.lastSyncTime, now);
}

const common = { roles: V1_ROLES };

export const epmmV1ActiveSyncRoutes: RouteDefinition[] = [
  {
    ...common,
    errorBody: v1ErrorBodyFor(V1_ROOT.easList),
    method: 'GET',
    path: '/api/v1/eas/devices',
    summary: 'List all ActiveSync devices, grouped by registration and access state (E30)',
    catalogueIds: ['E30'],
    response: {
      status: 200,
      contentType: 'application/json',
      description:
        '`easWebServiceReponse` (sic) with `messages` ("N Device(s) returned") and the five groups `registeredAllowedDevices.registeredAllowedDevice`, … `wipedDevices.wipedDevice`. 404 when there are none.',
    },
    handle({ world, admin }) {
      const partnerships = visiblePartnerships(world, admin);
      if (partnerships.length === 0) throw v1Error(V1_ROOT.easList, 404, 'No devices found.');
      const grouped = new Map<Group, V1Object[]>(GROUPS.map((group) => [group, []]));
      for (const partnership of partnerships) grouped.get(groupOf(partnership))!.push(summary(partnership));
      const content: V1Object = { messages: v1Messages(`${partnerships.length} Device(s) returned`) };
      for (const group of GROUPS) content[`${group}Devices`] = v1List(`${group}Device`, grouped.get(group)!);
      return { status: 200, body: v1Body(V1_ROOT.easList, content) };
    },
  },
  {
    ...common,
    errorBody: v1ErrorBodyFor(V1_ROOT.easDevice),
    method: 'GET',
    path: '/api/v1/eas/devices/:easUuid',
    summary: 'Get the details of one ActiveSync device (E31)',
    catalogueIds: ['E31'],
    response: {
      status: 200,
      contentType: 'application/json',
      description:
        '`easDevice` with `uuid` and `details.entry` key/value pairs as Exchange reports them (dates as `7/6/2010 11:29:33 AM`). 404 for an unknown uuid.',
    },
    handle({ world, admin, params }) {
      const wanted = params.easUuid.trim().toLowerCase();
      const partnership = visiblePartnerships(world, admin).find(
        (candidate) => candidate.uuid.toLowerCase() === wanted,
      );
      if (!partnership)
        throw v1Error(V1_ROOT.easDevice, 404, `No ActiveSync device found with uuid: ${params.easUuid}`);
      return {
        status: 200,
        body: v1Body(V1_ROOT.easDevice, { uuid: partnership.uuid, details: v1Entries(details(partnership)) }),
      };
    },
  },
  {
    ...common,
    errorBody: v1ErrorBodyFor(V1_ROOT.eas),
    method: 'PUT',
    path: '/api/v1/eas/devices',
    summary: 'Block, reinstate or wipe ActiveSync devices (E32)',
    catalogueIds: ['E32'],
    query: {
      action: { type: 'string', required: true, description: 'BLOCK_DEVICE, REINSTATE_DEVICE or WIPE.' },
      uuids: {
        type: 'string',
        required: true,
        description: 'ActiveSync device uuid; repeat the parameter for each device.',
      },
    },
    response: {
      status: 200,
      contentType: 'application/json',
      description:
        '`easWebServiceResponse` with `messages.message` "N device(s) modified to <ACTION> status". Unknown uuids are skipped; 404 when none is known.',
    },
    handle({ world, admin, rawQuery, now }) {
      const actionText = v1RequiredText(rawQuery, 'action').trim().toUpperCase();
      const action = ACTIONS.find((candidate) => candidate === actionText);
      if (!action) throw new ParamError('action', `action: must be one of ${ACTIONS.join(', ')}.`);
      const wanted = new Set(v1All(rawQuery, 'uuids').map((uuid) => uuid.trim().toLowerCase()));
      const targets = visiblePartnerships(world, admin).filter((partnership) =>
        wanted.has(partnership.uuid.toLowerCase()),
      );
      if (targets.length === 0) throw v1Error(V1_ROOT.eas, 404, 'No ActiveSync devices found.');
      for (const partnership of targets) apply(partnership, action, now);
      return {
        status: 200,
        body: v1Body(V1_ROOT.eas, { messages: v1Messages(`${targets.length} device(s) modified to ${action} status`) }),
      };
    },
  },
];
