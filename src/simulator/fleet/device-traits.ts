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
export function androidSecurityPatch(device: SimDevice): string | null {
  const major = Number.parseInt(device.osVersion, 10);
  // A device registered but not yet enrolled has reported no OS, so no patch level either.
  if (!Number.isFinite(major)) return null;
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

/** Apple's build of each OS version in the fleet (one build per release, as Apple numbers them). */
const APPLE_BUILDS: Readonly<Record<string, string>> = {
  '16.7.10': '20H350',
  '17.5.1': '21F90',
  '17.6.1': '21G93',
  '18.1.1': '22B91',
  '18.3.2': '22D82',
  '18.5': '22F76',
  '13.6.9': '22G830',
  '14.7.1': '23H222',
  '15.1.1': '24B91',
  '15.3.2': '24D81',
};

/** Android build ids per maker and major version; a model's devices sit on one of a few monthly builds. */
const ANDROID_BUILDS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  google: {
    '13': ['TQ3A.230805.001', 'TQ3A.230901.001'],
    '14': ['UQ1A.240205.004', 'AP1A.240505.004', 'AP2A.240805.005'],
    '15': ['AP4A.250105.002', 'BP1A.250305.019'],
  },
  samsung: {
    '12': ['SP1A.210812.016'],
    '13': ['TP1A.220624.014'],
    '14': ['UP1A.231005.007'],
    '15': ['AP3A.240905.015.A2'],
  },
  zebra: {
    '12': ['SKQ1.220519.001'],
    '13': ['TKQ1.221114.001'],
    '14': ['UKQ1.231108.001'],
  },
};

/** Windows reports its version plus the update build revision of the cumulative update it last installed. */
const WINDOWS_REVISIONS: Readonly<Record<string, readonly number[]>> = {
  '10.0.19045': [5371, 5487, 5608, 5737],
  '10.0.22631': [4890, 5039, 5189, 5335],
};

/** The OS build the device reports (iOS `21F90`, Android `UQ1A.240205.004`, Windows `10.0.22631.5335`); null if unknown. */
export function osBuild(device: SimDevice): string | null {
  const rng = traitRandom(device, 'os-build');
  switch (device.platform) {
    case 'iOS':
    case 'macOS':
      return APPLE_BUILDS[device.osVersion] ?? null;
    case 'Android': {
      const maker = HARDWARE_BY_MODEL.get(device.model)?.serial ?? '';
      const builds = ANDROID_BUILDS[maker]?.[String(Number.parseInt(device.osVersion, 10))];
      return builds ? rng.pick(builds) : null;
    }
    case 'Windows': {
      const revisions = WINDOWS_REVISIONS[device.osVersion];
      return revisions ? `${device.osVersion}.${rng.pick(revisions)}` : null;
    }
  }
}

/** The passcode verdict Apple's MDM protocol reports (iOS and macOS); a device not enrolled yet has reported none. */
export function passcodeCompliant(device: SimDevice): boolean | null {
  if ((device.platform !== 'iOS' && device.platform !== 'macOS') || device.status === 'PENDING') return null;
  return !device.noncomplianceReasons.includes('PASSCODE_NOT_COMPLIANT');
}

/**
 * Company-owned Apple devices mostly come through Apple Business Manager (automated enrolment, supervised); the
 * rest were enrolled by hand. Personal devices never are.
 */
export function appleAutomatedEnrollment(device: SimDevice): boolean | null {
  if (device.platform !== 'iOS' && device.platform !== 'macOS') return null;
  return device.ownership === 'COMPANY' && traitRandom(device, 'dep').chance(0.85);
}
