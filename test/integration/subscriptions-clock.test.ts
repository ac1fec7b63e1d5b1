// What the pollers do over time, with the gateway's subscription clock injected (test/helpers/manual-clock.ts): its
// timers never fire, so polls happen only when the test calls `hub.pollAll()`, and its time moves only when the test
// moves it. Back-off is read from the hub (`pollers()`), an action's deadline passes when the clock is moved past it,
// and the simulator's faults and live ticks make the MDM fail or leave an action pending.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SimDevice } from '../../src/simulator/fleet/types.js';
import { ManualClock } from '../helpers/manual-clock.js';
import {
  raiseAlert,
  sseSubscribe,
  startSubscriptionStack,
  type SubscriptionStack,
} from '../helpers/subscription-stack.js';

const POLL_MS = 1000;
const MAX_POLL_MS = 8000;
const DEADLINE_MS = 60_000;
const ALERTS = 'subscription { alertRaised { eventId kind alert { legacyId } } }';

let stack: SubscriptionStack;
const clock = new ManualClock();

beforeAll(async () => {
  stack = await startSubscriptionStack(
    {
      SUBSCRIPTION_POLL_MS: String(POLL_MS),
      SUBSCRIPTION_POLL_MAX_MS: String(MAX_POLL_MS),
      SUBSCRIPTION_ACTION_POLL_MS: String(POLL_MS),
      SUBSCRIPTION_ACTION_DEADLINE_MS: String(DEADLINE_MS),
      // One attempt per poll and a breaker that never opens: each failing poll is one failed call, nothing waits.
      UPSTREAM_MAX_ATTEMPTS: '1',
      BREAKER_FAILURES: '1000',
    },
    { clock },
  );
});

afterAll(async () => {
  await stack?.close();
});

beforeEach(async () => {
  await stack.hub.whenSubscribers(0);
});

afterEach(async () => {
  await simConfig({ faults: [] });
});

async function simConfig(body: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${stack.simulator.url}/__sim/config`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
}

async function simTick(count: number): Promise<void> {
  const response = await fetch(`${stack.simulator.url}/__sim/tick`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ count }),
  });
  expect(response.status).toBe(200);
}

/** Polls every group once and answers the alert poller's next wait. */
async function pollAndWait(): Promise<number> {
  await stack.hub.pollAll();
  const [poller] = stack.hub.pollers();
  return poller.intervalMs;
}

describe('back-off', () => {
  it('doubles while nothing changes and on rate limits and errors, up to the maximum, and resets on a change', async () => {
    const device = stack.simulator.world.devices.find((candidate) => candidate.status === 'ACTIVE') as SimDevice;
    const stream = await sseSubscribe(stack.url, ALERTS, { as: 'miadmin' });
    expect(stream.status).toBe(200);
    await stack.hub.whenSubscribers(1);
    // The baseline found nothing to report (2 s), nor did the next poll (4 s), nor the ones after, up to the max.
    expect(await pollAndWait()).toBe(4000);
    expect(await pollAndWait()).toBe(8000);
    expect(await pollAndWait()).toBe(MAX_POLL_MS);
    expect(stack.hub.pollers()).toEqual([{ field: 'alertRaised', intervalMs: MAX_POLL_MS }]);

    // A new alert: the poll that finds it starts over at the base interval.
    const first = raiseAlert(stack.simulator.world, device);
    expect(await pollAndWait()).toBe(POLL_MS);
    const event = JSON.parse((await stream.next()).data).data.alertRaised;
    expect(event).toMatchObject({ kind: 'RAISED', alert: { legacyId: first } });

    // An alert is raised, but the MDM rate-limits the alert list, then fails: each poll makes its one call, which
    // fails (a poll that read the list would have found the alert and started over), and the wait doubles to the max.
    const second = raiseAlert(stack.simulator.world, device);
    await stack.resetCalls();
    await simConfig({ faults: [{ route: 'GET /api/v1/alerts', status: 429 }] });
    expect(await pollAndWait()).toBe(2000);
    await simConfig({ faults: [{ route: 'GET /api/v1/alerts', status: 503 }] });
    expect(await pollAndWait()).toBe(4000);
    expect(await pollAndWait()).toBe(8000);
    expect(await pollAndWait()).toBe(MAX_POLL_MS);
    expect(await stack.calls('GET /api/v1/alerts')).toBe(4);

    // The MDM answers again: the alert is found, reported, and the wait starts over.
    await simConfig({ faults: [] });
    expect(await pollAndWait()).toBe(POLL_MS);
    const next = JSON.parse((await stream.next()).data).data.alertRaised;
    expect(next).toMatchObject({ kind: 'RAISED', alert: { legacyId: second } });
    stream.close();
  });
});

describe('actionProgress deadline', () => {
  it('reports UNCONFIRMED once the deadline passes while the device never shows the action, and completes', async () => {
    // A live world whose devices act on a command only after far more ticks than the test runs.
    await simTick(1);
    await simConfig({ actionDelayTicks: 1_000_000 });
    const device = stack.simulator.world.devices.find(
      (candidate) => candidate.status === 'ACTIVE' && candidate.spaceId === 2,
    ) as SimDevice;
    const found = await stack.gql<{ device: { id: string } }>('query($uuid: String!) { device(uuid: $uuid) { id } }', {
      uuid: device.uuid,
    });
    const deviceId = found.data?.device.id as string;
    const locked = await stack.gql<{ lockDevices: { auditId: string } }>(
      'mutation($ids: [ID!]!) { lockDevices(input: { ids: $ids, note: "deadline test" }) { auditId } }',
      { ids: [deviceId] },
    );
    const auditId = locked.data?.lockDevices.auditId as string;
    expect(auditId).toBeTruthy();
    // The deadline runs from the audit record: the gateway's clock starts there.
    const audit = await stack.gql<{ auditLog: { nodes: Array<{ id: string; at: string }> } }>(
      '{ auditLog(first: 5) { nodes { id at } } }',
    );
    const at = audit.data?.auditLog.nodes.find((entry) => entry.id === auditId)?.at as string;
    clock.set(Date.parse(at));

    const progress = await sseSubscribe(
      stack.url,
      'subscription($id: ID!) { actionProgress(auditId: $id) { state completed deviceId device { status } } }',
      { as: 'miadmin', variables: { id: auditId } },
    );
    const read = async () => JSON.parse((await progress.next()).data).data.actionProgress;
    // The first poll reports the device as it stands: the command is queued, the device still active.
    expect(await read()).toMatchObject({ state: 'PENDING', completed: false, deviceId, device: { status: 'ACTIVE' } });

    // The world moves on and the gateway polls 1 ms before the deadline: still nothing to confirm, nothing reported.
    await simTick(5);
    clock.advance(DEADLINE_MS - 1);
    await stack.hub.pollAll();
    expect(stack.hub.pollerCount).toBe(1);
    // At the deadline, the next poll settles the device as UNCONFIRMED and completes.
    clock.advance(1);
    await stack.hub.pollAll();
    expect(await read()).toMatchObject({
      state: 'UNCONFIRMED',
      completed: true,
      deviceId,
      device: { status: 'ACTIVE' },
    });
    expect((await progress.next()).event).toBe('complete');
    expect(stack.hub.pollerCount).toBe(0);
    progress.close();
  });
});
