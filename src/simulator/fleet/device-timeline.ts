import type { DeviceStatus } from './types.js';
import type { SeededRandom } from './random.js';

// A device's dates, drawn together so that created ≤ registered ≤ client check-in ≤ MDM check-in ≤ now always holds.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** EPMM's default "Out of Contact" policy threshold. */
export const OUT_OF_CONTACT_MS = 30 * DAY;

export interface DeviceTimeline {
  createdAt: number;
  registeredAt: number;
  lastCheckinAt: number;
  clientLastCheckinAt: number;
  modifiedAt: number;
}

/** Whole seconds, as the documents' timestamps all end in ".000Z". */
function seconds(ms: number): number {
  return Math.floor(ms / SECOND) * SECOND;
}

function lastCheckin(rng: SeededRandom, status: DeviceStatus, registeredAt: number, now: number): number {
  if (status === 'PENDING') return registeredAt;
  if (status === 'RETIRED') return rng.dateBetween(registeredAt, Math.max(registeredAt, now - DAY));
  const stale = status === 'ACTIVE' && rng.chance(0.06);
  const ago = stale ? rng.int(31 * DAY, 120 * DAY) : rng.int(0, status === 'ACTIVE' ? 3 * DAY : 14 * DAY);
  return Math.max(registeredAt, now - ago);
}

export function generateTimeline(
  rng: SeededRandom,
  status: DeviceStatus,
  hasClient: boolean,
  now: number,
): DeviceTimeline {
  // Pending devices were invited recently and have never checked in.
  const registeredAt = status === 'PENDING' ? now - rng.int(0, 14 * DAY) : now - rng.int(DAY, 3 * 365 * DAY);
  const createdAt = registeredAt - rng.int(30 * SECOND, HOUR);
  const checkin = lastCheckin(rng, status, registeredAt, now);
  const clientCheckin = hasClient ? Math.max(registeredAt, checkin - rng.int(0, 10 * MINUTE)) : checkin;
  // Retired devices were last modified by the retire itself; a fifth of them inside the last day, so the
  // V05 "not modified in the last day" rule has something to refuse.
  const modifiedAt =
    status === 'RETIRED'
      ? rng.chance(0.2)
        ? rng.dateBetween(now - DAY + MINUTE, now)
        : rng.dateBetween(checkin, Math.max(checkin, now - 2 * DAY))
      : checkin;
  return {
    createdAt: seconds(createdAt),
    registeredAt: seconds(registeredAt),
    lastCheckinAt: seconds(checkin),
    clientLastCheckinAt: seconds(clientCheckin),
    modifiedAt,
  };
}
