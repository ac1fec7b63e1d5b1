// The live simulator (src/simulator/live): a tick is deterministic under the seed and the tick number, changes a
// small share of the fleet, keeps the fleet's invariants, raises alerts the alert routes serve, and device commands
// sent to a live world take effect only after the configured number of ticks.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LOCK, runCommand, WIPE } from '../../src/simulator/actions/device-commands.js';
import { generateWorld } from '../../src/simulator/fleet/generate.js';
import type { SimDevice, World } from '../../src/simulator/fleet/types.js';
import { parseParams } from '../../src/simulator/http/params.js';
import { LiveControl, MANUAL_STEP_MS } from '../../src/simulator/live/control.js';
import { liveState, worldNow } from '../../src/simulator/live/state.js';
import { createSimulatorRouter } from '../../src/simulator/server.js';

/** Everything a tick may change, in a form `toEqual` compares. */
function snapshot(world: World) {
  return {
    devices: world.devices.map((d) => ({ ...d, labelIds: [...d.labelIds] })),
    alerts: world.alerts.map((a) => ({ ...a })),
    clock: liveState(world).now,
  };
}

function live(seed: number, devices: number) {
  const world = generateWorld({ seed, devices });
  return { world, control: new LiveControl(world) };
}

const ready = (device: SimDevice) =>
  device.status === 'ACTIVE' && !device.noncomplianceReasons.includes('OUT_OF_CONTACT');

describe('a tick', () => {
  it('gives the same world for the same seed and the same ticks, another for another seed', () => {
    const a = live(7, 500);
    const b = live(7, 500);
    const reportA = a.control.advance(20);
    const reportB = b.control.advance(20);
    expect(reportB).toEqual(reportA);
    expect(snapshot(b.world)).toEqual(snapshot(a.world));
    // Ticked one at a time, the same world again: a tick depends on its number, not on how it was asked for.
    const c = live(7, 500);
    for (let i = 0; i < 20; i++) c.control.advance(1);
    expect(snapshot(c.world)).toEqual(snapshot(a.world));

    const other = live(8, 500);
    other.control.advance(20);
    const checkedIn = (world: World) => world.devices.filter((d) => d.lastCheckinAt > '2026-11-01').map((d) => d.id);
    expect(checkedIn(other.world)).not.toEqual(checkedIn(a.world));
  });

  it('changes a small share of the fleet, and moves their check-in to the tick time', () => {
    const { world, control } = live(11, 2000);
    const before = new Map(world.devices.map((d) => [d.uuid, { ...d }]));
    const report = control.advance(1);
    const tickTime = new Date(world.generatedAt + MANUAL_STEP_MS).toISOString();
    expect(report).toMatchObject({ tick: 1, now: tickTime });

    const checkedIn = world.devices.filter((d) => d.lastCheckinAt !== before.get(d.uuid)!.lastCheckinAt);
    expect(checkedIn.length).toBe(report.checkIns);
    expect(report.checkIns).toBeGreaterThan(2000 * 0.005);
    expect(report.checkIns).toBeLessThan(2000 * 0.05);
    for (const device of checkedIn) expect(device.lastCheckinAt).toBe(tickTime);

    const changed = world.devices.filter((d) => {
      const old = before.get(d.uuid)!;
      return d.noncomplianceReasons.join() !== old.noncomplianceReasons.join() || d.quarantined !== old.quarantined;
    });
    expect(changed.length).toBeLessThanOrEqual(report.checkIns);
    expect(report.complianceChanges).toBeLessThanOrEqual(changed.length);
  });

  it('over many ticks moves compliance both ways, quarantines some, and keeps the fleet consistent', () => {
    const { world, control } = live(12, 1000);
    const compliantBefore = new Map(world.devices.map((d) => [d.uuid, d.noncomplianceReasons.length === 0]));
    const total = control.advance(200);
    expect(total.complianceChanges).toBeGreaterThan(0);
    expect(total.quarantineChanges).toBeGreaterThan(0);
    const flipped = world.devices.filter((d) => (d.noncomplianceReasons.length === 0) !== compliantBefore.get(d.uuid));
    expect(flipped.some((d) => d.noncomplianceReasons.length === 0)).toBe(true);
    expect(flipped.some((d) => d.noncomplianceReasons.length > 0)).toBe(true);
    // Managed devices only: a retirement keeps the `compromised` flag while dropping the reasons, as it always did.
    for (const d of world.devices.filter((device) => ['ACTIVE', 'LOCKED', 'RETIRE_PENDING'].includes(device.status))) {
      expect(d.compromised, `${d.id}`).toBe(d.noncomplianceReasons.includes('COMPROMISED'));
      expect(d.deviceAdminEnabled, `${d.id}`).toBe(!d.noncomplianceReasons.includes('DEVICE_ADMIN_DEACTIVE'));
      if (d.quarantined) {
        expect(d.quarantinedReasons.length, `${d.id}`).toBeGreaterThan(0);
        for (const reason of d.quarantinedReasons) expect(d.noncomplianceReasons, `${d.id}`).toContain(reason);
      } else expect(d.quarantinedReasons, `${d.id}`).toEqual([]);
      expect(new Set(d.noncomplianceReasons).size, `${d.id}`).toBe(d.noncomplianceReasons.length);
    }
    expect(liveState(world).now).toBe(world.generatedAt + 200 * MANUAL_STEP_MS);
  });

  it('raises unread alerts dated at the tick, which the E37 alert list serves', () => {
    const { world, control } = live(13, 1000);
    const lastId = world.alerts.at(-1)!.id;
    const report = control.advance(10, 5_000);
    expect(report.alertsRaised).toBeGreaterThan(0);
    const raised = world.alerts.filter((alert) => alert.id > lastId);
    expect(raised.length).toBe(report.alertsRaised);
    for (const alert of raised) {
      expect(alert.isActive).toBe(true);
      expect(alert.alertDate).toBeGreaterThan(world.generatedAt);
      expect(alert.alertDate).toBeLessThanOrEqual(world.generatedAt + 10 * 5_000);
      const device = world.devicesByUuid.get(alert.deviceUuid)!;
      expect(alert.userUuid).toBe(device.userUuid);
      expect(alert.userName).toBe(world.usersByUuid.get(device.userUuid)!.userId);
      if (['INTERNATIONAL_ROAMING_ALERT', 'THRESHOLD_REACHED_ALERT', 'SIM_CHANGED_ALERT'].includes(alert.type))
        expect(device.phoneNumber).not.toBeNull();
    }
    expect(raised.map((a) => a.id)).toEqual(raised.map((_, i) => lastId + 1 + i));

    const router = createSimulatorRouter();
    const match = router.match('GET', '/api/v1/alerts')!;
    const rawQuery = new URLSearchParams({ isRead: 'false' });
    const answer = match.route.handle({
      world,
      admin: world.admins.find((admin) => admin.name === 'miadmin')!,
      params: match.params,
      query: parseParams(match.route.query, rawQuery),
      rawQuery,
      body: undefined,
      now: worldNow(world, Date.now()),
    }) as { body: unknown };
    const listed = JSON.stringify(answer.body);
    for (const alert of raised) expect(listed).toContain(`"id":${alert.id},`);
  });
});

