// V02: self-registration on the user portal. The calling account is the device's user (the call names no
// user); a local user is created for it when the World has none, as v1 registration creates local users.
// The new device is PENDING until it enrols, so it shows in searches at once.
import { COUNTRIES, type Country } from '../fleet/countries.js';
import { spaceIdByCountry } from '../fleet/device-spaces.js';
import { generateDevice } from '../fleet/devices.js';
import { SeededRandom, hashString } from '../fleet/random.js';
import { addLocalUser } from '../fleet/user-store.js';
import type { Platform, SimAdmin, SimDevice, SimUser, World } from '../fleet/types.js';
import { bodyInteger, bodyObject, flag, validation } from './bulk-request.js';

/** Platform codes of v1 registration (E08); only `I` is in the V02 document. */
const PLATFORM_CODES: Readonly<Record<string, Platform>> = { I: 'iOS', A: 'Android', L: 'macOS', E: 'Windows' };
/** Portal pages by platform; the V02 sample shows the iOS one, with EPMM's plain-http port. */
const REG_PAGE: Readonly<Record<Platform, string>> = {
  iOS: 'ios',
  Android: 'android',
  macOS: 'macos',
  Windows: 'windows',
};
/** Passcode lifetime, a string as in the sample ("120"). */
const PASSCODE_TTL = '120';

export interface RegisterRequest {
  country: Country;
  operatorId: number;
  platform: Platform;
  phoneNumber: string | null;
}

export interface Registration {
  device: SimDevice;
  result: { passcode: string; ttl: string; regLink: string; email: string };
}

export function parseRegisterRequest(body: unknown): RegisterRequest {
  const object = bodyObject(body);
  const countryCode = bodyInteger(object.countryCode, 'countryCode', true)!;
  const operatorId = bodyInteger(object.operatorId, 'operatorId', true)!;
  bodyInteger(object.deviceLanguageId, 'deviceLanguageId', false);
  const phoneAvailable = flag(object.isPhoneNumberAvailable, 'isPhoneNumberAvailable');
  if (phoneAvailable === undefined)
    throw validation('isPhoneNumberAvailable', 'isPhoneNumberAvailable: Required parameter is missing.');
  flag(object.isForceRegister, 'isForceRegister');
  flag(object.notifyUser, 'notifyUser');
  if (typeof object.platform !== 'string') throw validation('platform', 'platform: Required parameter is missing.');
  const platform = PLATFORM_CODES[object.platform.trim().toUpperCase()];
  if (!platform)
    throw validation(
      'platform',
      `platform: '${object.platform}' is not one of ${Object.keys(PLATFORM_CODES).join(', ')}.`,
    );
  // Dialling codes are shared (1 is the US and Canada); the first country with the code is meant.
  const country = COUNTRIES.find((candidate) => candidate.dialCode === String(countryCode));
  if (!country) throw validation('countryCode', `countryCode: ${countryCode} is not a supported country code.`);
  let phoneNumber: string | null = null;
  if (phoneAvailable) {
    if (typeof object.phoneNumber !== 'string' || !/^\+?\d{4,20}$/.test(object.phoneNumber.trim())) {
      throw validation('phoneNumber', 'phoneNumber: digits are required when isPhoneNumberAvailable is true.');
    }
    const digits = object.phoneNumber.trim().replace(/^\+/, '');
    phoneNumber = `+${digits.startsWith(country.dialCode) && digits.length > 10 ? digits : country.dialCode + digits}`;
  }
  return { country, operatorId, platform, phoneNumber };
}

function userFor(world: World, admin: SimAdmin): SimUser {
  const existing = world.users.find((user) => user.userId === admin.name);
  if (existing) return existing;
  return addLocalUser(world, {
    userId: admin.name,
    firstName: admin.name,
    lastName: '',
    displayName: admin.name,
    email: `${admin.name}@example.com`,
  });
}

/** Hardware is drawn like the generator's, from a stream keyed by the new id, until the platform fits. */
function drawDevice(
  seed: number,
  id: number,
  platform: Platform,
  context: Parameters<typeof generateDevice>[2],
): SimDevice {
  for (let attempt = 0; attempt < 1000; attempt++) {
    const device = generateDevice(new SeededRandom(hashString(`register/${seed}/${id}/${attempt}`)), id, context);
    if (device.platform === platform) return device;
  }
  throw new Error(`no ${platform} hardware drawn`);
}

export function registerDevice(world: World, admin: SimAdmin, request: RegisterRequest, now: number): Registration {
  const user = userFor(world, admin);
  const id = world.devices.reduce((max, device) => Math.max(max, device.id), 0) + 1;
  const context = { now, users: [user], spaceIdByCountry: spaceIdByCountry(world.spaces) };
  const device = drawDevice(world.seed, id, request.platform, context);
  const at = new Date(Math.floor(now / 1000) * 1000).toISOString();
  const operator = request.country.operators[request.operatorId % request.country.operators.length];
  Object.assign(device, {
    status: 'PENDING',
    userUuid: user.uuid,
    spaceId: context.spaceIdByCountry.get(request.country.code) ?? device.spaceId,
    homeCountryCode: request.country.code,
    homeCountryName: request.country.name,
    homeOperatorName: operator.name,
    phoneNumber: request.phoneNumber,
    language: request.country.language,
    locale: request.country.locale,
    registeredAt: at,
    createdAt: at,
    lastCheckinAt: at,
    clientLastCheckinAt: at,
    batteryLevel: null,
    clientName: null,
    clientVersion: null,
    compromised: false,
    quarantined: false,
    quarantinedReasons: [],
    noncomplianceReasons: [],
    androidRegistrationStatus: null,
    modifiedAt: now,
  } satisfies Partial<SimDevice>);
  world.devices.push(device);
  world.devicesByUuid.set(device.uuid, device);
  const rng = new SeededRandom(hashString(`passcode/${device.uuid}`));
  return {
    device,
    result: {
      passcode: rng.digits(6),
      ttl: PASSCODE_TTL,
      regLink: `http://localhost:8080/mifs/c/d/${REG_PAGE[request.platform]}.html`,
      email: user.email,
    },
  };
}
