import type { Platform } from './types.js';
import type { Weighted } from './random.js';

// The hardware a generated device can be. Keeping manufacturer, model, OS range and radio in one row is what
// makes a device self-consistent (no iPhone on Android 14, no IMEI on a MacBook).

export type SerialStyle = 'apple' | 'samsung' | 'google' | 'zebra' | 'dell' | 'lenovo' | 'microsoft';

export interface HardwareModel {
  platform: Platform;
  manufacturer: string;
  model: string;
  /** What a person calls the device, for names like "Jane's iPhone". */
  nickname: string;
  formFactor: 'phone' | 'tablet' | 'laptop';
  /** Has a SIM, so a phone number, IMEI and IMSI. */
  cellular: boolean;
  /** Zebra-style rugged hardware: company-owned, Device Owner, OEM battery statistics. */
  rugged: boolean;
  /** First 8 IMEI digits (Type Allocation Code); cellular models only. */
  tac: string | null;
  serial: SerialStyle;
  storageGb: readonly number[];
  memoryGb: readonly number[];
  osVersions: readonly string[];
}

export const PLATFORM_WEIGHTS: readonly Weighted<Platform>[] = [
  ['iOS', 40],
  ['Android', 35],
  ['Windows', 15],
  ['macOS', 10],
];

const IOS_ALL = ['16.7.10', '17.5.1', '17.6.1', '18.1.1', '18.3.2', '18.5'];
const IOS_17_UP = IOS_ALL.filter((version) => !version.startsWith('16.'));
const MACOS = ['13.6.9', '14.7.1', '15.1.1', '15.3.2'];
const WINDOWS = ['10.0.19045', '10.0.22631'];

function apple(
  model: string,
  nickname: string,
  formFactor: 'phone' | 'tablet',
  tac: string | null,
  osVersions: readonly string[],
): HardwareModel {
  return {
    platform: 'iOS',
    manufacturer: 'Apple',
    model,
    nickname,
    formFactor,
    cellular: tac !== null,
    rugged: false,
    tac,
    serial: 'apple',
    storageGb: [128, 256, 512],
    memoryGb: formFactor === 'tablet' ? [8] : [4, 6],
    osVersions,
  };
}

function android(
  manufacturer: string,
  model: string,
  nickname: string,
  tac: string | null,
  serial: SerialStyle,
  osVersions: readonly string[],
  rugged = false,
): HardwareModel {
  return {
    platform: 'Android',
    manufacturer,
    model,
    nickname,
    formFactor: 'phone',
    cellular: tac !== null,
    rugged,
    tac,
    serial,
    storageGb: rugged ? [32, 64] : [128, 256],
    memoryGb: rugged ? [4] : [8, 12],
    osVersions,
  };
}

function computer(
  platform: 'macOS' | 'Windows',
  manufacturer: string,
  model: string,
  nickname: string,
  serial: SerialStyle,
  osVersions: readonly string[],
): HardwareModel {
  return {
    platform,
    manufacturer,
    model,
    nickname,
    formFactor: 'laptop',
    cellular: false,
    rugged: false,
    tac: null,
    serial,
    storageGb: [256, 512, 1000],
    memoryGb: [8, 16, 32],
    osVersions,
  };
}

/** Per platform, the models and their share of that platform. Manufacturer spellings follow the documents ("samsung", "Google"). */
export const HARDWARE_BY_PLATFORM: Record<Platform, readonly Weighted<HardwareModel>[]> = {
  iOS: [
    [apple('iPhone 13', 'iPhone', 'phone', '35391611', IOS_ALL), 25],
    [apple('iPhone 14', 'iPhone', 'phone', '35467013', IOS_ALL), 30],
    [apple('iPhone 15', 'iPhone', 'phone', '35093387', IOS_17_UP), 30],
    [apple('iPad Air', 'iPad', 'tablet', null, IOS_ALL), 15],
  ],
  Android: [
    [android('samsung', 'SM-G991B', 'Galaxy S21', '35030835', 'samsung', ['12', '13', '14']), 20],
    [android('samsung', 'SM-S911B', 'Galaxy S23', '35282671', 'samsung', ['13', '14', '15']), 20],
    [android('samsung', 'SM-A546B', 'Galaxy A54', '35010282', 'samsung', ['13', '14', '15']), 15],
    [android('Google', 'Pixel 7', 'Pixel 7', '35569462', 'google', ['13', '14', '15']), 15],
    [android('Google', 'Pixel 8', 'Pixel 8', '35180134', 'google', ['14', '15']), 10],
    [android('Zebra Technologies', 'TC52', 'TC52', null, 'zebra', ['12', '13'], true), 12],
    [android('Zebra Technologies', 'TC58', 'TC58', '35412411', 'zebra', ['12', '13', '14'], true), 8],
  ],
  macOS: [
    [computer('macOS', 'Apple', 'MacBook Pro', 'MacBook Pro', 'apple', MACOS), 55],
    [computer('macOS', 'Apple', 'MacBook Air', 'MacBook Air', 'apple', MACOS), 45],
  ],
  Windows: [
    [computer('Windows', 'Dell Inc.', 'Latitude 5440', 'Latitude', 'dell', WINDOWS), 40],
    [computer('Windows', 'LENOVO', 'ThinkPad T14 Gen 4', 'ThinkPad', 'lenovo', WINDOWS), 35],
    [computer('Windows', 'Microsoft Corporation', 'Surface Laptop 5', 'Surface', 'microsoft', WINDOWS), 25],
  ],
};

/** Every model by name, so later readers (field getters) can recover a device's form factor from its model. */
export const HARDWARE_BY_MODEL: ReadonlyMap<string, HardwareModel> = new Map(
  Object.values(HARDWARE_BY_PLATFORM).flatMap((models) => models.map(([model]) => [model.model, model] as const)),
);

/** The oldest OS line still in the fleet counts as out of date, which drives OS_VERSION_OUT_OF_DATE. */
export function isOsOutdated(platform: Platform, osVersion: string): boolean {
  const major = Number.parseInt(osVersion, 10);
  switch (platform) {
    case 'iOS':
      return major < 17;
    case 'Android':
      return major < 13;
    case 'macOS':
      return major < 14;
    case 'Windows':
      return osVersion === '10.0.19045'; // Windows 10 22H2; 10.0.22631 is Windows 11
  }
}
