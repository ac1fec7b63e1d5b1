// Live subscriptions against the simulator over HTTP: SSE and graphql-ws, one poller per scope, isolation between
// callers, Last-Event-ID resumption, action progress, and refusals. Polls are driven by `hub.pollAll()` (the stack's
// timers are an hour long) and every wait is on an event, never on time.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { basicAuthorization } from '../../src/auth/credentials.js';
import type { SimDevice } from '../../src/simulator/fleet/types.js';
import {
  raiseAlert,
  sseSubscribe,
  startSubscriptionStack,
  wsClient,
  wsSubscribe,
  type SubscriptionStack,
} from '../helpers/subscription-stack.js';

const ALERTS = /* GraphQL */ `
  subscription Alerts($filter: AlertFilter) {
    alertRaised(filter: $filter) { eventId kind at alert { legacyId device { uuid } } missed { count reason } }
  }
`;
const ALERT_LIST = 'GET /api/v1/alerts';

interface AlertEventData {
  alertRaised: { eventId: string; kind: string; alert: { legacyId: number; device: { uuid: string } | null } | null };
}

let stack: SubscriptionStack;
/** A device of emea's space (miadmin sees it too) and one only miadmin sees. */
let emeaDevice: SimDevice;
let otherDevice: SimDevice;

beforeAll(async () => {
  // helpdesk may act but not read: a subscription reads the fleet, so it is refused.
  stack = await startSubscriptionStack({}, { scopes: { helpdesk: ['act'] } });
  const { world } = stack.simulator;
  emeaDevice = world.devices.find((device) => device.spaceId === 2 && device.status === 'ACTIVE') as SimDevice;
  const emeaSees = new Set(
    (
      (
        await stack.gql<{ devices: { nodes: { uuid: string }[] } }>(
          '{ devices(first: 200, source: EPMM) { nodes { uuid } } }',
          {},
          'emea',
        )
      ).data?.devices.nodes ?? []
    ).map((device) => device.uuid),
  );
  otherDevice = world.devices.find(
    (device) => device.status === 'ACTIVE' && device.spaceId !== 2 && !emeaSees.has(device.uuid),
  ) as SimDevice;
  expect(emeaDevice).toBeDefined();
  expect(otherDevice).toBeDefined();
});

afterAll(async () => {
  await stack?.close();
});

/** Waits until `count` subscriptions are open, then settles the new groups' baseline polls. */
async function joined(count: number): Promise<void> {
  await stack.hub.whenSubscribers(count);
  await stack.hub.pollAll();
}

// Each test starts once the previous one's subscribers have left (their transports closed).
beforeEach(async () => {
  await stack.hub.whenSubscribers(0);
});

