import type { SimDevice } from './types.js';
import { SeededRandom, hashString } from './random.js';
import { HARDWARE_BY_MODEL } from './hardware.js';
import { withLuhnDigit } from './identifiers.js';

// Attributes that the wire format shows but the World does not store (UDID, ICCID, battery health...).
// They are recomputed from the device uuid on demand, so 100k devices cost no extra memory and the same
// device always reports the same values. Each trait uses its own salt so that traits are independent.

function traitRandom(device: SimDevice, salt: string): SeededRandom {
  return new SeededRandom(hashString(`${device.uuid}/${salt}`));
}

export function isRugged(device: SimDevice): boolean {
  return HARDWARE_BY_MODEL.get(device.model)?.rugged ?? false;
}

/** Apple UDIDs: the 25-character "00008110-…" form of current hardware. */
export function appleUdid(device: SimDevice): string {
  const rng = traitRandom(device, 'udid');
  return `0000${rng.int(8020, 8130)}-${rng.hex(16)}`.toUpperCase();
}

/** ICCIDs start "89" + the country calling code; only devices with a SIM (an IMSI) have one. */
export function iccid(device: SimDevice, dialCode: string): string | null {
  if (device.imsi === null) return null;
  const body = `89${dialCode}${traitRandom(device, 'iccid').digits(16 - dialCode.length)}`;
  return withLuhnDigit(body);
}

export function dataRoamingEnabled(device: SimDevice): boolean | null {
  return device.imsi === null ? null : traitRandom(device, 'roaming').chance(0.3);
}

/** Play Integrity verdict in the sample's wording; a rooted device fails it, legacy Device Admin never asks. */
export function androidAttestation(device: SimDevice): string {
  if (device.compromised) return 'Failed';
  if (device.androidRegistrationStatus === 'Device Admin') return 'Unknown';
  return traitRandom(device, 'attestation').chance(0.95) ? 'Passed' : 'Unknown';
}

/**
 * A date-only patch level (the sample's "2022-06-05" form) within the OS's support years. Like every
 * reported value it cannot postdate the check-in that reported it, which also keeps it before the world's `now`.
 */
export function androidSecurityPatch(device: SimDevice): string {
  const major = Number.parseInt(device.osVersion, 10);
  const rng = traitRandom(device, 'patch');
  const releaseYear = 2009 + major; // Android 12 → 2021, 15 → 2024
  const candidate = Date.UTC(releaseYear + rng.int(1, 3), rng.int(0, 11), rng.pick([1, 5]));
  return new Date(Math.min(candidate, Date.parse(device.lastCheckinAt))).toISOString().slice(0, 10);
}

export function batteryStatus(device: SimDevice): string | null {
  if (device.batteryLevel === null) return null;
  if (device.batteryLevel === 100) return 'Full';
  return traitRandom(device, 'charging').chance(0.3) ? 'Charging' : 'Discharging';
}

export function batteryHealth(device: SimDevice): string | null {
  if (device.batteryLevel === null) return null;
  return traitRandom(device, 'health').weighted([
    ['Good', 92],
    ['Overheat', 3],
    ['Cold', 2],
    ['Dead', 3],
  ]);
}

/** Zebra's OEM battery statistics (V10: "The OEM fields only populate if the device is a Zebra device"). */
export interface ZebraBattery {
  partNumber: string;
  serialNumber: string;
  manufactureDate: string;
  ratedCapacityMah: number;
  presentCapacityMah: number;
  presentChargeMah: number;
  healthPercentage: number;
  chargeCycles: number;
  baseCumulativeChargeMah: number;
  totalCumulativeChargeMah: number;
  secondsSinceFirstUse: number;
  backupVoltageMv: number;
  timeToEmptyMinutes: number;
  timeToFullMinutes: number;
  decommissioned: boolean;
}

const DAY_MS = 86_400_000;

export function zebraBattery(device: SimDevice): ZebraBattery | null {
  if (!isRugged(device) || device.batteryLevel === null) return null;
  const rng = traitRandom(device, 'zebra-battery');
  const rated = 4150; // mAh of the TC5x standard battery, part BT-000314-01
  const health = rng.int(62, 100);
  const present = Math.round((rated * health) / 100);
  const cycles = rng.int(20, 900);
  const firstUse = Date.parse(device.registeredAt);
  const charging = batteryStatus(device) === 'Charging';
  return {
    partNumber: 'BT-000314-01',
    serialNumber: `T${rng.digits(4)}`,
    manufactureDate: new Date(firstUse - rng.int(30, 200) * DAY_MS).toISOString().slice(0, 10),
    ratedCapacityMah: rated,
    presentCapacityMah: present,
    presentChargeMah: Math.round((present * device.batteryLevel) / 100),
    healthPercentage: health,
    chargeCycles: cycles,
    baseCumulativeChargeMah: 0,
    totalCumulativeChargeMah: cycles * rated,
    // As of the check-in that reported it, like every other value.
    secondsSinceFirstUse: Math.floor((Date.parse(device.lastCheckinAt) - firstUse) / 1000),
    backupVoltageMv: rng.int(3500, 4200),
    timeToEmptyMinutes: charging ? 0 : rng.int(60, 900),
    timeToFullMinutes: charging ? rng.int(10, 180) : 0,
    decommissioned: health < 65,
  };
}