describe('device commands in a live world', () => {
  it('apply at once while the world has never ticked, as always', () => {
    const { world } = live(14, 200);
    const device = world.devices.find(ready)!;
    expect(runCommand(LOCK, device, { world, now: Date.now() })).toBeUndefined();
    expect(device.status).toBe('LOCKED');
  });

  it('a lock accepted in a live world shows after the delay, not before', () => {
    const { world, control } = live(15, 200);
    control.advance(1);
    const device = world.devices.find(ready)!;
    expect(runCommand(LOCK, device, { world, now: worldNow(world, Date.now()) })).toBeUndefined();
    expect(device.status).toBe('ACTIVE');
    expect(control.clock().pendingActions).toBe(1);
    expect(control.advance(1).actionsCompleted).toBe(0);
    expect(device.status).toBe('ACTIVE');
    expect(control.advance(1).actionsCompleted).toBe(1);
    expect(device.status).toBe('LOCKED');
    // The change is dated at the tick that completed it.
    expect(device.modifiedAt).toBe(liveState(world).now);
  });

  it('follow the configured delay; 0 applies at once even while live', () => {
    const { world, control } = live(16, 200);
    control.configure({ actionDelayTicks: 5 });
    control.advance(1);
    const [first, second] = world.devices.filter(ready);
    runCommand(LOCK, first, { world, now: 0 });
    control.advance(4);
    expect(first.status).toBe('ACTIVE');
    control.advance(1);
    expect(first.status).toBe('LOCKED');
    control.configure({ actionDelayTicks: 0 });
    runCommand(LOCK, second, { world, now: 0 });
    expect(second.status).toBe('LOCKED');
  });

  it('a queued command the device can no longer take is refused when it comes due', () => {
    const { world, control } = live(17, 200);
    control.configure({ actionDelayTicks: 2 });
    control.advance(1);
    const device = world.devices.find(ready)!;
    runCommand(LOCK, device, { world, now: 0 });
    control.configure({ actionDelayTicks: 1 });
    runCommand(WIPE, device, { world, now: 0 });
    expect(control.advance(1)).toMatchObject({ actionsCompleted: 1, actionsRefused: 0 });
    expect(device.status).toBe('WIPED');
    expect(control.advance(1)).toMatchObject({ actionsCompleted: 0, actionsRefused: 1 });
    expect(device.status).toBe('WIPED');
  });
});

describe('the clock', () => {
  afterEach(() => vi.useRealTimers());

  it('answers with the wall clock until the world is live, then with the world time', () => {
    const { world, control } = live(18, 50);
    expect(worldNow(world, 123)).toBe(123);
    control.advance(3, 1000);
    expect(worldNow(world, 123)).toBe(world.generatedAt + 3000);
  });

  it('a timer tick moves world time by tickMs; 0 stops it', () => {
    vi.useFakeTimers();
    const { world, control } = live(19, 50);
    control.configure({ tickMs: 2000 });
    expect(control.clock()).toMatchObject({ tick: 0, active: true });
    vi.advanceTimersByTime(6000);
    expect(control.clock()).toMatchObject({ tick: 3, now: new Date(world.generatedAt + 6000).toISOString() });
    control.configure({ tickMs: 0 });
    vi.advanceTimersByTime(6000);
    expect(control.clock().tick).toBe(3);
    expect(control.settings()).toEqual({ tickMs: 0, actionDelayTicks: 2 });
  });

  it('refuses bad settings and counts without changing anything', () => {
    const { control } = live(20, 50);
    expect(() => control.configure({ tickMs: 5 })).toThrow(/at least 10/);
    expect(() => control.configure({ tickMs: 100, actionDelayTicks: -1 })).toThrow(/actionDelayTicks/);
    expect(control.settings()).toEqual({ tickMs: 0, actionDelayTicks: 2 });
    expect(() => control.advance(0)).toThrow(/count/);
    expect(() => control.advance(1, -5)).toThrow(/stepMs/);
    expect(control.clock().tick).toBe(0);
  });
});
