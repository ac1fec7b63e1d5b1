import type { Ownership, Platform, SimLabel } from './types.js';
import type { SeededRandom } from './random.js';

// Label ids are fixed (not drawn from the seed) so that tests and docs can name them.
// Only "All-Smartphones" is computed; the platform labels are explicit but applied by platform at generation,
// so they stay correct until someone removes them through the API, as on a real server.

export const LABEL_ID = {
  allSmartphones: -1,
  iOS: 1,
  android: 2,
  macOS: 3,
  windows: 4,
  companyOwned: 5,
  employeeOwned: 6,
  executives: 7,
  sales: 8,
  fieldEngineering: 9,
  kiosk: 10,
  lostDevices: 11,
} as const;

export function buildLabels(): SimLabel[] {
  const label = (id: number, name: string, description: string, builtIn = false): SimLabel => ({
    id,
    name,
    description,
    builtIn,
  });
  return [
    label(LABEL_ID.allSmartphones, 'All-Smartphones', 'All iOS and Android devices', true),
    label(LABEL_ID.iOS, 'iOS', 'All iOS and iPadOS devices'),
    label(LABEL_ID.android, 'Android', 'All Android devices'),
    label(LABEL_ID.macOS, 'macOS', 'All macOS devices'),
    label(LABEL_ID.windows, 'Windows', 'All Windows devices'),
    label(LABEL_ID.companyOwned, 'Company-Owned', 'Devices owned by the company'),
    label(LABEL_ID.employeeOwned, 'Employee-Owned', 'Bring-your-own devices'),
    label(LABEL_ID.executives, 'Executives', 'Devices of the executive team'),
    label(LABEL_ID.sales, 'Sales', 'Sales team devices'),
    label(LABEL_ID.fieldEngineering, 'Field-Engineering', 'Rugged and field service devices'),
    label(LABEL_ID.kiosk, 'Kiosk', 'Single-purpose devices locked to one app'),
    label(LABEL_ID.lostDevices, 'Lost-Devices', 'Devices reported lost or stolen'),
  ];
}

const PLATFORM_LABEL: Record<Platform, number> = {
  iOS: LABEL_ID.iOS,
  Android: LABEL_ID.android,
  macOS: LABEL_ID.macOS,
  Windows: LABEL_ID.windows,
};

export interface LabelInputs {
  platform: Platform;
  ownership: Ownership;
  rugged: boolean;
  kiosk: boolean;
}

export function chooseLabelIds(rng: SeededRandom, device: LabelInputs): Set<number> {
  const ids = new Set<number>([PLATFORM_LABEL[device.platform]]);
  if (device.ownership === 'COMPANY') ids.add(LABEL_ID.companyOwned);
  if (device.ownership === 'EMPLOYEE') ids.add(LABEL_ID.employeeOwned);
  if (device.rugged || rng.chance(0.04)) ids.add(LABEL_ID.fieldEngineering);
  if (device.kiosk) ids.add(LABEL_ID.kiosk);
  if (!device.rugged) {
    if (rng.chance(0.03)) ids.add(LABEL_ID.executives);
    if (rng.chance(0.15)) ids.add(LABEL_ID.sales);
  }
  if (rng.chance(0.01)) ids.add(LABEL_ID.lostDevices);
  return ids;
}