describe('alertRaised', () => {
  it('reaches an SSE subscriber, each event carrying an SSE id', async () => {
    const stream = await sseSubscribe(stack.url, ALERTS, { as: 'miadmin' });
    expect(stream.status).toBe(200);
    await joined(1);
    const id = raiseAlert(stack.simulator.world, emeaDevice);
    await stack.hub.pollAll();
    const event = await stream.next();
    expect(event.event).toBe('next');
    const data = JSON.parse(event.data).data as AlertEventData;
    expect(data.alertRaised).toMatchObject({
      kind: 'RAISED',
      alert: { legacyId: id, device: { uuid: emeaDevice.uuid } },
    });
    expect(event.id).toBe(data.alertRaised.eventId);
    stream.close();
  });

  it('reaches a graphql-ws subscriber', async () => {
    const client = wsClient(stack.url, 'miadmin');
    const subscription = wsSubscribe(client, ALERTS);
    const first = subscription.next();
    await joined(1);
    const id = raiseAlert(stack.simulator.world, emeaDevice);
    await stack.hub.pollAll();
    const result = (await first) ?? {};
    expect(result.errors).toBeUndefined();
    expect((result.data as unknown as AlertEventData).alertRaised).toMatchObject({
      kind: 'RAISED',
      alert: { legacyId: id },
    });
    await subscription.close();
    await client.dispose();
  });

  it('costs one poller whatever the number of subscribers of a scope: 200 cost what 1 costs', async () => {
    const polls = 3;
    const measure = async (subscribers: number) => {
      const client = wsClient(stack.url, 'miadmin');
      // Different filters that EPMM does not apply share the scope's one list read.
      const subscriptions = Array.from({ length: subscribers }, (_, index) =>
        wsSubscribe(client, ALERTS, index % 2 ? { filter: { severity: ['CRITICAL'] } } : {}),
      );
      const pending = subscriptions.map((subscription) => subscription.next());
      await joined(subscribers);
      await stack.resetCalls();
      for (let poll = 0; poll < polls; poll += 1) await stack.hub.pollAll();
      const calls = await stack.calls(ALERT_LIST);
      const pollers = stack.hub.pollerCount;
      for (const subscription of subscriptions) void subscription.close();
      void Promise.allSettled(pending);
      await client.dispose();
      return { calls, pollers };
    };
    const one = await measure(1);
    const many = await measure(200);
    expect(one).toEqual({ calls: polls, pollers: 1 });
    expect(many).toEqual(one);
  });

  it("gives emea and miadmin side by side only their own scope's alerts", async () => {
    const miadmin = await sseSubscribe(stack.url, ALERTS, { as: 'miadmin' });
    const emea = await sseSubscribe(stack.url, ALERTS, { as: 'emea' });
    await joined(2);
    expect(stack.hub.pollerCount).toBe(2);
    const world = stack.simulator.world;
    const hidden = raiseAlert(world, otherDevice);
    const shared = raiseAlert(world, emeaDevice);
    await stack.hub.pollAll();
    const legacyIdOf = async (stream: typeof emea) =>
      (JSON.parse((await stream.next()).data).data as AlertEventData).alertRaised.alert?.legacyId;
    expect([await legacyIdOf(miadmin), await legacyIdOf(miadmin)]).toEqual([hidden, shared]);
    expect(await legacyIdOf(emea)).toBe(shared);
    // emea's next event is the next one of its own scope: the hidden alert never came.
    const later = raiseAlert(world, emeaDevice);
    await stack.hub.pollAll();
    expect(await legacyIdOf(emea)).toBe(later);
    miadmin.close();
    emea.close();
  });

  it('replays exactly the missed events, in order, to a client resuming with Last-Event-ID', async () => {
    // Another subscriber of the scope keeps its poller running while the SSE client is away.
    const client = wsClient(stack.url, 'miadmin');
    const keeper = wsSubscribe(client, ALERTS);
    keeper.next().catch(() => undefined);
    const first = await sseSubscribe(stack.url, ALERTS, { as: 'miadmin' });
    await joined(2);
    const world = stack.simulator.world;
    raiseAlert(world, emeaDevice);
    await stack.hub.pollAll();
    const seen = await first.next();
    first.close();
    const missed = [raiseAlert(world, emeaDevice), raiseAlert(world, otherDevice)];
    await stack.hub.pollAll();
    const resumed = await sseSubscribe(stack.url, ALERTS, { as: 'miadmin', lastEventId: seen.id });
    const replayed = [await resumed.next(), await resumed.next()];
    expect(
      replayed.map((event) => (JSON.parse(event.data).data as AlertEventData).alertRaised.alert?.legacyId),
    ).toEqual(missed);
    // Then live events, none of the replayed ones again.
    const live = raiseAlert(world, emeaDevice);
    await stack.hub.pollAll();
    expect((JSON.parse((await resumed.next()).data).data as AlertEventData).alertRaised.alert?.legacyId).toBe(live);
    resumed.close();
    await keeper.close();
    await client.dispose();
  });
});

describe('deviceChanged', () => {
  it('reports the device that checked in and what changed, only to the subscriber watching it', async () => {
    const world = stack.simulator.world;
    const device = world.devices.find(
      (candidate) => candidate.status === 'ACTIVE' && candidate.spaceId === 2,
    ) as SimDevice;
    const id = (await stack.gql<{ device: { id: string } }>(`{ device(uuid: "${device.uuid}") { id } }`)).data?.device
      .id;
    const query =
      'subscription($ids: [ID!]) { deviceChanged(ids: $ids) { kind changedFields device { uuid status } } }';
    const client = wsClient(stack.url, 'miadmin');
    const watching = wsSubscribe(client, query, { ids: [id] });
    const first = watching.next();
    await joined(1);
    // The device checks in now (newest of the window) and is found locked.
    const checkIn = new Date().toISOString();
    Object.assign(device, { lastCheckinAt: checkIn, clientLastCheckinAt: checkIn, status: 'LOCKED' });
    await stack.hub.pollAll();
    expect((await first)?.data?.deviceChanged).toMatchObject({
      kind: 'CHANGED',
      device: { uuid: device.uuid, status: 'LOCKED' },
    });
    await watching.close();
    await client.dispose();
  });
});

