// Register a device (E08): makes the device known to EPMM as a pending registration and, when no user has the given
// `userId`, creates a local one. The new device and user join the World, so v1 and v2 both list them.
import { COUNTRIES, type Country } from '../fleet/countries.js';
import { spaceIdByCountry } from '../fleet/device-spaces.js';
import { LABEL_ID } from '../fleet/label-catalog.js';
import { hashString, SeededRandom } from '../fleet/random.js';
import { addLocalUser } from '../fleet/user-store.js';
import type { Platform, SimDevice, SimUser, World } from '../fleet/types.js';

export interface V1Registration {
  /** Digits only, without country code (or absent for a PDA). */
  phoneNumber?: string;
  userId: string;
  platform: Platform;
  country: Country;
  operator?: string;
  employeeOwned: boolean;
  importUserFromLdap: boolean;
  firstName?: string;
  lastName?: string;
  email?: string;
}

export class RegistrationError extends Error {}

export interface V1RegistrationResult {
  device: SimDevice;
  passcode: string;
  registrationUrl: string;
}

/** Hours the registration passcode stays valid (the sample's 120). */
export const PASSCODE_TTL_HOURS = 120;

const PLATFORM_LABEL: Record<Platform, number> = {
  iOS: LABEL_ID.iOS,
  Android: LABEL_ID.android,
  macOS: LABEL_ID.macOS,
  Windows: LABEL_ID.windows,
};

export function registerDevice(world: World, input: V1Registration, now: number): V1RegistrationResult {
  const user = findOrCreateUser(world, input);
  const id = (world.devices.at(-1)?.id ?? 0) + 1;
  // Seeded by the world and the new id, so a replayed test run registers the same uuids.
  const rng = new SeededRandom(hashString(`${world.seed}/register/${id}`));
  const spaceId = spaceIdByCountry(world.spaces).get(input.country.code);
  if (spaceId === undefined)
    throw new RegistrationError(`No device space covers country code ${input.country.dialCode}.`);
  const operator =
    input.country.operators.find((candidate) => candidate.name.toLowerCase() === input.operator?.toLowerCase()) ??
    input.country.operators[0];
  const at = new Date(now).toISOString();
  const labelIds = new Set([
    PLATFORM_LABEL[input.platform],
    input.employeeOwned ? LABEL_ID.employeeOwned : LABEL_ID.companyOwned,
  ]);
  const device: SimDevice = {
    id,
    uuid: rng.uuid(),
    platform: input.platform,
    // Nothing is reported before the device completes registration.
    osVersion: '',
    manufacturer: input.platform === 'iOS' || input.platform === 'macOS' ? 'Apple' : '',
    model: '',
    deviceName: '',
    status: 'PENDING',
    ownership: input.employeeOwned ? 'EMPLOYEE' : 'COMPANY',
    userUuid: user.uuid,
    spaceId,
    homeCountryCode: input.country.code,
    homeCountryName: input.country.name,
    homeOperatorName: operator.name,
    phoneNumber: input.phoneNumber === undefined ? null : `+${input.country.dialCode}${input.phoneNumber}`,
    imei: null,
    imsi: null,
    serialNumber: null,
    wifiMac: (rng.hex(12).match(/../g) ?? []).join(':'),
    ipAddress: '',
    language: input.country.language,
    locale: input.country.locale,
    registeredAt: at,
    createdAt: at,
    lastCheckinAt: at,
    clientLastCheckinAt: at,
    storageCapacity: 0,
    storageFree: 0,
    memoryCapacity: 0,
    memoryFree: 0,
    batteryLevel: null,
    clientName: null,
    clientVersion: null,
    compromised: false,
    quarantined: false,
    quarantinedReasons: [],
    noncomplianceReasons: [],
    mdmManaged: false,
    deviceAdminEnabled: false,
    dataProtectionEnabled: false,
    deviceEncrypted: false,
    androidRegistrationStatus: null,
    labelIds,
    modifiedAt: now,
  };
  world.devices.push(device);
  world.devicesByUuid.set(device.uuid, device);
  return { device, passcode: rng.digits(5), registrationUrl: `https://epmm.example.com/v/${rng.hex(5)}` };
}

/** Finds the user by login; otherwise creates a local one ("EPMM sets a new local user's password to the userid"). */
function findOrCreateUser(world: World, input: V1Registration): SimUser {
  const login = input.userId.toLowerCase();
  const existing = world.users.find((user) => user.userId.toLowerCase() === login);
  if (existing) return existing;
  if (input.importUserFromLdap) throw new RegistrationError(`User ${input.userId} was not found in LDAP.`);
  if (!input.firstName || !input.lastName || !input.email) {
    throw new RegistrationError(
      'userFirstName, userLastName and userEmailAddress are required to create a local user.',
    );
  }
  return addLocalUser(world, {
    userId: input.userId,
    firstName: input.firstName,
    lastName: input.lastName,
    displayName: `${input.firstName} ${input.lastName}`,
    email: input.email,
  });
}

/** The World country for a v1 calling code; "1" is shared by the US and Canada, and the first listed wins. */
export function countryForCallingCode(code: number): Country | undefined {
  return COUNTRIES.find((country) => Number(country.dialCode) === code);
}
