// V12: the ActiveSync device report, CSV. `state` takes a letter or the whole word, in any case (the sample
// sends `A`); `retired` means the trash flag, the others the sync status. `daysIdle` 0 means any.
import type { ActiveSyncStatus, SimActiveSyncDevice } from '../fleet/activesync.js';
import { validation } from './bulk-request.js';
import { toCsv } from '../http/csv.js';

const DAY = 24 * 3_600_000;
export const REPORT_COLUMNS = [
  'DeviceId',
  'MailboxId',
  'Status',
  'SyncStatus',
  'Retired',
  'LastSyncTime',
  'SentryType',
] as const;

type StateFilter = { kind: 'sync'; status: ActiveSyncStatus } | { kind: 'retired' };
const STATES: Readonly<Record<string, StateFilter>> = {
  a: { kind: 'sync', status: 'Allowed' },
  allowed: { kind: 'sync', status: 'Allowed' },
  b: { kind: 'sync', status: 'Blocked' },
  blocked: { kind: 'sync', status: 'Blocked' },
  w: { kind: 'sync', status: 'Wiped' },
  wiped: { kind: 'sync', status: 'Wiped' },
  q: { kind: 'sync', status: 'Quarantined' },
  quarantined: { kind: 'sync', status: 'Quarantined' },
  r: { kind: 'retired' },
  retired: { kind: 'retired' },
};

export function parseState(state: string | undefined): StateFilter | undefined {
  if (state === undefined || state.trim() === '') return undefined;
  const filter = STATES[state.trim().toLowerCase()];
  if (!filter)
    throw validation(
      'state',
      `state: '${state}' is not one of a, b, w, q, r (or allowed, blocked, wiped, quarantined, retired).`,
    );
  return filter;
}

/** "yyyy-MM-dd hh:mm:ss z" in GMT; written with a 24-hour clock, as the pattern has no AM/PM marker. */
export function formatSyncTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} GMT`;
}

export function activeSyncReport(
  partnerships: readonly SimActiveSyncDevice[],
  daysIdle: number,
  state: StateFilter | undefined,
  now: number,
): string {
  const rows = partnerships
    .filter((device) => daysIdle === 0 || now - device.lastSyncTime >= daysIdle * DAY)
    .filter(
      (device) =>
        state === undefined || (state.kind === 'retired' ? device.retired : device.syncStatus === state.status),
    )
    .map((device) => [
      device.deviceId,
      device.mailboxId,
      device.status,
      device.syncStatus,
      device.retired,
      formatSyncTime(device.lastSyncTime),
      device.sentryType,
    ]);
  return toCsv(REPORT_COLUMNS, rows);
}
