// The live simulator over HTTP: `POST /__sim/tick` moves the world, and the vendor routes show it (V01 search sees
// new check-ins and compliance, E37 lists the new alerts), a V19 lock sent to a live world shows after the delay,
// and `/__sim/config` reads and writes `tickMs` and `actionDelayTicks`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimDevice } from '../../src/simulator/fleet/types.js';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server.js';
import { EpmmClient, type EpmmCaller } from '../../src/upstream/epmm/client.js';
import { EpmmV1AdminClient } from '../../src/upstream/epmm/v1-admin-client.js';
import { EpmmV2DevicesClient } from '../../src/upstream/epmm/v2-devices-client.js';
import { UpstreamHttp } from '../../src/upstream/http.js';
import { adminCredential } from '../helpers/credentials.js';

let sim: RunningSimulator;
let http: UpstreamHttp;
let search: EpmmClient;
let actions: EpmmV2DevicesClient;
let admin: EpmmV1AdminClient;
const miadmin: EpmmCaller = { credential: adminCredential('miadmin'), adminDeviceSpaceId: 1 };

beforeAll(async () => {
  sim = await startSimulator({ devices: 300, seed: 31 });
  http = new UpstreamHttp('EPMM', sim.url, { connections: 4, timeoutMs: 5000 });
  search = new EpmmClient(http);
  actions = new EpmmV2DevicesClient(http);
  admin = new EpmmV1AdminClient(http);
});
afterAll(async () => {
  await http.close();
  await sim.close();
});

async function hook(method: 'GET' | 'POST', path: string, body?: unknown) {
  const response = await fetch(`${sim.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function searched(uuid: string) {
  const page = await search.searchDevices(miadmin, {
    query: `"common.uuid" = "${uuid}"`,
    fields: ['common.status', 'common.last_connected_at', 'common.compliant', 'common.noncompliance_reasons'],
    limit: 1,
    offset: 0,
  });
  return page.results[0];
}

const copy = (device: SimDevice) => ({ ...device, noncomplianceReasons: [...device.noncomplianceReasons] });

describe('POST /__sim/tick', () => {
  it('moves the world, and a V01 search shows the new check-ins and compliance', async () => {
    const before = new Map(sim.world.devices.map((device) => [device.uuid, copy(device)]));
    const { status, body } = await hook('POST', '/__sim/tick', { count: 30 });
    expect(status).toBe(200);
    expect(body).toMatchObject({ tick: 30, now: '2026-11-01T00:30:00.000Z', active: true, pendingActions: 0 });
    expect(body.checkIns).toBeGreaterThan(0);
    expect(body.complianceChanges).toBeGreaterThan(0);

    const checkedIn = sim.world.devices.find((d) => d.lastCheckinAt !== before.get(d.uuid)!.lastCheckinAt)!;
    const seen = await searched(checkedIn.uuid);
    expect(seen['common.last_connected_at']).toBe(checkedIn.lastCheckinAt);
    expect(seen['common.last_connected_at']).not.toBe(before.get(checkedIn.uuid)!.lastCheckinAt);

    const drifted = sim.world.devices.find(
      (d) =>
        d.noncomplianceReasons.length > 0 !== before.get(d.uuid)!.noncomplianceReasons.length > 0 &&
        d.status === 'ACTIVE',
    )!;
    const driftedSeen = await searched(drifted.uuid);
    expect(driftedSeen['common.compliant']).toBe(drifted.noncomplianceReasons.length === 0);
    expect(driftedSeen['common.compliant']).toBe(before.get(drifted.uuid)!.noncomplianceReasons.length > 0);
  });

  it('raises alerts that the E37 list of unread alerts shows', async () => {
    const lastId = sim.world.alerts.at(-1)!.id;
    const { body } = await hook('POST', '/__sim/tick', { count: 10 });
    expect(body.alertsRaised).toBeGreaterThan(0);
    const unread = await admin.alerts({ credential: miadmin.credential }, { read: false });
    const fresh = unread.filter((alert) => alert.id > lastId);
    expect(fresh.length).toBe(body.alertsRaised);
    for (const alert of fresh) expect(alert.read).toBe(false);
  });

  it('refuses a bad count or step and changes nothing', async () => {
    const tick = (await hook('GET', '/__sim/tick')).body.tick;
    expect((await hook('POST', '/__sim/tick', { count: 0 })).status).toBe(400);
    expect((await hook('POST', '/__sim/tick', { count: 'two' })).status).toBe(400);
    expect((await hook('POST', '/__sim/tick', { count: 1, stepMs: -1 })).status).toBe(400);
    expect((await hook('GET', '/__sim/tick')).body.tick).toBe(tick);
  });
});

describe('a V19 lock in a live world', () => {
  it('is accepted at once and shows LOCKED only after actionDelayTicks ticks', async () => {
    const device = sim.world.devices.find(
      (d) => d.status === 'ACTIVE' && !d.noncomplianceReasons.includes('OUT_OF_CONTACT'),
    )!;
    const answer = await actions.lock(miadmin, [device.uuid], 'Lost on a train.');
    expect(answer).toMatchObject({ actionType: 'LOCK', successful: true });
    expect((await searched(device.uuid))['common.status']).toBe('ACTIVE');
    expect((await hook('GET', '/__sim/tick')).body.pendingActions).toBe(1);

    expect((await hook('POST', '/__sim/tick', { count: 1 })).body.actionsCompleted).toBe(0);
    expect((await searched(device.uuid))['common.status']).toBe('ACTIVE');
    expect((await hook('POST', '/__sim/tick', { count: 1 })).body.actionsCompleted).toBe(1);
    expect((await searched(device.uuid))['common.status']).toBe('LOCKED');
  });
});

describe('/__sim/config', () => {
  it('reads and writes tickMs and actionDelayTicks beside the other settings', async () => {
    expect((await hook('GET', '/__sim/config')).body).toMatchObject({ tickMs: 0, actionDelayTicks: 2, latencyMs: 0 });
    const set = await hook('POST', '/__sim/config', { tickMs: 60_000, actionDelayTicks: 3 });
    expect(set).toMatchObject({ status: 200, body: { tickMs: 60_000, actionDelayTicks: 3 } });
    const stopped = await hook('POST', '/__sim/config', { tickMs: 0 });
    expect(stopped.body).toMatchObject({ tickMs: 0, actionDelayTicks: 3 });
  });

  it('refuses a bad value and keeps the settings', async () => {
    const refused = await hook('POST', '/__sim/config', { tickMs: 5, latencyMs: 10 });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatch(/tickMs/);
    expect((await hook('GET', '/__sim/config')).body).toMatchObject({ tickMs: 0, latencyMs: 0 });
    expect((await hook('POST', '/__sim/config', { latencyMs: -1, tickMs: 100 })).status).toBe(400);
    expect((await hook('GET', '/__sim/config')).body).toMatchObject({ tickMs: 0, latencyMs: 0 });
  });
});
