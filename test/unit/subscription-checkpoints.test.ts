// Each poll source's checkpoint, as a replica taking a group over resumes it (src/subscriptions/hub.ts): the new
// poller reports what changed since the last poller's last poll, nothing that poller already reported, and starts
// with a baseline when the checkpoint is unreadable. The MDM reads are replaced by lists the test sets.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuditEntry } from '../../src/audit/audit-log.js';
import type { AlertModel } from '../../src/models/alert.js';
import type { DeviceModel } from '../../src/models/device.js';
import { actionSource } from '../../src/subscriptions/action-source.js';
import { alertSource } from '../../src/subscriptions/alert-source.js';
import { deviceSource } from '../../src/subscriptions/device-source.js';
import type { PollInput, PollSource } from '../../src/subscriptions/hub.js';

const mdm = vi.hoisted(() => ({ alerts: [] as unknown[], devices: [] as unknown[], byUuidCalls: [] as string[][] }));

vi.mock('../../src/loaders/alerts.js', () => ({ refreshAlertList: async () => mdm.alerts }));
vi.mock('../../src/loaders/devices.js', () => ({
  refreshDevicePage: async () => ({ devices: mdm.devices }),
  refreshDevicesByUuid: async (_deps: unknown, uuids: string[]) => {
    mdm.byUuidCalls.push(uuids);
    return (mdm.devices as DeviceModel[]).filter((device) => uuids.includes(device.uuid));
  },
}));

const NOW = Date.parse('2026-11-01T12:00:00Z');
const input = { now: () => NOW } as unknown as PollInput;

/** The checkpoint as it travels between replicas: through JSON. */
const handOver = (from: PollSource) => JSON.parse(JSON.stringify(from.checkpoint()));

function alert(alertId: number, read = false): AlertModel {
  return { alertId, read, createdAt: new Date(NOW - 1000 * (100 - alertId)).toISOString() } as AlertModel;
}

function device(uuid: string, minutesAgo: number, status = 'ACTIVE'): DeviceModel {
  return {
    uuid,
    status,
    compliant: true,
    noncomplianceReasons: [],
    quarantined: false,
    lastCheckInAt: new Date(NOW - minutesAgo * 60_000).toISOString(),
  } as unknown as DeviceModel;
}

beforeEach(() => {
  mdm.alerts = [];
  mdm.devices = [];
  mdm.byUuidCalls = [];
});

describe('alertRaised', () => {
  it('reports alerts raised and read-state flips since the last poller, only those', async () => {
    const first = alertSource({});
    mdm.alerts = [alert(2), alert(1)];
    expect((await first.poll(input)).payloads).toEqual([]);
    mdm.alerts = [alert(3), alert(2), alert(1)];
    expect((await first.poll(input)).payloads).toMatchObject([{ kind: 'RAISED', alert: { alertId: 3 } }]);

    const next = alertSource({});
    next.resume(handOver(first));
    mdm.alerts = [alert(4), alert(3), alert(2, true), alert(1)];
    expect((await next.poll(input)).payloads).toMatchObject([
      { kind: 'READ_CHANGED', alert: { alertId: 2, read: true } },
      { kind: 'RAISED', alert: { alertId: 4 } },
    ]);
  });

  it('starts with a baseline from a checkpoint it cannot read', async () => {
    const next = alertSource({});
    next.resume({ newestId: 'x' });
    mdm.alerts = [alert(4), alert(3)];
    expect((await next.poll(input)).payloads).toEqual([]);
    expect(next.checkpoint()).toEqual({
      newestId: 4,
      newestAt: Date.parse(alert(4).createdAt!),
      read: [],
      unread: [4, 3],
    });
  });
});

describe('deviceChanged', () => {
  it('reports each device that checked in since the last poller as LAST_CHECK_IN', async () => {
    const first = deviceSource({ offset: 0, limit: 3 } as never);
    mdm.devices = [device('a', 10), device('b', 20), device('c', 30)];
    await first.poll(input);
    expect(first.checkpoint()).toEqual({ newestCheckIn: NOW - 10 * 60_000 });

    const next = deviceSource({ offset: 0, limit: 3 } as never);
    next.resume(handOver(first));
    // c checked in (and was locked) after the last poll; a and b did not.
    mdm.devices = [device('c', 1, 'LOCKED'), device('a', 10), device('b', 20)];
    expect((await next.poll(input)).payloads).toMatchObject([
      { changedFields: ['LAST_CHECK_IN'], device: { uuid: 'c' } },
    ]);
    // From then on, devices are compared with what this poller saw.
    mdm.devices = [device('c', 1), device('a', 10), device('b', 20)];
    expect((await next.poll(input)).payloads).toMatchObject([{ changedFields: ['STATUS'], device: { uuid: 'c' } }]);
  });
});

describe('actionProgress', () => {
  const entry = {
    id: 'audit-1',
    at: new Date(NOW).toISOString(),
    caller: 'miadmin',
    operation: 'lockDevices',
    note: null,
    items: [
      { id: 'device-a', key: 'a' },
      { id: 'device-b', key: 'b' },
    ],
    input: null,
    dryRun: false,
    finished: true,
    finishedAt: null,
    results: [
      { id: 'device-a', status: 'SUCCEEDED' },
      { id: 'device-b', status: 'SUCCEEDED' },
    ],
    upstreamCalls: 2,
  } as unknown as AuditEntry;

  it('reports only what changed since the last poller, and polls only devices still pending', async () => {
    const first = actionSource(entry, 60_000);
    mdm.devices = [device('a', 0, 'LOCKED'), device('b', 0)];
    expect((await first.poll(input)).payloads).toMatchObject([
      { deviceId: 'device-a', state: 'SUCCEEDED', completed: false },
      { deviceId: 'device-b', state: 'PENDING', completed: false },
    ]);

    const next = actionSource(entry, 60_000);
    next.resume(handOver(first));
    mdm.byUuidCalls = [];
    expect(await next.poll(input)).toEqual({ payloads: [], finished: false });
    expect(mdm.byUuidCalls).toEqual([['b']]);
    mdm.devices = [device('a', 0, 'LOCKED'), device('b', 0, 'LOCKED')];
    expect(await next.poll(input)).toMatchObject({
      payloads: [{ deviceId: 'device-b', state: 'SUCCEEDED', completed: true }],
      finished: true,
    });
  });
});
