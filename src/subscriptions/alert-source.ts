// alertRaised's poller: reads the scope's alert list (the one `alerts` reads, refreshing its cache entry) and reports
// alerts it has not seen before, newer by id or date than everything seen, as RAISED, and alerts whose read state
// changed as READ_CHANGED. The first poll is the baseline: alerts already there are not news, unless the poller
// resumes another's checkpoint (the alerts it saw, with their read state, and the newest id and date), after which
// it reports what changed since that poller's last poll.
import { refreshAlertList, type AlertListRequest } from '../loaders/alerts.js';
import type { AlertModel } from '../models/alert.js';
import type { PollSource } from './hub.js';

export interface AlertEventPayload {
  kind: 'RAISED' | 'READ_CHANGED';
  alert: AlertModel;
  at: string;
}

/** What a poller taking over needs: the alerts seen last, split by read state, and the newest id and date seen. */
interface AlertCheckpoint {
  newestId: number;
  newestAt: number;
  read: number[];
  unread: number[];
}

export function alertSource(request: AlertListRequest): PollSource {
  let seen: Map<number, boolean> | undefined;
  let newestId = 0;
  let newestAt = 0;
  return {
    async poll({ loaderDeps, now }) {
      const alerts = await refreshAlertList(loaderDeps, request);
      const at = new Date(now()).toISOString();
      const payloads: AlertEventPayload[] = [];
      if (seen) {
        // Oldest first, so subscribers receive alerts in the order they were raised.
        for (const alert of [...alerts].reverse()) {
          const before = seen.get(alert.alertId);
          if (before === undefined && isNewer(alert, newestId, newestAt)) payloads.push({ kind: 'RAISED', alert, at });
          else if (before !== undefined && before !== alert.read) payloads.push({ kind: 'READ_CHANGED', alert, at });
        }
      }
      seen = new Map(alerts.map((alert) => [alert.alertId, alert.read]));
      for (const alert of alerts) {
        newestId = Math.max(newestId, alert.alertId);
        newestAt = Math.max(newestAt, createdAt(alert));
      }
      return { payloads };
    },
    checkpoint(): AlertCheckpoint | undefined {
      if (!seen) return undefined;
      const read: number[] = [];
      const unread: number[] = [];
      for (const [id, isRead] of seen) (isRead ? read : unread).push(id);
      return { newestId, newestAt, read, unread };
    },
    resume(checkpoint) {
      if (!isAlertCheckpoint(checkpoint)) return;
      seen = new Map([
        ...checkpoint.read.map((id) => [id, true] as const),
        ...checkpoint.unread.map((id) => [id, false] as const),
      ]);
      newestId = checkpoint.newestId;
      newestAt = checkpoint.newestAt;
    },
  };
}

function isAlertCheckpoint(value: unknown): value is AlertCheckpoint {
  const candidate = value as Partial<AlertCheckpoint> | null;
  const ids = (list: unknown) => Array.isArray(list) && list.every(Number.isSafeInteger);
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    Number.isFinite(candidate.newestId) &&
    Number.isFinite(candidate.newestAt) &&
    ids(candidate.read) &&
    ids(candidate.unread)
  );
}

/**
 * An alert not seen before is new when its id or date is above every one seen: an alert that only entered the list
 * (a device moved into the viewer's space) is older than that and not news.
 */
function isNewer(alert: AlertModel, newestId: number, newestAt: number): boolean {
  return alert.alertId > newestId || createdAt(alert) > newestAt;
}

function createdAt(alert: AlertModel): number {
  const time = alert.createdAt === null ? Number.NaN : Date.parse(alert.createdAt);
  return Number.isNaN(time) ? 0 : time;
}
