// EPMM v1 device management (catalogue E01-E21, E25-E29): the device lookups here; the registration, actions,
// bulk calls and profiles in the epmm-v1-device-*.ts routes beside it, their helpers in src/simulator/v1. Every v1
// device is a World device, renamed to v1's fields.
import type { SimAdmin, SimDevice, World } from '../fleet/types.js';
import type { RouteDefinition } from '../http/route.js';
import { deviceHasLabel } from '../labels.js';
import { devicesCsv } from '../v1/export-devices.js';
import { v1DeviceRecord, type V1RecordVariant } from '../v1/device-record.js';
import { v1Error, v1List, v1Messages, V1_ROOT, type V1Object } from '../v1/json.js';
import { v1Text } from '../v1/params.js';
import { v1CountryOf } from '../v1/reference.js';
import { DM_ROUTE, dmOk, dmResponse } from '../v1/respond.js';
import { v1DeviceByMac, v1DeviceByUuid, v1Phone, v1Scope } from '../v1/scope.js';
import { isV1Status, v1Status } from '../v1/status.js';

const DEVICES_EXAMPLE: V1Object = {
  messages: v1Messages('1 Device(s) returned'),
  devices: v1List('device', [
    { id: 2, uuid: '8d711cdc-e93c-49b1-88d6-222f54132445', principal: 'jdoe', status: 'ACTIVE', statusCode: 97 },
  ]),
};

export const epmmV1DeviceRoutes: RouteDefinition[] = [
  {
    ...DM_ROUTE,
    method: 'GET',
    path: '/api/v1/dm/devices',
    summary: 'Get devices by status (E01); without a status, the ACTIVE devices',
    catalogueIds: ['E01'],
    query: {
      status: {
        type: 'string',
        description: 'Device status (ACTIVE, RETIRED, WIPED, …); the document also writes Status. Default ACTIVE.',
      },
    },
    response: dmResponse('All devices with the status, in `devices.device`.', DEVICES_EXAMPLE),
    handle({ world, admin, rawQuery }) {
      const status = (v1Text(rawQuery, 'status') ?? 'ACTIVE').trim().toUpperCase();
      if (!isV1Status(status)) throw v1Error(V1_ROOT.dm, 400, `Invalid status: ${status}`);
      const inScope = v1Scope(world, admin);
      return devicesAnswer(
        world,
        world.devices.filter((device) => inScope(device) && v1Status(device.status) === status),
        'byStatus',
      );
    },
  },
  {
    ...DM_ROUTE,
    method: 'GET',
    path: '/api/v1/dm/devices.csv',
    summary: 'Export device information as CSV (E03)',
    catalogueIds: ['E03'],
    response: {
      status: 200,
      contentType: 'text/csv',
      description: 'One row per device, headers named as the document lists the fields.',
    },
    handle({ world, admin }) {
      const inScope = v1Scope(world, admin);
      return {
        status: 200,
        body: devicesCsv(world, world.devices.filter(inScope)),
        contentType: 'text/csv; charset=utf-8',
      };
    },
  },
  {
    ...DM_ROUTE,
    method: 'GET',
    path: '/api/v1/dm/devices/:uuid',
    summary: 'Get the details of one device (E02)',
    catalogueIds: ['E02'],
    response: dmResponse('One `device` without a wrapper; `messages` is empty when the device exists.'),
    handle({ world, admin, params }) {
      const device = v1DeviceByUuid(world, admin, params.uuid);
      return dmOk({ messages: v1Messages(), device: v1DeviceRecord(world, device, 'single') });
    },
  },
  {
    ...DM_ROUTE,
    method: 'GET',
    path: '/api/v1/dm/phones/:phoneNumbers',
    summary: 'Get the registered devices of one or more phone numbers (E04)',
    catalogueIds: ['E04'],
    response: dmResponse('The devices; `phoneNumber` echoes a single requested number.'),
    handle({ world, admin, params }) {
      const numbers = params.phoneNumbers
        .split(',')
        .map((number) => number.trim())
        .filter(Boolean);
      const invalid = numbers.find((number) => !/^\d+$/.test(number));
      if (numbers.length === 0 || invalid !== undefined)
        throw v1Error(V1_ROOT.dm, 400, `Invalid phone number: ${invalid ?? ''}. Use digits only.`);
      const inScope = v1Scope(world, admin);
      const devices = world.devices.filter(
        (device) => inScope(device) && isRegistered(device) && numbers.some((number) => phoneMatches(device, number)),
      );
      // The number is echoed when exactly one was asked for; one valid number leaves `messages` empty.
      const echo: V1Object = numbers.length === 1 ? { phoneNumber: numbers[0] } : {};
      if (devices.length === 0)
        throw v1Error(V1_ROOT.dm, 404, `No device found for phone number(s): ${numbers.join(',')}`);
      const messages = numbers.length === 1 ? v1Messages() : v1Messages(`${devices.length} Device(s) returned`);
      return dmOk({ ...echo, messages, devices: records(world, devices, 'lookup') });
    },
  },
  {
    ...DM_ROUTE,
    method: 'GET',
    path: '/api/v1/dm/users/:userName',
    summary: "Get a user's registered devices (E05)",
    catalogueIds: ['E05'],
    response: dmResponse('All registered devices of the user (by principal).'),
    handle({ world, admin, params }) {
      const login = params.userName.toLowerCase();
      const user = world.users.find((candidate) => candidate.userId.toLowerCase() === login);
      if (!user) throw v1Error(V1_ROOT.dm, 404, `No user found: ${params.userName}`);
      return lookupAnswer(world, admin, (device) => device.userUuid === user.uuid);
    },
  },
  {
    ...DM_ROUTE,
    method: 'GET',
    path: '/api/v1/dm/labels/:labelName',
    summary: 'Get the registered devices in a label (E06)',
    catalogueIds: ['E06'],
    response: dmResponse('All registered devices in the label (by label name).'),
    handle({ world, admin, params }) {
      const name = params.labelName.toLowerCase();
      const label = world.labels.find((candidate) => candidate.name.toLowerCase() === name);
      if (!label) throw v1Error(V1_ROOT.dm, 404, `No label found: ${params.labelName}`);
      return lookupAnswer(world, admin, (device) => deviceHasLabel(device, label));
    },
  },
  {
    ...DM_ROUTE,
    method: 'GET',
    path: '/api/v1/dm/devices/mac/:mac',
    summary: 'Get the registered device with a Wi-Fi MAC address (E07)',
    catalogueIds: ['E07'],
    response: dmResponse('The device in `devices.device`; the MAC is 12 hex digits without separators.'),
    handle({ world, admin, params }) {
      const device = v1DeviceByMac(world, admin, params.mac);
      if (!isRegistered(device))
        throw v1Error(V1_ROOT.dm, 404, `No device found with Wi-Fi MAC address: ${params.mac}`);
      return dmOk({ messages: v1Messages('1 Device(s) returned'), devices: records(world, [device], 'lookup') });
    },
  },
];

