// E09-E21: retire, lock, unlock, wipe, wakeup and locate a device by uuid or by Wi-Fi MAC, and enable roaming.
// Unlock, wakeup and locate are GETs that change state, as documented. Each pair shares one handler.
import type { SimAdmin, SimDevice, World } from '../fleet/types.js';
import type { HandlerResult, ParamSpec, RequestContext, RouteDefinition } from '../http/route.js';
import { applyV1Action, type V1Action } from '../v1/actions.js';
import { v1DeviceName } from '../v1/device-record.js';
import { v1DeviceState } from '../v1/device-state.js';
import { v1Error, v1List, v1Messages, V1_ROOT, type V1Object } from '../v1/json.js';
import { currentLocation, requestLocation } from '../v1/location.js';
import { v1Boolean, v1OptionalText, v1RequiredBoolean, v1RequiredText } from '../v1/params.js';
import { DM_ROUTE, dmOk, dmResponse } from '../v1/respond.js';
import { v1DeviceByMac, v1DeviceByUuid } from '../v1/scope.js';

const REASON_MAX = 512;
const reasonSpec = (required: boolean): ParamSpec => ({
  type: 'string',
  maxLength: REASON_MAX,
  description: `Free-text reason, at most ${REASON_MAX} characters${required ? ' (required)' : ''}; the document writes Reason and reason.`,
});

interface ActionSpec {
  name: string;
  method: 'GET' | 'PUT';
  ids: [byUuid: string, byMac: string];
  summary: string;
  query?: Record<string, ParamSpec>;
  responseDescription: string;
  run(ctx: RequestContext, device: SimDevice): HandlerResult;
}

function resolve(world: World, admin: SimAdmin, params: Record<string, string>): SimDevice {
  return params.mac !== undefined ? v1DeviceByMac(world, admin, params.mac) : v1DeviceByUuid(world, admin, params.uuid);
}

/** Reason is required for lock/unlock and optional for retire/wipe; case-insensitive name, ≤ 512 characters. */
function reason(ctx: RequestContext, required: boolean): string | undefined {
  return required
    ? v1RequiredText(ctx.rawQuery, 'Reason', REASON_MAX)
    : v1OptionalText(ctx.rawQuery, 'Reason', REASON_MAX);
}

function act(ctx: RequestContext, device: SimDevice, action: V1Action) {
  const outcome = applyV1Action(ctx.world, device, action, ctx.now);
  if (outcome.refused) throw v1Error(V1_ROOT.dm, 400, outcome.refused);
  return outcome;
}

