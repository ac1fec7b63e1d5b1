// E25-E27: an action on many devices, and a message to many devices. Lists are repeated query parameters:
// `deviceUuids` (with an s) for actions, `deviceUuid` (without) and `deviceWiFiMacAddress` for messages.
// EPMM validates, answers, then acts; the simulator acts before answering so that the next call sees the result.
import type { SimAdmin, SimDevice, World } from '../fleet/types.js';
import { ParamError } from '../http/params.js';
import type { RouteDefinition } from '../http/route.js';
import { applyV1Action, V1_ACTIONS, type V1Action } from '../v1/actions.js';
import { v1DeviceName } from '../v1/device-record.js';
import { v1Error, v1List, v1Messages, V1_ROOT, type V1Object } from '../v1/json.js';
import { v1All, v1RequiredText, v1OptionalText } from '../v1/params.js';
import { DM_ROUTE, dmOk, dmResponse } from '../v1/respond.js';
import { normaliseMac, v1Mac, v1Phone, v1Scope } from '../v1/scope.js';

/** `bulk.api.maxdeviceuuids`, 20,000 by default. */
export const V1_BULK_MAX = 20_000;

const MODES = ['sms', 'email', 'pns'] as const;
type Mode = (typeof MODES)[number];

function listParam(query: URLSearchParams, names: readonly string[]): string[] {
  const values = [
    ...new Set(
      names
        .flatMap((name) => v1All(query, name))
        .map((value) => value.trim())
        .filter(Boolean),
    ),
  ];
  if (values.length === 0) throw new ParamError(names[0], `${names[0]}: Required parameter is missing.`);
  if (values.length > V1_BULK_MAX)
    throw v1Error(V1_ROOT.dm, 400, `${names[0]}: no more than ${V1_BULK_MAX} devices per request.`);
  return values;
}

function byUuid(world: World, admin: SimAdmin): (uuid: string) => SimDevice | undefined {
  const inScope = v1Scope(world, admin);
  return (uuid) => {
    const device = world.devicesByUuid.get(uuid.toLowerCase());
    return device && inScope(device) ? device : undefined;
  };
}

const bulkAction: RouteDefinition = {
  ...DM_ROUTE,
  method: 'POST',
  path: '/api/v1/dm/bulk/devices/:actionType',
  summary: 'Send an action to many devices (E25): LOCK, UNLOCK, WAKEUP_DEVICE, RETIRE or WIPE',
  catalogueIds: ['E25'],
  query: {
    deviceUuids: {
      type: 'string',
      required: true,
      description: `Device uuid, repeated for each device (at most ${V1_BULK_MAX}).`,
    },
  },
  response: dmResponse(
    '`messages` (empty, or "Invalid action"), `invalidDevices.uuid`, and for UNLOCK `passcodes` and `failedDevices.message`.',
  ),
  handle({ world, admin, params, rawQuery, now }) {
    const action = params.actionType;
    // Case-sensitive capitals: "lock" is as invalid as "LOKC".
    if (!(V1_ACTIONS as readonly string[]).includes(action)) throw v1Error(V1_ROOT.dm, 400, 'Invalid action');
    const uuids = listParam(rawQuery, ['deviceUuids']);
    const find = byUuid(world, admin);
    const invalid: string[] = [];
    const passcodes: V1Object[] = [];
    const failed: string[] = [];
    for (const uuid of uuids) {
      const device = find(uuid);
      if (!device) {
        invalid.push(uuid);
        continue;
      }
      const outcome = applyV1Action(world, device, action as V1Action, now);
      if (action === 'UNLOCK') {
        if (outcome.refused) failed.push(`Unlock failed for device ${device.uuid}: ${outcome.refused}`);
        else
          passcodes.push({ uuid: device.uuid, name: v1DeviceName(world, device), value: outcome.passcodeValue ?? '' });
      } else if (outcome.refused) {
        invalid.push(uuid);
      }
    }
    const body: V1Object = { messages: v1Messages() };
    if (invalid.length > 0) body.invalidDevices = v1List('uuid', invalid);
    if (action === 'UNLOCK') {
      body.passcodes = v1List('passcode', passcodes);
      if (failed.length > 0) body.failedDevices = v1List('message', failed);
    }
    return dmOk(body);
  },
};