/** "This API applies only to registered devices" (E04-E07): enrolment finished and not retired. */
function isRegistered(device: SimDevice): boolean {
  return device.status !== 'PENDING' && device.status !== 'RETIRED';
}

/** v1 numbers are digits; a caller may leave out the country code (the input rule) or include it (the samples). */
function phoneMatches(device: SimDevice, number: string): boolean {
  const phone = v1Phone(device);
  return phone !== undefined && (phone === number || phone === `${v1CountryOf(device)?.countryCode ?? ''}${number}`);
}

function records(world: World, devices: readonly SimDevice[], variant: V1RecordVariant): V1Object {
  return v1List(
    'device',
    devices.map((device) => v1DeviceRecord(world, device, variant)),
  );
}

/** A device list, or 404 "No Data Found" when nothing matches (the only failure the document lists). */
function devicesAnswer(world: World, devices: readonly SimDevice[], variant: V1RecordVariant) {
  if (devices.length === 0) throw v1Error(V1_ROOT.dm, 404, '0 Device(s) returned');
  return dmOk({
    messages: v1Messages(`${devices.length} Device(s) returned`),
    devices: records(world, devices, variant),
  });
}

function lookupAnswer(world: World, admin: SimAdmin, matches: (device: SimDevice) => boolean) {
  const inScope = v1Scope(world, admin);
  return devicesAnswer(
    world,
    world.devices.filter((device) => inScope(device) && isRegistered(device) && matches(device)),
    'lookup',
  );
}
