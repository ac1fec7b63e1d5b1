// What a subscriber receives: a queue item (a stored payload this subscriber accepted, or a notice of lost events)
// as the event object of its field. A MISSED notice carries the id of the last event lost, so resuming from it
// continues after them.
import type { AlertModel } from '../models/alert.js';
import type { DeviceModel } from '../models/device.js';
import type { ActionEventPayload, ActionState } from './action-source.js';
import type { AlertEventPayload } from './alert-source.js';
import type { DeviceChangeField, DeviceEventPayload } from './device-source.js';
import type { MissedReason, QueueItem } from './subscriber-queue.js';

type Missed = { count: number | null; reason: MissedReason } | null;

export interface AlertEventModel {
  eventId: string;
  kind: 'RAISED' | 'READ_CHANGED' | 'MISSED';
  alert: AlertModel | null;
  at: string;
  missed: Missed;
}

export interface DeviceChangeEventModel {
  eventId: string;
  kind: 'CHANGED' | 'MISSED';
  changedFields: DeviceChangeField[];
  device: DeviceModel | null;
  at: string;
  missed: Missed;
}

export interface ActionProgressEventModel {
  eventId: string;
  auditId: string;
  deviceId: string | null;
  device: DeviceModel | null;
  state: ActionState | null;
  completed: boolean;
  at: string;
  missed: Missed;
}

const nowIso = () => new Date().toISOString();

export function alertEvent(item: QueueItem<AlertEventPayload>): AlertEventModel {
  if ('missed' in item)
    return { eventId: item.eventId, kind: 'MISSED', alert: null, at: nowIso(), missed: item.missed };
  const { kind, alert, at } = item.value;
  return { eventId: item.eventId, kind, alert, at, missed: null };
}

export function deviceChangeEvent(item: QueueItem<DeviceEventPayload>): DeviceChangeEventModel {
  if ('missed' in item) {
    return {
      eventId: item.eventId,
      kind: 'MISSED',
      changedFields: [],
      device: null,
      at: nowIso(),
      missed: item.missed,
    };
  }
  const { changedFields, device, at } = item.value;
  return { eventId: item.eventId, kind: 'CHANGED', changedFields, device, at, missed: null };
}

export function actionProgressEvent(auditId: string) {
  return (item: QueueItem<ActionEventPayload>): ActionProgressEventModel => {
    if ('missed' in item) {
      const { eventId, missed } = item;
      return { eventId, auditId, deviceId: null, device: null, state: null, completed: false, at: nowIso(), missed };
    }
    const { deviceId, device, state, completed, at } = item.value;
    return { eventId: item.eventId, auditId, deviceId, device, state, completed, at, missed: null };
  };
}
