// Turns the device ids a client sent into EPMM targets, with reads only: ids of devices the caller cannot see
// become NOT_FOUND (and are never sent), Neurons devices NOT_SUPPORTED (the documented Neurons API has no
// device actions). A malformed id or an id of another type is malformed input: the whole mutation is refused.
import type { GatewayContext } from '../context.js';
import { decodeIdOf } from '../ids.js';
import type { DeviceModel } from '../models/device.js';
import { epmmFieldsFor } from '../models/epmm-device-projection.js';
import { outcome, type ItemOutcome } from './item-outcome.js';
import type { Target } from './run-mutation.js';

/** Optional per-device precondition: an outcome when the device does not qualify (e.g. delete: RETIRED only). */
export type Qualifier = (device: DeviceModel) => ItemOutcome | undefined;

export function deviceUuidsOf(ids: readonly string[]): Map<string, { source: 'EPMM' | 'NEURONS'; key: string }> {
  const decoded = new Map<string, { source: 'EPMM' | 'NEURONS'; key: string }>();
  ids.forEach((id, index) => {
    const { source, key } = decodeIdOf(id, 'Device', ['input', 'ids', index]);
    decoded.set(id, { source, key });
  });
  return decoded;
}

/**
 * `needs`: the Device fields the qualifier reads. Only those (and the uuid) are searched for, so devices the caller
 * just listed — whatever columns the list showed — are resolved from the cache without a visibility search.
 */
export async function resolveDevices(
  context: GatewayContext,
  ids: readonly string[],
  qualify?: Qualifier,
  needs: readonly string[] = [],
): Promise<Map<string, Target<DeviceModel> | ItemOutcome>> {
  const decoded = deviceUuidsOf(ids);
  const resolved = new Map<string, Target<DeviceModel> | ItemOutcome>();
  const epmm = [...decoded.entries()].filter(([, id]) => id.source === 'EPMM');
  const loader = context.config.projection
    ? context.loaders.deviceByUuidWith(epmmFieldsFor(['uuid', ...needs]))
    : context.loaders.deviceByUuid;
  const devices = await loader.loadMany(epmm.map(([, id]) => id.key));
  epmm.forEach(([id], index) => {
    const device = devices[index];
    if (device instanceof Error) throw device;
    if (!device) resolved.set(id, outcome('NOT_FOUND', 'No device with this id is visible in your device space.'));
    else resolved.set(id, qualify?.(device) ?? { id, key: device.uuid, value: device });
  });
  for (const [id, { source }] of decoded) {
    if (source === 'NEURONS')
      resolved.set(
        id,
        outcome('NOT_SUPPORTED', 'Neurons for MDM devices have no device actions in the documented API.'),
      );
  }
  return resolved;
}