describe('actionProgress', () => {
  it('reports SUCCEEDED once the simulator shows the device locked, then completes', async () => {
    const device = stack.simulator.world.devices.find(
      (candidate) => candidate.status === 'ACTIVE' && candidate.spaceId === 2 && candidate.uuid !== emeaDevice.uuid,
    ) as SimDevice;
    const found = await stack.gql<{ device: { id: string } }>('query($uuid: String!) { device(uuid: $uuid) { id } }', {
      uuid: device.uuid,
    });
    const locked = await stack.gql<{ lockDevices: { auditId: string } }>(
      'mutation($ids: [ID!]!) { lockDevices(input: { ids: $ids, note: "subscription test" }) { auditId } }',
      { ids: [found.data?.device.id] },
    );
    const auditId = locked.data?.lockDevices.auditId as string;
    expect(auditId).toBeTruthy();
    const client = wsClient(stack.url, 'miadmin');
    const progress = wsSubscribe(
      client,
      'subscription($id: ID!) { actionProgress(auditId: $id) { state completed deviceId device { status } } }',
      { id: auditId },
    );
    // The first poll starts as the subscription does: it reports the device as it stands.
    const firstResult = await progress.next();
    let event = firstResult?.data?.actionProgress as Record<string, unknown>;
    if (event.state === 'PENDING') {
      // A live simulator applies a command a few ticks after it was sent.
      await fetch(`${stack.simulator.url}/__sim/tick`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ count: 5 }),
      });
      await stack.hub.pollAll();
      event = (await progress.next())?.data?.actionProgress as Record<string, unknown>;
    }
    expect(event).toMatchObject({
      state: 'SUCCEEDED',
      completed: true,
      deviceId: found.data?.device.id,
      device: { status: 'LOCKED' },
    });
    expect(await progress.next()).toBeUndefined();
    await client.dispose();
  });

  it("refuses another caller's audit id as unknown to a caller without admin", async () => {
    const locked = await stack.gql<{ unlockDevices: { auditId: string } }>(
      'mutation($ids: [ID!]!) { unlockDevices(input: { ids: $ids, note: "x" }) { auditId } }',
      {
        ids: [
          (await stack.gql<{ device: { id: string } }>(`{ device(uuid: "${emeaDevice.uuid}") { id } }`)).data?.device
            .id,
        ],
      },
    );
    const stream = await sseSubscribe(
      stack.url,
      `subscription { actionProgress(auditId: "${locked.data?.unlockDevices.auditId}") { state } }`,
      {
        as: 'viewer',
      },
    );
    const event = await stream.next();
    expect(JSON.parse(event.data).errors[0].extensions.code).toBe('NOT_FOUND');
    stream.close();
  });
});

describe('refusals', () => {
  const upgrade = (headers: Record<string, string>) =>
    new Promise<number>((resolve) => {
      const socket = new WebSocket(`${stack.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws', { headers });
      socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      socket.on('open', () => {
        socket.close();
        resolve(101);
      });
      socket.on('error', () => undefined);
    });

  it('refuses a WebSocket upgrade from another origin, and accepts its own', async () => {
    expect(await upgrade({ origin: 'http://evil.example' })).toBe(403);
    expect(await upgrade({ origin: stack.url })).toBe(101);
  });

  it('closes a socket whose connection_init carries bad credentials', async () => {
    const closed = await new Promise<number>((resolve) => {
      const socket = new WebSocket(`${stack.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
      socket.on('open', () =>
        socket.send(
          JSON.stringify({
            type: 'connection_init',
            payload: { Authorization: basicAuthorization('miadmin', 'wrong') },
          }),
        ),
      );
      socket.on('close', (code) => resolve(code));
    });
    expect(closed).toBe(4403);
  });

  it("refuses a caller without the 'read' scope, over SSE and WebSocket, before any poller starts", async () => {
    await stack.resetCalls();
    const stream = await sseSubscribe(stack.url, ALERTS, { as: 'helpdesk' });
    const refused = JSON.parse((await stream.next()).data) as { errors: Array<{ extensions: { code: string } }> };
    expect(refused.errors[0].extensions.code).toBe('FORBIDDEN');
    stream.close();
    const client = wsClient(stack.url, 'helpdesk');
    const subscription = wsSubscribe(client, ALERTS);
    // An error result for this subscription, not a closed socket (graphql-ws closes it on a thrown error).
    expect(await subscription.next()).toMatchObject({ errors: [{ extensions: { code: 'FORBIDDEN' } }] });
    expect(await subscription.next()).toBeUndefined();
    await client.dispose();
    expect(stack.hub.subscriberCount).toBe(0);
    expect(stack.hub.pollerCount).toBe(0);
    expect(await stack.calls(ALERT_LIST)).toBe(0);
  });

  it('refuses SSE without credentials (401) and a GET without the CSRF header (403)', async () => {
    const anonymous = await sseSubscribe(stack.url, ALERTS);
    expect(anonymous.status).toBe(401);
    anonymous.close();
    const get = await fetch(`${stack.url}/graphql?query=${encodeURIComponent(ALERTS)}`, {
      headers: { accept: 'text/event-stream', authorization: basicAuthorization('miadmin', 'miadmin') },
    });
    expect(get.status).toBe(403);
    await get.body?.cancel();
  });
});