const ACTIONS: readonly ActionSpec[] = [
  {
    name: 'retire',
    method: 'PUT',
    ids: ['E09', 'E10'],
    summary: 'Retire a device',
    query: { Reason: reasonSpec(false) },
    responseDescription: '"Device is retired successfully." and `deviceUuid`.',
    run(ctx, device) {
      reason(ctx, false);
      act(ctx, device, 'RETIRE');
      return dmOk({ messages: v1Messages('Device is retired successfully.'), deviceUuid: device.uuid });
    },
  },
  {
    name: 'lock',
    method: 'PUT',
    ids: ['E11', 'E12'],
    summary: 'Lock a device',
    query: { Reason: reasonSpec(true) },
    responseDescription:
      '"Device is locked successfully.", `deviceUuid`, and `unlockPasscode` for devices other than Android and iOS.',
    run(ctx, device) {
      reason(ctx, true);
      const outcome = act(ctx, device, 'LOCK');
      const body: V1Object = { messages: v1Messages('Device is locked successfully.'), deviceUuid: device.uuid };
      if (outcome.unlockPasscode !== undefined) body.unlockPasscode = outcome.unlockPasscode;
      return dmOk(body);
    },
  },
  {
    name: 'unlock',
    method: 'GET',
    ids: ['E13', 'E14'],
    summary: 'Unlock a device (clears the passcode on Android and iOS)',
    query: { Reason: reasonSpec(true) },
    responseDescription:
      '"1 passcode(s) sent." and `passcodes.passcode { uuid, name, value }`; value Q, F or NA on Android and iOS.',
    run(ctx, device) {
      reason(ctx, true);
      const outcome = act(ctx, device, 'UNLOCK');
      const passcode = { uuid: device.uuid, name: v1DeviceName(ctx.world, device), value: outcome.passcodeValue ?? '' };
      return dmOk({ messages: v1Messages('1 passcode(s) sent.'), passcodes: v1List('passcode', [passcode]) });
    },
  },
  {
    name: 'wipe',
    method: 'PUT',
    ids: ['E15', 'E16'],
    summary: 'Wipe a device (factory reset; afterwards only Retire is valid)',
    query: { Reason: reasonSpec(false) },
    responseDescription: '`deviceUuid`; `messages` is empty, as in the sample.',
    run(ctx, device) {
      reason(ctx, false);
      act(ctx, device, 'WIPE');
      return dmOk({ messages: v1Messages(), deviceUuid: device.uuid });
    },
  },
  {
    name: 'wakeup',
    method: 'GET',
    ids: ['E17', 'E18'],
    summary: 'Wake up the client (the device checks in)',
    responseDescription: '"Wake up request sent to device with uuid:<uuid>" and `deviceUuid`.',
    run(ctx, device) {
      act(ctx, device, 'WAKEUP_DEVICE');
      return dmOk({
        messages: v1Messages(`Wake up request sent to device with uuid:${device.uuid}`),
        deviceUuid: device.uuid,
      });
    },
  },
  {
    name: 'locate',
    method: 'GET',
    ids: ['E19', 'E20'],
    summary: 'Locate a device; locatenow=true requests a fresh fix that a later call returns',
    query: {
      locatenow: { type: 'boolean', description: 'Request a fresh location now (default false; not for iOS).' },
    },
    responseDescription:
      '`deviceUuid`, `locations.location { uuid, lookupResult, latitude, longitude, radius, capturedAt }`, `locateNow`.',
    run(ctx, device) {
      if (device.status === 'RETIRED' || device.status === 'WIPED')
        throw v1Error(V1_ROOT.dm, 400, 'The device cannot be located.');
      const locateNow = v1Boolean(ctx.rawQuery, 'locatenow') ?? false;
      const requested = locateNow && requestLocation(device, ctx.now);
      const location = currentLocation(device, ctx.now);
      const message = requested ? 'Locate request sent to device.' : `Location of device with uuid:${device.uuid}`;
      return dmOk({
        deviceUuid: device.uuid,
        messages: v1Messages(message),
        locations: v1List('location', [{ uuid: device.uuid, ...location }]),
        locateNow,
      });
    },
  },
];

function actionRoutes(spec: ActionSpec): RouteDefinition[] {
  const handle = (ctx: RequestContext) => spec.run(ctx, resolve(ctx.world, ctx.admin, ctx.params));
  const shared = {
    ...DM_ROUTE,
    method: spec.method,
    query: spec.query,
    response: dmResponse(spec.responseDescription),
    handle,
  };
  return [
    {
      ...shared,
      path: `/api/v1/dm/devices/${spec.name}/:uuid`,
      summary: `${spec.summary} by uuid (${spec.ids[0]})`,
      catalogueIds: [spec.ids[0]],
    },
    {
      ...shared,
      path: `/api/v1/dm/devices/${spec.name}/mac/:mac`,
      summary: `${spec.summary} by Wi-Fi MAC (${spec.ids[1]})`,
      catalogueIds: [spec.ids[1]],
    },
  ];
}

const enableRoaming: RouteDefinition = {
  ...DM_ROUTE,
  method: 'PUT',
  path: '/api/v1/dm/devices/enableroaming/:uuid',
  summary: 'Enable or disable voice and data roaming (E21; iOS)',
  catalogueIds: ['E21'],
  query: {
    voice: { type: 'boolean', required: true, description: 'Voice roaming; false also disables data roaming.' },
    data: { type: 'boolean', required: true, description: 'Data roaming.' },
  },
  response: dmResponse(
    '`deviceUuid` and two messages (voice, data); success whether or not the device supports the setting.',
  ),
  handle({ world, admin, params, rawQuery }) {
    const device = v1DeviceByUuid(world, admin, params.uuid);
    const voice = v1RequiredBoolean(rawQuery, 'voice');
    const data = v1RequiredBoolean(rawQuery, 'data');
    const state = v1DeviceState(device);
    state.voiceRoaming = voice;
    state.dataRoaming = voice && data;
    return dmOk({
      deviceUuid: device.uuid,
      messages: v1Messages(
        'Device voice roaming settings updated successfully. The voice roaming setting is available only on certain carriers. Disabling voice roaming also disables data roaming.',
        'Device data roaming settings updated successfully.',
      ),
    });
  },
};

export const epmmV1DeviceActionRoutes: RouteDefinition[] = [...ACTIONS.flatMap(actionRoutes), enableRoaming];
