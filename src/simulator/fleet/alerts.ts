// Event Center alerts (EPMM v1 E37-E42): generated from the fleet, about half an alert per device, so that
// filtering by phone, user and read state has something to find at every fleet size.
import type { SeededRandom, Weighted } from './random.js';
import type { SimDevice, SimUser } from './types.js';

export type AlertType =
  | 'INTERNATIONAL_ROAMING_ALERT'
  | 'THRESHOLD_REACHED_ALERT'
  | 'SIM_CHANGED_ALERT'
  | 'MEMORY_SIZE_EXCEEDED_ALERT'
  | 'SYSTEM_ALERT'
  | 'POLICY_VIOLATIONS_ALERT';
export type AlertSeverity = 'INFORMATION' | 'WARNING' | 'CRITICAL';
export type AlertTransport = 'EMAIL' | 'SMS' | 'APNS';
export type AlertStatus =
  | 'CREATED'
  | 'PROCESSED'
  | 'DISPATCH_PENDING'
  | 'DISPATCHING'
  | 'DISPATCHED'
  | 'DISPATCH_FAILED';

export interface SimAlert {
  id: number;
  deviceUuid: string;
  userUuid: string;
  /** Recipient login name (the device owner's). */
  userName: string;
  labelId: number;
  eventSubscriptionName: string;
  /** Epoch ms. */
  alertDate: number;
  updatedAt: number;
  alertText: string;
  /** EPMM's inverted flag: true = unread. */
  isActive: boolean;
  /** "Not used": frozen at generation, never updated by E41/E42 (the document says to read isActive). */
  isAlertRead: boolean;
  retries: number;
  updateBy: string;
  type: AlertType;
  severity: AlertSeverity;
  transport: AlertTransport;
  status: AlertStatus;
  /** Written by E41/E42, never returned by any v1 read. */
  comments: string | null;
}

const TYPES: readonly Weighted<AlertType>[] = [
  ['POLICY_VIOLATIONS_ALERT', 35],
  ['MEMORY_SIZE_EXCEEDED_ALERT', 20],
  ['INTERNATIONAL_ROAMING_ALERT', 15],
  ['THRESHOLD_REACHED_ALERT', 12],
  ['SIM_CHANGED_ALERT', 8],
  ['SYSTEM_ALERT', 10],
];
const SEVERITY: Record<AlertType, AlertSeverity> = {
  INTERNATIONAL_ROAMING_ALERT: 'WARNING',
  THRESHOLD_REACHED_ALERT: 'WARNING',
  SIM_CHANGED_ALERT: 'CRITICAL',
  MEMORY_SIZE_EXCEEDED_ALERT: 'WARNING',
  SYSTEM_ALERT: 'INFORMATION',
  POLICY_VIOLATIONS_ALERT: 'CRITICAL',
};
/** Event Center subscription names an administrator would plausibly give (the sample's is "m1"). */
const SUBSCRIPTION: Record<AlertType, string> = {
  INTERNATIONAL_ROAMING_ALERT: 'roaming-watch',
  THRESHOLD_REACHED_ALERT: 'data-threshold',
  SIM_CHANGED_ALERT: 'sim-swap',
  MEMORY_SIZE_EXCEEDED_ALERT: 'm1',
  SYSTEM_ALERT: 'system',
  POLICY_VIOLATIONS_ALERT: 'compliance',
};
const STATUSES: readonly Weighted<AlertStatus>[] = [
  ['DISPATCHED', 80],
  ['DISPATCH_FAILED', 6],
  ['DISPATCH_PENDING', 5],
  ['DISPATCHING', 2],
  ['PROCESSED', 4],
  ['CREATED', 3],
];
const ALERTS_PER_DEVICE: readonly Weighted<number>[] = [
  [0, 62],
  [1, 28],
  [2, 8],
  [3, 2],
]; // mean 0.5
const DAY = 86_400_000;

export interface AlertContext {
  now: number;
  usersByUuid: ReadonlyMap<string, SimUser>;
}

