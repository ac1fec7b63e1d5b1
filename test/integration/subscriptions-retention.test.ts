// Resumption past the retained window: a client whose Last-Event-ID the scope's log no longer keeps (it retains
// SUBSCRIPTION_RETENTION events) first gets one MISSED event with reason RETENTION and no count, then every event
// still retained, in order, then live ones (docs/subscriptions.md "Retention and resumption").
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SimDevice } from '../../src/simulator/fleet/types.js';
import {
  raiseAlert,
  sseSubscribe,
  startSubscriptionStack,
  wsClient,
  wsSubscribe,
  type SubscriptionStack,
} from '../helpers/subscription-stack.js';

const RETENTION = 3;
const ALERTS = 'subscription { alertRaised { eventId kind alert { legacyId } missed { count reason } } }';

interface AlertEvent {
  eventId: string;
  kind: string;
  alert: { legacyId: number } | null;
  missed: { count: number | null; reason: string } | null;
}

let stack: SubscriptionStack;

beforeAll(async () => {
  stack = await startSubscriptionStack({ SUBSCRIPTION_RETENTION: String(RETENTION) });
});

afterAll(async () => {
  await stack?.close();
});

it('tells a client resuming from an event no longer retained that events are missing, then replays what is kept', async () => {
  const world = stack.simulator.world;
  const device = world.devices.find((candidate) => candidate.status === 'ACTIVE') as SimDevice;
  // Another subscriber keeps the scope's poller (and so its log) running while the SSE client is away.
  const client = wsClient(stack.url, 'miadmin');
  const keeper = wsSubscribe(client, ALERTS);
  keeper.next().catch(() => undefined);
  const first = await sseSubscribe(stack.url, ALERTS, { as: 'miadmin' });
  await stack.hub.whenSubscribers(2);
  await stack.hub.pollAll();
  raiseAlert(world, device);
  await stack.hub.pollAll();
  const seen = await first.next();
  first.close();
  await stack.hub.whenSubscribers(1);

  // Five more events while the client is away: the log keeps the last three, the client's id is gone.
  const raised = Array.from({ length: 5 }, () => raiseAlert(world, device));
  await stack.hub.pollAll();
  const resumed = await sseSubscribe(stack.url, ALERTS, { as: 'miadmin', lastEventId: seen.id });
  const read = async () => {
    const frame = await resumed.next();
    const event = JSON.parse(frame.data).data.alertRaised as AlertEvent;
    expect(frame.id).toBe(event.eventId);
    return event;
  };
  // The notice carries the client's own id: resuming from it again asks for the same window.
  expect(await read()).toMatchObject({
    kind: 'MISSED',
    eventId: seen.id,
    alert: null,
    missed: { count: null, reason: 'RETENTION' },
  });
  const replayed = [await read(), await read(), await read()];
  expect(replayed.map((event) => [event.kind, event.alert?.legacyId])).toEqual(
    raised.slice(-RETENTION).map((id) => ['RAISED', id]),
  );
  // Then live events, none of the replayed ones again.
  const live = raiseAlert(world, device);
  await stack.hub.pollAll();
  expect(await read()).toMatchObject({ kind: 'RAISED', alert: { legacyId: live } });
  resumed.close();
  await keeper.close();
  await client.dispose();
});
