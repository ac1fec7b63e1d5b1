import type { SimDevice, SimUser, World } from './types.js';
import { SeededRandom } from './random.js';
import { buildDeviceSpaces, spaceIdByCountry } from './device-spaces.js';
import { buildAdmins } from './admins.js';
import { generateUsers } from './users.js';
import { buildLabels } from './label-catalog.js';
import { generateDevice } from './devices.js';
import { generateActiveSyncDevices } from './activesync.js';
import { generateAlerts } from './alerts.js';
import { buildPolicies } from './policies.js';
import { buildAppSettings } from './app-settings.js';
import { LABEL_ID } from './label-catalog.js';

export interface GenerateWorldOptions {
  seed: number;
  devices: number;
  /** Epoch ms the fleet's dates are relative to; fixed by default so a seed alone pins the world. */
  now?: number;
}

export const DEFAULT_NOW = Date.UTC(2026, 10, 1); // 2026-11-01T00:00:00.000Z

const DEVICES_PER_USER = 1.4;
const MIN_USERS = 10;

/**
 * Builds the whole simulated fleet from a seed. Users and devices draw from separate streams, so changing
 * the device count never reshuffles users that both sizes share.
 */
export function generateWorld(options: GenerateWorldOptions): World {
  if (!Number.isInteger(options.devices) || options.devices < 0)
    throw new RangeError(`devices must be a non-negative integer, got ${options.devices}`);
  const now = options.now ?? DEFAULT_NOW;
  const spaces = buildDeviceSpaces();

  const users = generateUsers(
    new SeededRandom(options.seed ^ 0x55534552),
    Math.max(MIN_USERS, Math.round(options.devices / DEVICES_PER_USER)),
  );
  const usersByUuid = new Map<string, SimUser>();
  for (const user of users) usersByUuid.set(user.uuid, user);

  const deviceRng = new SeededRandom(options.seed ^ 0x44455643);
  const context = { now, users, spaceIdByCountry: spaceIdByCountry(spaces) };
  const devices: SimDevice[] = new Array<SimDevice>(options.devices);
  const devicesByUuid = new Map<string, SimDevice>();
  for (let i = 0; i < options.devices; i++) {
    const device = generateDevice(deviceRng, i + 1, context);
    devices[i] = device;
    devicesByUuid.set(device.uuid, device);
  }

  const activeSyncDevices = generateActiveSyncDevices(options.seed, devices, usersByUuid, now);
  // Alerts draw from their own stream so that adding them reshuffles nothing else.
  const alerts = generateAlerts(new SeededRandom(options.seed ^ 0x414c5254), devices, { now, usersByUuid });
  const alertsById = new Map(alerts.map((alert) => [alert.id, alert] as const));
  return {
    seed: options.seed,
    generatedAt: now,
    spaces,
    admins: buildAdmins(),
    users,
    labels: buildLabels(),
    devices,
    devicesByUuid,
    usersByUuid,
    activeSyncDevices,
    alerts,
    alertsById,
    policies: buildPolicies(LABEL_ID),
    appSettings: buildAppSettings(LABEL_ID),
    userPasswords: new Map(),
  };
}