/** Alerts for all devices, ids ascending from 1 in device order. */
export function generateAlerts(rng: SeededRandom, devices: readonly SimDevice[], context: AlertContext): SimAlert[] {
  const alerts: SimAlert[] = [];
  for (const device of devices) {
    const count = rng.weighted(ALERTS_PER_DEVICE);
    if (count === 0) continue;
    const owner = context.usersByUuid.get(device.userUuid);
    const labelIds = [...device.labelIds];
    for (let i = 0; i < count; i++) {
      const type = rng.weighted(TYPES);
      const alertDate = context.now - rng.int(1, 90 * DAY);
      const status = rng.weighted(STATUSES);
      const isActive = rng.chance(0.6);
      alerts.push({
        id: alerts.length + 1,
        deviceUuid: device.uuid,
        userUuid: device.userUuid,
        userName: owner?.userId ?? 'miadmin',
        labelId: labelIds.length > 0 ? rng.pick(labelIds) : -1,
        eventSubscriptionName: SUBSCRIPTION[type],
        alertDate,
        updatedAt: alertDate + rng.int(1000, 120_000),
        alertText: alertText(type, device, owner?.userId ?? 'miadmin', rng),
        isActive,
        isAlertRead: !isActive,
        retries: status === 'DISPATCH_FAILED' ? 3 : status === 'DISPATCHED' ? rng.int(0, 2) : 0,
        updateBy: 'alertprocessor',
        type,
        severity: SEVERITY[type],
        transport: transportFor(rng, device),
        status,
        comments: null,
      });
    }
  }
  return alerts;
}

export interface RaisedAlert {
  id: number;
  device: SimDevice;
  owner: SimUser | undefined;
  type: AlertType;
  /** Epoch ms. */
  at: number;
  /** The reason a POLICY_VIOLATIONS_ALERT names; the device's first reason when absent. */
  violation?: string;
}

/** An alert the Event Center raises now (live/raise-alerts.ts): unread, dispatched at once, nothing retried. */
export function raiseAlert(rng: SeededRandom, alert: RaisedAlert): SimAlert {
  const { device, type, at } = alert;
  const userName = alert.owner?.userId ?? 'miadmin';
  const labelIds = [...device.labelIds];
  return {
    id: alert.id,
    deviceUuid: device.uuid,
    userUuid: device.userUuid,
    userName,
    labelId: labelIds.length > 0 ? rng.pick(labelIds) : -1,
    eventSubscriptionName: SUBSCRIPTION[type],
    alertDate: at,
    updatedAt: at,
    alertText: alertText(type, device, userName, rng, alert.violation),
    isActive: true,
    isAlertRead: false,
    retries: 0,
    updateBy: 'alertprocessor',
    type,
    severity: SEVERITY[type],
    transport: transportFor(rng, device),
    status: 'DISPATCHED',
    comments: null,
  };
}

/** APNS reaches iPhones only; SMS needs a phone number. */
function transportFor(rng: SeededRandom, device: SimDevice): AlertTransport {
  if (device.platform === 'iOS' && rng.chance(0.3)) return 'APNS';
  return device.phoneNumber && rng.chance(0.2) ? 'SMS' : 'EMAIL';
}

function alertText(
  type: AlertType,
  device: SimDevice,
  userName: string,
  rng: SeededRandom,
  violation = device.noncomplianceReasons[0] ?? 'OUT_OF_CONTACT',
): string {
  const phone = device.phoneNumber?.replace(/\D/g, '') ?? 'PDA';
  const who = `Phone #: ${phone} (${userName})`;
  switch (type) {
    case 'MEMORY_SIZE_EXCEEDED_ALERT': {
      const total = device.memoryCapacity / 1_048_576;
      const free = device.memoryFree / 1_048_576;
      return `WARNING::Memory size exceeded ${rng.int(1, 90)}% for ${who}, Total Memory Size: ${total.toFixed(2)}MB, Free Memory Size: ${free.toFixed(2)}MB`;
    }
    case 'INTERNATIONAL_ROAMING_ALERT':
      return `WARNING::International roaming detected for ${who}, Home country: ${device.homeCountryName}`;
    case 'THRESHOLD_REACHED_ALERT':
      return `WARNING::Data usage threshold of ${rng.pick([500, 1000, 2000, 5000])}MB reached for ${who}`;
    case 'SIM_CHANGED_ALERT':
      return `CRITICAL::SIM card changed for ${who}`;
    case 'SYSTEM_ALERT':
      return `INFORMATION::System event for ${who}: device check-in processed`;
    case 'POLICY_VIOLATIONS_ALERT':
      return `CRITICAL::Policy violation for ${who}: ${violation}`;
  }
}
