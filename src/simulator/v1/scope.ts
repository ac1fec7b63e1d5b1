// v1 takes no `adminDeviceSpaceId`: an administrator sees the devices of all their device spaces (and the spaces
// below them). A device outside them is answered exactly like a device that does not exist, so v1 cannot be used
// to probe other spaces.
import type { SimAdmin, SimDevice, World } from '../fleet/types.js';
import { spaceSubtree } from '../spaces/device-scope.js';
import { v1Error, V1_ROOT } from './json.js';

export function v1Scope(world: World, admin: SimAdmin): (device: SimDevice) => boolean {
  const visible = new Set(admin.spaceIds.flatMap((id) => [...spaceSubtree(world, id)]));
  return (device) => visible.has(device.spaceId);
}

/** v1 Wi-Fi MACs are 12 hex digits without separators (E07 `38AA3C62BFAD`); the World stores `aa:bb:…`. */
export function v1Mac(device: SimDevice): string {
  return device.wifiMac.replace(/[^0-9a-f]/gi, '').toUpperCase();
}

/** Accepts the documented form and, tolerantly, colon- or dash-separated forms; undefined when not a MAC. */
export function normaliseMac(text: string): string | undefined {
  const hex = text.replace(/[:-]/g, '').toUpperCase();
  return /^[0-9A-F]{12}$/.test(hex) ? hex : undefined;
}

/** The visible device with this uuid, or a 404 in the v1 shape. */
export function v1DeviceByUuid(world: World, admin: SimAdmin, uuid: string): SimDevice {
  const device = world.devicesByUuid.get(uuid.trim().toLowerCase());
  if (!device || !v1Scope(world, admin)(device)) throw v1Error(V1_ROOT.dm, 404, `No device found with uuid: ${uuid}`);
  return device;
}

/** The visible device with this Wi-Fi MAC, or a 404 in the v1 shape. */
export function v1DeviceByMac(world: World, admin: SimAdmin, mac: string): SimDevice {
  const wanted = normaliseMac(mac);
  const inScope = v1Scope(world, admin);
  const device =
    wanted === undefined
      ? undefined
      : world.devices.find((candidate) => inScope(candidate) && v1Mac(candidate) === wanted);
  if (!device) throw v1Error(V1_ROOT.dm, 404, `No device found with Wi-Fi MAC address: ${mac}`);
  return device;
}

/** Digits only: v1 phone numbers carry no `+`, spaces or dashes (Conventions, L206-212). */
export function v1Phone(device: SimDevice): string | undefined {
  return device.phoneNumber === null ? undefined : device.phoneNumber.replace(/\D/g, '');
}
