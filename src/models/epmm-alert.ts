// The one place that reads EPMM v1 alert fields (E37-E40) and turns them into an AlertModel.
import type { EpmmAlert } from '../upstream/epmm/v1-admin-dto.js';
import type { AlertModel, AlertSeverity, AlertStatus, AlertTransport, AlertType } from './alert.js';
import { toDateTime } from './datetime.js';

const TYPES: Record<string, AlertType> = {
  INTERNATIONAL_ROAMING_ALERT: 'INTERNATIONAL_ROAMING',
  THRESHOLD_REACHED_ALERT: 'THRESHOLD_REACHED',
  SIM_CHANGED_ALERT: 'SIM_CHANGED',
  MEMORY_SIZE_EXCEEDED_ALERT: 'MEMORY_SIZE_EXCEEDED',
  SYSTEM_ALERT: 'SYSTEM',
  POLICY_VIOLATIONS_ALERT: 'POLICY_VIOLATIONS',
};
const SEVERITIES: ReadonlySet<string> = new Set<AlertSeverity>(['INFORMATION', 'WARNING', 'CRITICAL']);
const STATUSES: ReadonlySet<string> = new Set<AlertStatus>([
  'CREATED',
  'PROCESSED',
  'DISPATCH_PENDING',
  'DISPATCHING',
  'DISPATCHED',
  'DISPATCH_FAILED',
]);
const TRANSPORTS: ReadonlySet<string> = new Set<AlertTransport>(['EMAIL', 'SMS', 'APNS']);

export function epmmAlertToModel(alert: EpmmAlert): AlertModel {
  return {
    kind: 'Alert',
    alertId: alert.id,
    type: TYPES[constant(alert.alertDefnName)] ?? 'OTHER',
    severity: oneOf(SEVERITIES, alert.severity, 'UNKNOWN'),
    status: oneOf(STATUSES, alert.status, 'UNKNOWN'),
    transport: oneOf(TRANSPORTS, alert.transport, 'UNKNOWN'),
    message: alert.alertText,
    createdAt: toDateTime(alert.alertDate),
    updatedAt: toDateTime(alert.updatedAt),
    // EPMM's flag is inverted: isActive true means UNREAD; `isAlertRead` is documented as "Not used".
    read: !alert.isActive,
    subscriptionName: alert.eventSubscriptionName ?? null,
    deviceUuid: alert.deviceUuid.toLowerCase(),
    userPrincipal: alert.userName ?? null,
    labelId: alert.labelId ?? null,
  };
}

/** The document line-wraps constants (`MEMORY_SIZE_EXCEEDED_ ALERT`); any case is accepted. */
function constant(text: string): string {
  return text.replace(/\s+/g, '').toUpperCase();
}

function oneOf<T extends string>(allowed: ReadonlySet<string>, text: string, fallback: T): T {
  const value = constant(text);
  return allowed.has(value) ? (value as T) : fallback;
}
