import type { DeviceStatus, Ownership, Platform, SimDevice, SimUser } from './types.js';
import type { SeededRandom, Weighted } from './random.js';
import { COUNTRY_WEIGHTS } from './countries.js';
import { HARDWARE_BY_PLATFORM, PLATFORM_WEIGHTS, isOsOutdated, type HardwareModel } from './hardware.js';
import { generateTimeline, OUT_OF_CONTACT_MS } from './device-timeline.js';
import { generateCompliance } from './compliance.js';
import { imei, imsi, phoneNumber, privateIpAddress, serialNumber, wifiMac } from './identifiers.js';
import { chooseLabelIds } from './label-catalog.js';

// One device, drawn attribute by attribute from the seeded stream. The order of draws is part of the
// world's identity: reordering them changes every generated world, so append new draws at the end.

export interface DeviceContext {
  now: number;
  users: readonly SimUser[];
  spaceIdByCountry: ReadonlyMap<string, number>;
}

const STATUS_WEIGHTS: readonly Weighted<DeviceStatus>[] = [
  ['ACTIVE', 88],
  ['PENDING', 4],
  ['RETIRE_PENDING', 2],
  ['RETIRED', 6],
];

const ANDROID_MODES: readonly Weighted<string>[] = [
  ['Work Profile', 45],
  ['Device Owner', 40],
  ['Device Admin', 15],
];

const CLIENT_VERSIONS: Record<'iOS' | 'Android', readonly string[]> = {
  iOS: ['12.10.0', '12.11.10', '12.12.0'],
  Android: ['11.6.0.1.1R', '12.1.0.0.45R', '12.3.0.0.34R'],
};

/** Mobile@Work bundle ids; laptops are enrolled through native MDM and report no client. */
const CLIENT_NAMES: Record<'iOS' | 'Android', string> = { iOS: 'com.mobileiron.phoenix', Android: 'com.mobileiron' };

const GB = 1_000_000_000; // storage is sold (and reported, as in the samples) in decimal units
const GIB = 1024 ** 3;

function ownershipFor(
  rng: SeededRandom,
  platform: Platform,
  hardware: HardwareModel,
  androidMode: string | null,
): Ownership {
  if (hardware.rugged || androidMode === 'Device Owner') return 'COMPANY';
  if (androidMode === 'Work Profile') return rng.chance(0.75) ? 'EMPLOYEE' : 'COMPANY';
  switch (platform) {
    case 'Windows':
      return rng.chance(0.9) ? 'COMPANY' : 'UNKNOWN';
    case 'macOS':
      return rng.weighted([
        ['COMPANY', 85],
        ['EMPLOYEE', 10],
        ['UNKNOWN', 5],
      ]);
    default:
      return rng.weighted([
        ['COMPANY', 60],
        ['EMPLOYEE', 35],
        ['UNKNOWN', 5],
      ]);
  }
}

function deviceNameFor(rng: SeededRandom, id: number, hardware: HardwareModel, owner: SimUser): string {
  if (hardware.platform === 'Windows') return `LAPTOP-${rng.chars('ABCDEFGHJKLMNPQRSTUVWXYZ0123456789', 7)}`;
  // Rugged devices are shared, so they are named by asset number rather than by person.
  if (hardware.rugged) return `${hardware.nickname}-${String(id).padStart(5, '0')}`;
  return `${owner.firstName}'s ${hardware.nickname}`;
}

