// What a screen calls a device (`Device.displayName`): never empty, because EPMM reports a name only for Apple
// devices and a list of blank rows is useless. The rule is docs/decisions.md "Device posture".
import { isMasked } from '../upstream/decode-warnings.js';
import type { DeviceModel } from './device.js';

/**
 * The device's name; else "<model> of <owner>"; else the model; else the UUID. Blank values and masked placeholders
 * (`*****`, as masked servers send) count as absent.
 */
export function deviceDisplayName(device: DeviceModel): string {
  const name = present(device.name);
  if (name) return name;
  const model = present(device.model);
  const owner = ownerName(device);
  if (model && owner) return `${model} of ${owner}`;
  return model ?? device.uuid;
}

/** The user's display name, else first and last name; a login or e-mail is no name to show. */
function ownerName(device: DeviceModel): string | null {
  const user = device.user;
  if (!user) return null;
  return present(user.displayName) ?? present([user.firstName, user.lastName].map(present).filter(Boolean).join(' '));
}

function present(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed && !isMasked(trimmed) ? trimmed : null;
}
