// deviceChanged's poller: reads the devices that checked in most recently (one bounded search, sorted by last
// check-in, newest first: the page `devices(orderBy: LAST_CHECK_IN DESC)` reads, refreshing its cache entry) and
// compares each with what the last poll saw. A device seen before reports the properties that changed; one not seen
// before that checked in after the oldest check-in of the last window entered it by checking in. Its checkpoint is
// only the newest check-in it saw (the snapshots would be the whole window): a poller resuming it reports each
// device that checked in since as LAST_CHECK_IN, without naming what else changed at that check-in.
import { refreshDevicePage, type DevicePageRequest } from '../loaders/devices.js';
import type { DeviceModel } from '../models/device.js';
import type { PollSource } from './hub.js';

export type DeviceChangeField = 'STATUS' | 'COMPLIANCE' | 'QUARANTINE' | 'LAST_CHECK_IN';

export interface DeviceEventPayload {
  changedFields: DeviceChangeField[];
  device: DeviceModel;
  at: string;
}

interface Seen {
  status: string;
  compliance: string;
  quarantined: boolean | null;
  lastCheckInAt: string | null;
}

/** Devices remembered beyond the window, so one that drops out and comes back is compared, not announced. */
const REMEMBERED_WINDOWS = 10;

/** What a poller taking over needs: the newest check-in the last poll saw (0 when none had a date). */
interface DeviceCheckpoint {
  newestCheckIn: number;
}

export function deviceSource(request: DevicePageRequest): PollSource {
  let seen: Map<string, Seen> | undefined;
  let oldestCheckIn = Number.POSITIVE_INFINITY;
  let newestCheckIn = 0;
  return {
    async poll({ loaderDeps, now }) {
      const { devices } = await refreshDevicePage(loaderDeps, request);
      const at = new Date(now()).toISOString();
      const payloads: DeviceEventPayload[] = [];
      const known = seen ?? new Map<string, Seen>();
      // Oldest check-in first, so a subscriber receives changes in the order devices checked in.
      for (const device of [...devices].reverse()) {
        const current = snapshot(device);
        const before = known.get(device.uuid);
        if (seen) {
          const changedFields = before
            ? changes(before, current)
            : entered(current, oldestCheckIn)
              ? ['LAST_CHECK_IN' as const]
              : [];
          if (changedFields.length > 0) payloads.push({ changedFields, device, at });
        }
        known.delete(device.uuid);
        known.set(device.uuid, current);
      }
      for (const uuid of known.keys()) {
        if (known.size <= REMEMBERED_WINDOWS * Math.max(1, request.limit)) break;
        known.delete(uuid);
      }
      seen = known;
      const times = devices.map((device) => checkIn(device.lastCheckInAt)).filter((time) => time > 0);
      oldestCheckIn = times.length > 0 ? Math.min(...times) : Number.POSITIVE_INFINITY;
      newestCheckIn = Math.max(0, ...times);
      return { payloads };
    },
    checkpoint(): DeviceCheckpoint | undefined {
      return seen ? { newestCheckIn } : undefined;
    },
    resume(checkpoint) {
      const mark = (checkpoint as Partial<DeviceCheckpoint> | null)?.newestCheckIn;
      if (typeof mark !== 'number' || !Number.isFinite(mark)) return;
      // No snapshot to compare with: every device that checked in after the mark entered the window since.
      seen = new Map();
      oldestCheckIn = mark > 0 ? mark : Number.POSITIVE_INFINITY;
      newestCheckIn = mark;
    },
  };
}

function snapshot(device: DeviceModel): Seen {
  return {
    status: device.status,
    compliance: JSON.stringify([device.compliant, [...device.noncomplianceReasons].sort()]),
    quarantined: device.quarantined,
    lastCheckInAt: device.lastCheckInAt,
  };
}

function changes(before: Seen, now: Seen): DeviceChangeField[] {
  const fields: DeviceChangeField[] = [];
  if (before.status !== now.status) fields.push('STATUS');
  if (before.compliance !== now.compliance) fields.push('COMPLIANCE');
  if (before.quarantined !== now.quarantined) fields.push('QUARANTINE');
  if (before.lastCheckInAt !== now.lastCheckInAt) fields.push('LAST_CHECK_IN');
  return fields;
}

function entered(now: Seen, oldestCheckIn: number): boolean {
  return checkIn(now.lastCheckInAt) > oldestCheckIn;
}

function checkIn(at: string | null): number {
  const time = at === null ? Number.NaN : Date.parse(at);
  return Number.isNaN(time) ? 0 : time;
}
