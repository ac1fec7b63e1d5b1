// Locate (E19/E20). The client records cell-tower fixes, so every device has a last known location near its home
// country; `locatenow=true` asks for a fresh GPS fix, which a later call returns (the document's two-step protocol).
import { hashString, SeededRandom } from '../fleet/random.js';
import type { SimDevice } from '../fleet/types.js';
import { v1DeviceState } from './device-state.js';

/** A point inside each home country's main metropolitan area, so generated fixes land on land. */
const CENTRE: Readonly<Record<string, readonly [number, number]>> = {
  GB: [51.5072, -0.1276],
  DE: [52.52, 13.405],
  FR: [48.8566, 2.3522],
  NL: [52.3676, 4.9041],
  ES: [40.4168, -3.7038],
  IT: [45.4642, 9.19],
  SE: [59.3293, 18.0686],
  US: [37.3861, -122.0839],
  CA: [43.6532, -79.3832],
  BR: [-23.5505, -46.6333],
  MX: [19.4326, -99.1332],
  JP: [35.6762, 139.6503],
  AU: [-33.8688, 151.2093],
  SG: [1.3521, 103.8198],
  IN: [12.9716, 77.5946],
};

/** "Between a few seconds and 1 minute": a fix requested this long ago is available. */
export const LOCATE_DELAY_MS = 5_000;

export interface V1Location {
  lookupResult: 'LookupFailure' | 'GPS' | 'Cell';
  latitude: number;
  longitude: number;
  /** Metres (undocumented unit; the sample's 1500 reads as a cell-tower radius). */
  radius: number;
  capturedAt: number;
}

/** Records a locate-now request; the document says it does not apply to iOS, where it is ignored. */
export function requestLocation(device: SimDevice, now: number): boolean {
  if (device.platform === 'iOS') return false;
  v1DeviceState(device).locateRequestedAt = now;
  return true;
}

/** The GPS fix of a completed locate-now request, else the last cell-tower fix. */
export function currentLocation(device: SimDevice, now: number): V1Location {
  const requested = v1DeviceState(device).locateRequestedAt;
  const [lat, lon] = CENTRE[device.homeCountryCode] ?? [0, 0];
  const rng = new SeededRandom(hashString(`${device.uuid}/location`));
  const latitude = round(lat + (rng.next() - 0.5) * 0.3);
  const longitude = round(lon + (rng.next() - 0.5) * 0.3);
  if (requested !== undefined && now - requested >= LOCATE_DELAY_MS) {
    const jitter = new SeededRandom(hashString(`${device.uuid}/gps/${requested}`));
    return {
      lookupResult: 'GPS',
      latitude: round(latitude + (jitter.next() - 0.5) * 0.01),
      longitude: round(longitude + (jitter.next() - 0.5) * 0.01),
      radius: 20,
      capturedAt: requested + LOCATE_DELAY_MS,
    };
  }
  return { lookupResult: 'Cell', latitude, longitude, radius: 1500, capturedAt: Date.parse(device.lastCheckinAt) };
}

function round(value: number): number {
  return Math.round(value * 1_000_000) / 1_000_000;
}