function spaceFor(context: DeviceContext, countryCode: string): number {
  const spaceId = context.spaceIdByCountry.get(countryCode);
  if (spaceId === undefined) throw new Error(`no device space covers home country ${countryCode}`);
  return spaceId;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function generateDevice(rng: SeededRandom, id: number, context: DeviceContext): SimDevice {
  const platform = rng.weighted(PLATFORM_WEIGHTS);
  const hardware = rng.weighted(HARDWARE_BY_PLATFORM[platform]);
  const osVersion = rng.pick(hardware.osVersions);
  // The first devices go one per user so that nearly every user owns something; the rest are shared out at random.
  const owner = id <= context.users.length ? context.users[id - 1] : rng.pick(context.users);
  const country = rng.weighted(COUNTRY_WEIGHTS);
  const operator = rng.pick(country.operators);
  const androidMode = platform !== 'Android' ? null : hardware.rugged ? 'Device Owner' : rng.weighted(ANDROID_MODES);
  const ownership = ownershipFor(rng, platform, hardware, androidMode);
  const status = rng.weighted(STATUS_WEIGHTS);
  const mobile = platform === 'iOS' || platform === 'Android';
  const hasClient = mobile && status !== 'PENDING';
  const timeline = generateTimeline(rng, status, hasClient, context.now);
  const compliance = generateCompliance(rng, {
    platform,
    status,
    osOutdated: isOsOutdated(platform, osVersion),
    outOfContact: status === 'ACTIVE' && context.now - timeline.lastCheckinAt > OUT_OF_CONTACT_MS,
  });
  const cellular = hardware.cellular;
  const storageCapacity = rng.pick(hardware.storageGb) * GB;
  const memoryCapacity = Math.floor(rng.pick(hardware.memoryGb) * GIB * (0.9 + rng.next() * 0.07));
  // A work profile cannot read the hardware serial on Android 10+, so EPMM never learns it.
  const serialHidden = androidMode === 'Work Profile' && !hardware.rugged;
  const clientPlatform = platform === 'iOS' || platform === 'Android' ? platform : null;

  return {
    id,
    uuid: rng.uuid(),
    platform,
    osVersion,
    manufacturer: hardware.manufacturer,
    model: hardware.model,
    deviceName: deviceNameFor(rng, id, hardware, owner),
    status,
    ownership,
    userUuid: owner.uuid,
    spaceId: spaceFor(context, country.code),
    homeCountryCode: country.code,
    homeCountryName: country.name,
    homeOperatorName: operator.name,
    phoneNumber: cellular ? phoneNumber(rng, country.dialCode) : null,
    imei: hardware.tac !== null ? imei(rng, hardware.tac) : null,
    imsi: cellular ? imsi(rng, operator.mccMnc) : null,
    serialNumber: serialHidden ? null : serialNumber(rng, hardware.serial),
    wifiMac: wifiMac(rng, mobile),
    ipAddress: privateIpAddress(rng),
    language: country.language,
    locale: country.locale,
    registeredAt: iso(timeline.registeredAt),
    createdAt: iso(timeline.createdAt),
    lastCheckinAt: iso(timeline.lastCheckinAt),
    clientLastCheckinAt: iso(timeline.clientLastCheckinAt),
    storageCapacity,
    storageFree: Math.round((storageCapacity * (0.05 + rng.next() * 0.8)) / 10_000) * 10_000,
    memoryCapacity,
    memoryFree: Math.floor(memoryCapacity * (0.15 + rng.next() * 0.45)),
    batteryLevel: status === 'PENDING' ? null : rng.int(5, 100),
    clientName: hasClient && clientPlatform ? CLIENT_NAMES[clientPlatform] : null,
    clientVersion: hasClient && clientPlatform ? rng.pick(CLIENT_VERSIONS[clientPlatform]) : null,
    compromised: compliance.compromised,
    quarantined: compliance.quarantined,
    quarantinedReasons: compliance.quarantinedReasons,
    noncomplianceReasons: compliance.noncomplianceReasons,
    // Legacy Device Admin enrolment is not full MDM, matching the sample's mdm_managed=false beside device_admin_enabled=true.
    mdmManaged: compliance.deviceAdminEnabled && androidMode !== 'Device Admin',
    deviceAdminEnabled: compliance.deviceAdminEnabled,
    dataProtectionEnabled: compliance.dataProtectionEnabled,
    deviceEncrypted: compliance.deviceEncrypted,
    androidRegistrationStatus: androidMode,
    labelIds: chooseLabelIds(rng, {
      platform,
      ownership,
      rugged: hardware.rugged,
      kiosk: hardware.rugged && rng.chance(0.5),
    }),
    modifiedAt: timeline.modifiedAt,
  };
}
