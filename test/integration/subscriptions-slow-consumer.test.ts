// A subscriber that does not read: its queue keeps the newest SUBSCRIPTION_QUEUE events, and its next read is one
// MISSED event counting the dropped ones, then the kept ones in order. The stream is executed in process through
// yoga's envelop (what both transports run), so "not reading" is exact rather than left to socket buffers.
import { parse } from 'graphql';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { basicAuthorization } from '../../src/auth/credentials.js';
import { raiseAlert, startSubscriptionStack, type SubscriptionStack } from '../helpers/subscription-stack.js';

const QUEUE = 3;
let stack: SubscriptionStack;

beforeAll(async () => {
  stack = await startSubscriptionStack({ SUBSCRIPTION_QUEUE: String(QUEUE) });
});

afterAll(async () => {
  await stack?.close();
});

it('drops the oldest events of a full queue and says once how many', async () => {
  const request = new Request(`${stack.url}/graphql`, {
    method: 'POST',
    headers: { authorization: basicAuthorization('miadmin', 'miadmin') },
  });
  const { schema, subscribe, contextFactory } = stack.gateway.yoga.getEnveloped({ request });
  const stream = (await subscribe({
    schema,
    document: parse('subscription { alertRaised { eventId kind alert { legacyId } missed { count reason } } }'),
    contextValue: await contextFactory(),
  })) as AsyncIterableIterator<{ data: { alertRaised: Record<string, unknown> } }>;
  await stack.hub.whenSubscribers(1);
  await stack.hub.pollAll();
  const device = stack.simulator.world.devices.find((candidate) => candidate.status === 'ACTIVE');
  if (!device) throw new Error('no active device');
  const raised = Array.from({ length: 10 }, () => raiseAlert(stack.simulator.world, device));
  await stack.hub.pollAll();
  const read = async () => (await stream.next()).value.data.alertRaised;
  expect(await read()).toMatchObject({
    kind: 'MISSED',
    alert: null,
    missed: { count: raised.length - QUEUE, reason: 'SLOW_CONSUMER' },
  });
  const kept = [await read(), await read(), await read()];
  expect(kept.map((event) => (event.alert as { legacyId: number }).legacyId)).toEqual(raised.slice(-QUEUE));
  const dropped = await stack.gateway.metrics.registry.getSingleMetricAsString(
    'mdmgraph_subscription_events_dropped_total',
  );
  expect(dropped).toContain(`mdmgraph_subscription_events_dropped_total{field="alertRaised"} ${raised.length - QUEUE}`);
  await stream.return?.();
  await stack.hub.whenSubscribers(0);
  expect(stack.hub.pollerCount).toBe(0);
});
