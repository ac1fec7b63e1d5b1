// A device's Exchange ActiveSync partnership (E01 `easUuid` = E30/E31 `uuid`, E30 `miDeviceUuid` = the device
// uuid), read from the World's partnerships so the device list and the ActiveSync list always agree.
import type { SimActiveSyncDevice } from '../fleet/activesync.js';
import type { SimDevice, World } from '../fleet/types.js';

interface Index {
  size: number;
  byDevice: Map<string, SimActiveSyncDevice>;
}

/** Rebuilt when partnerships are added; linear, once per change rather than once per device. */
const INDEXES = new WeakMap<World, Index>();

export function v1EasPartnership(world: World, device: SimDevice): SimActiveSyncDevice | undefined {
  let index = INDEXES.get(world);
  if (!index || index.size !== world.activeSyncDevices.length) {
    const byDevice = new Map<string, SimActiveSyncDevice>();
    for (const partnership of world.activeSyncDevices) {
      // The most recent partnership of a device is the one EPMM shows on the device.
      const current = partnership.miDeviceUuid === null ? undefined : byDevice.get(partnership.miDeviceUuid);
      if (partnership.miDeviceUuid !== null && (!current || current.lastSyncTime < partnership.lastSyncTime))
        byDevice.set(partnership.miDeviceUuid, partnership);
    }
    index = { size: world.activeSyncDevices.length, byDevice };
    INDEXES.set(world, index);
  }
  return index.byDevice.get(device.uuid);
}
