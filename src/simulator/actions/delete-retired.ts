// V05: delete retired devices, named by uuid, Wi-Fi MAC or principal. Only devices that are RETIRED, of a
// listed platform (iOS, OS X, Win8, Android: every simulated platform) and unmodified for a day are deleted;
// the rest are silently left out of the answer, as the document's sample shows.
import type { SimDevice, World } from '../fleet/types.js';

const DAY = 24 * 3_600_000;

export interface DeleteSelectors {
  deviceUuids: readonly string[];
  wifiMacs: readonly string[];
  principals: readonly string[];
}

/** `2a393b114f7c` (the V05 sample) and `2a:39:3b:11:4f:7c` (V01's form) name the same MAC. */
function bareMac(mac: string): string {
  return mac.replace(/[^0-9a-f]/gi, '').toLowerCase();
}

/** The selectors are alternatives (OR): a device named by any of them is a candidate. */
export function deleteRetired(
  world: World,
  selectors: DeleteSelectors,
  inScope: (device: SimDevice) => boolean,
  now: number,
): string[] {
  const uuids = new Set(selectors.deviceUuids.map((uuid) => uuid.toLowerCase()));
  const macs = new Set(selectors.wifiMacs.map(bareMac));
  const principals = new Set(selectors.principals.map((principal) => principal.toLowerCase()));
  const named = (device: SimDevice): boolean => {
    if (uuids.has(device.uuid)) return true;
    if (macs.size > 0 && macs.has(bareMac(device.wifiMac))) return true;
    if (principals.size === 0) return false;
    const user = world.usersByUuid.get(device.userUuid);
    return user !== undefined && principals.has(user.userId.toLowerCase());
  };
  const eligible = (device: SimDevice) =>
    device.status === 'RETIRED' && now - device.modifiedAt >= DAY && inScope(device);
  const deleted: string[] = [];
  // Filtered in place: other modules hold the same array.
  let kept = 0;
  for (const device of world.devices) {
    if (named(device) && eligible(device)) {
      deleted.push(device.uuid);
      world.devicesByUuid.delete(device.uuid);
    } else {
      world.devices[kept++] = device;
    }
  }
  world.devices.length = kept;
  // Exchange keeps the partnerships; without their EPMM device they are unregistered.
  const gone = new Set(deleted);
  for (const partnership of world.activeSyncDevices) {
    if (partnership.miDeviceUuid !== null && gone.has(partnership.miDeviceUuid)) {
      partnership.miDeviceUuid = null;
      partnership.status = 'Unregistered';
    }
  }
  return deleted;
}