function messageParams(query: URLSearchParams): { message: string; mode: Mode } {
  const message = v1RequiredText(query, 'message', 4000);
  const mode = v1RequiredText(query, 'mode').trim().toLowerCase();
  if (!(MODES as readonly string[]).includes(mode))
    throw v1Error(V1_ROOT.dm, 400, `Invalid mode: ${mode}. Use sms, email or pns.`);
  // Validated only: the simulator delivers nothing, so the subject has nowhere to go.
  v1OptionalText(query, 'subject', 255);
  return { message, mode: mode as Mode };
}

/** A device can receive the message when it is registered and has the channel: a phone number for SMS, the client or APNs for push. */
function reachable(world: World, device: SimDevice, mode: Mode): boolean {
  if (device.status === 'RETIRED' || device.status === 'WIPED' || device.status === 'PENDING') return false;
  if (mode === 'sms') return v1Phone(device) !== undefined;
  if (mode === 'pns') return device.clientName !== null || device.platform === 'iOS' || device.platform === 'macOS';
  return world.usersByUuid.get(device.userUuid)?.email !== undefined;
}

function messageAnswer(invalid: readonly string[]) {
  if (invalid.length === 0) return dmOk({ messages: v1Messages('Message sent successfully for all devices.') });
  return dmOk({
    messages: v1Messages('Message not sent for at least one device.'),
    invalidDevices: v1List('uuid', invalid),
  });
}

const messageQuery = {
  message: { type: 'string', required: true, maxLength: 4000, description: 'The message text.' },
  mode: { type: 'string', required: true, description: 'sms, email or pns (push notification).' },
  subject: { type: 'string', maxLength: 255, description: 'Subject; only for mode=email.' },
} as const;

const sendMessage: RouteDefinition = {
  ...DM_ROUTE,
  method: 'POST',
  path: '/api/v1/dm/bulk/sendmessage',
  summary: 'Send a message to devices by uuid (E26)',
  catalogueIds: ['E26'],
  query: {
    ...messageQuery,
    deviceUuid: {
      type: 'string',
      required: true,
      description: `Device uuid (no "s"), repeated (at most ${V1_BULK_MAX}).`,
    },
  },
  response: dmResponse(
    '"Message sent successfully for all devices.", or `invalidDevices.uuid` for those that could not be sent to.',
  ),
  handle({ world, admin, rawQuery }) {
    const uuids = listParam(rawQuery, ['deviceUuid']);
    const { mode } = messageParams(rawQuery);
    const find = byUuid(world, admin);
    return messageAnswer(
      uuids.filter((uuid) => {
        const device = find(uuid);
        return !device || !reachable(world, device, mode);
      }),
    );
  },
};

const sendMessageByMac: RouteDefinition = {
  ...DM_ROUTE,
  method: 'POST',
  path: '/api/v1/dm/bulk/mac/sendmessage',
  summary: 'Send a message to devices by Wi-Fi MAC address (E27)',
  catalogueIds: ['E27'],
  query: {
    ...messageQuery,
    deviceWiFiMacAddress: {
      type: 'string',
      description: 'Wi-Fi MAC (12 hex digits), repeated (required); the prose calls it macAddress, also accepted.',
    },
  },
  // The invalid MACs are listed under `invalidDevices.uuid`, the only list element the document names.
  response: dmResponse(
    '"Message sent successfully for all devices.", or the MACs that could not be sent to in `invalidDevices.uuid`.',
  ),
  handle({ world, admin, rawQuery }) {
    const macs = listParam(rawQuery, ['deviceWiFiMacAddress', 'macAddress']);
    const { mode } = messageParams(rawQuery);
    const inScope = v1Scope(world, admin);
    const wanted = new Set(macs.map((mac) => normaliseMac(mac)).filter((mac): mac is string => mac !== undefined));
    const found = new Map<string, SimDevice>();
    for (const device of world.devices)
      if (inScope(device) && wanted.has(v1Mac(device))) found.set(v1Mac(device), device);
    return messageAnswer(
      macs.filter((mac) => {
        const device = found.get(normaliseMac(mac) ?? '');
        return !device || !reachable(world, device, mode);
      }),
    );
  },
};

export const epmmV1DeviceBulkRoutes: RouteDefinition[] = [bulkAction, sendMessage, sendMessageByMac];
