// actionProgress's poller: reads the devices of one audited action by uuid (fresh, refreshing their cache entries)
// until each shows the state the action leads to (SUCCEEDED) or the deadline passes (UNCONFIRMED). Devices the
// mutation never sent the action to are NOT_SENT from the start. Reports each device's state when it changes (all of
// them on the first poll); the event that settles the last device is `completed` and the poller finishes. Its
// checkpoint is the state last reported per device: a poller resuming it reports only what changed since.
import type { AuditEntry } from '../audit/audit-log.js';
import { GatewayError } from '../errors.js';
import type { DeviceStatus } from '../generated/enums.js';
import { refreshDevicesByUuid } from '../loaders/devices.js';
import type { DeviceModel } from '../models/device.js';
import type { PollSource } from './hub.js';

export type ActionState = 'PENDING' | 'SUCCEEDED' | 'UNCONFIRMED' | 'NOT_SENT';

export interface ActionEventPayload {
  auditId: string;
  deviceId: string;
  device: DeviceModel | null;
  state: ActionState;
  completed: boolean;
  at: string;
}

/** The device state each followable action leads to, by the mutation (audit operation) that sent it. */
const EXPECTED: Readonly<Record<string, DeviceStatus>> = {
  lockDevices: 'LOCKED',
  unlockDevices: 'ACTIVE',
  retireDevices: 'RETIRED',
  wipeDevices: 'WIPED',
};

/** Item outcomes after which the MDM may act on the device; any other outcome means nothing was sent to it. */
const SENT: ReadonlySet<string> = new Set(['SUCCEEDED', 'UNCONFIRMED']);

interface Target {
  id: string;
  uuid: string | null;
  state: ActionState;
  device: DeviceModel | null;
}

/** The action an audit entry records, ready to follow; BAD_USER_INPUT for an entry no device state can confirm. */
export function actionSource(entry: AuditEntry, deadlineMs: number): PollSource {
  const expected = EXPECTED[entry.operation];
  if (!expected) {
    throw new GatewayError(
      'BAD_USER_INPUT',
      `Only lock, unlock, retire and wipe can be followed; this audit entry is ${entry.operation}.`,
      { field: ['auditId'] },
    );
  }
  const deadline = Date.parse(entry.at) + deadlineMs;
  const targets: Target[] = entry.items.map((item) => {
    const result = entry.results.find((outcome) => outcome.id === item.id);
    const sent =
      !entry.dryRun && item.key !== null && (!entry.finished || (result !== undefined && SENT.has(result.status)));
    return { id: item.id, uuid: item.key, state: sent ? 'PENDING' : 'NOT_SENT', device: null };
  });
  const reported = new Map<string, ActionState>();
  return {
    checkpoint() {
      return reported.size > 0 ? Object.fromEntries(reported) : undefined;
    },
    resume(checkpoint) {
      if (typeof checkpoint !== 'object' || checkpoint === null) return;
      const states = checkpoint as Record<string, unknown>;
      for (const target of targets) {
        const state = states[target.id];
        if (!isActionState(state)) continue;
        reported.set(target.id, state);
        // A device settled by the last poller stays settled; one it left pending is polled again.
        if (state !== 'PENDING') target.state = state;
      }
    },
    async poll({ loaderDeps, now }) {
      const pending = targets.filter((target) => target.state === 'PENDING' && target.uuid !== null);
      const read =
        pending.length > 0
          ? await refreshDevicesByUuid(
              loaderDeps,
              pending.map((t) => t.uuid as string),
            )
          : [];
      const byUuid = new Map(read.map((device) => [device.uuid.toLowerCase(), device]));
      const time = now();
      for (const target of pending) {
        const device = byUuid.get((target.uuid as string).toLowerCase()) ?? null;
        if (device) target.device = device;
        if (device?.status === expected) target.state = 'SUCCEEDED';
        else if (time >= deadline) target.state = 'UNCONFIRMED';
      }
      const changed = targets.filter((target) => reported.get(target.id) !== target.state);
      const completed = targets.every((target) => target.state !== 'PENDING');
      const at = new Date(time).toISOString();
      const payloads: ActionEventPayload[] = changed.map((target, index) => ({
        auditId: entry.id,
        deviceId: target.id,
        device: target.device,
        state: target.state,
        completed: completed && index === changed.length - 1,
        at,
      }));
      for (const target of changed) reported.set(target.id, target.state);
      return { payloads, finished: completed };
    },
  };
}

function isActionState(value: unknown): value is ActionState {
  return value === 'PENDING' || value === 'SUCCEEDED' || value === 'UNCONFIRMED' || value === 'NOT_SENT';
}
