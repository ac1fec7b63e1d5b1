import type { QueryResolvers } from '../../generated/resolvers-types.js';
import type { GatewayContext } from '../../context.js';
import { type DecodedId, decodeId, neuronsDeviceRefOf } from '../../ids.js';
import type { FieldPath } from '../../errors.js';
import { loadNeuronsDevice, loadNeuronsPartition } from '../../loaders/neurons-devices.js';
import { UUID } from '../../models/uuid.js';
import type { DeviceModel } from '../../models/device.js';
import type { DeviceSpaceModel } from '../../models/device-space.js';
import type { UserModel } from '../../models/user.js';
import type { LabelModel } from '../../models/label.js';
import type { PolicyModel } from '../../models/policy.js';
import type { GroupModel } from '../../models/group.js';
import { loadGroup } from './groups.js';
import { epmmProjection, selectedDeviceFields } from '../device-projection.js';
import type { AlertModel } from '../../models/alert.js';

/**
 * `deviceFields`: the EPMM fields a Device result needs (projection); every field when absent. `throughDetails`:
 * `details` is selected, so an EPMM device is read from its V09 details when they carry those fields.
 */
async function loadNode(
  id: string,
  field: FieldPath,
  context: GatewayContext,
  deviceFields?: readonly string[],
  throughDetails = false,
): Promise<DeviceModel | UserModel | DeviceSpaceModel | LabelModel | PolicyModel | GroupModel | AlertModel | null> {
  const decoded = decodeId(id, field);
  if (decoded.type === 'Group') return loadGroup(decoded.key, context);
  if (decoded.type === 'Device') return loadDevice(decoded, context, deviceFields, throughDetails);
  if (decoded.type === 'DeviceSpace' && decoded.source === 'NEURONS') {
    return neuronsPartitionOfKey(decoded.key, context);
  }
  if (decoded.source !== 'EPMM') return null;
  switch (decoded.type) {
    case 'User':
      return context.loaders.userByPrincipal.load(decoded.key);
    case 'DeviceSpace':
      // The viewer's own spaces cost nothing; any other visible space is in the (cached) DS01 list.
      return (
        context.viewer.deviceSpaces.find((space) => String(space.id) === decoded.key) ??
        (await context.loaders.deviceSpaceList()).find((space) => String(space.id) === decoded.key) ??
        null
      );
    case 'Label':
      return /^-?\d+$/.test(decoded.key) ? context.loaders.labels.labelByLegacyId(Number(decoded.key)) : null;
    case 'Policy':
      return /^-?\d+$/.test(decoded.key) ? context.loaders.policies.policyByLegacyId(Number(decoded.key)) : null;
    case 'Alert':
      // v1 reads no single alert: the one cached E37 list is searched.
      return /^\d+$/.test(decoded.key)
        ? ((await context.loaders.alerts.alertList({})).find((alert) => alert.alertId === Number(decoded.key)) ?? null)
        : null;
  }
}

/** A decoded Device id (`node`, `device(id)`, `device(uuid)`), read from the MDM it names; null when not visible. */
export function loadDevice(
  decoded: DecodedId,
  context: GatewayContext,
  deviceFields?: readonly string[],
  throughDetails = false,
): Promise<DeviceModel | null> | null {
  if (decoded.source === 'NEURONS')
    return loadNeuronsDevice(context.loaders.groups, context.loaders.neuronsConfigured, neuronsDeviceRefOf(decoded));
  // A forged id never reaches the MDM: only a UUID can name a device.
  if (!UUID.test(decoded.key)) return null;
  const key = decoded.key.toLowerCase();
  if (deviceFields && throughDetails) return context.loaders.deviceThroughDetails(key, deviceFields);
  return (deviceFields ? context.loaders.deviceByUuidWith(deviceFields) : context.loaders.deviceByUuid).load(key);
}

/** A Neurons partition by the key of its DeviceSpace id; one the caller does not hold is null. */
export function neuronsPartitionOfKey(
  key: string,
  { loaders }: GatewayContext,
): Promise<DeviceSpaceModel | null> | null {
  if (!/^[1-9]\d{0,14}$/.test(key)) return null;
  return loadNeuronsPartition(loaders.groups, loaders.neuronsConfigured, Number(key));
}

export const node: QueryResolvers['node'] = (_parent, { id }, context, info) => {
  const selected = selectedDeviceFields(info);
  return loadNode(id, ['id'], context, epmmProjection(context.config, selected), selected.has('details'));
};

/**
 * Each id succeeds or fails on its own: a malformed id or a failing source is null at its index with an error at
 * ["nodes", i], and the other items still answer (the items of `[Node]!` are nullable for this). The failure is
 * returned as an Error item, not a rejected promise: graphql-js and graphql-jit both turn an Error item into an
 * error located at its index, while graphql-jit misplaces the null of a rejected item (docs/decisions.md).
 */
export const nodes: QueryResolvers['nodes'] = async (_parent, { ids }, context, info) => {
  // Devices by the uuid search even with `details`: it reads 4 per call, and a V09 answer lacking a field would
  // leave each device to a search of its own.
  const deviceFields = epmmProjection(context.config, selectedDeviceFields(info));
  const items = await Promise.all(
    ids.map((id, index) => loadNode(id, ['ids', index], context, deviceFields).catch(asError)),
  );
  return items as Array<Awaited<ReturnType<typeof loadNode>>>;
};

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
