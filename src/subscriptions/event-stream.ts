// A subscriber's queue as the async iterator graphql's subscribe maps to results. Before each event it gives the
// subscription's context fresh loaders and a fresh deadline (a stream lives for hours; a query's context for one
// request), and records the event's id for the SSE transport, which writes it as the event's `id:` line.
import type { GatewayContext } from '../context.js';
import type { SubscriptionField, SubscriptionHub } from './hub.js';
import type { QueueItem, SubscriberQueue } from './subscriber-queue.js';

/** The id of the event a subscription request's stream is delivering now, by request (read by the SSE writer). */
const currentEventIds = new WeakMap<Request, string>();

export function currentEventId(request: Request): string | undefined {
  return currentEventIds.get(request);
}

/** The request a yoga context carries (yoga merges it into every context, graphql-ws included: src/subscriptions/websocket.ts). */
export function requestOf(context: GatewayContext): Request {
  const { request } = context as GatewayContext & { request?: Request };
  if (!request) throw new Error('a subscription needs the request of its context');
  return request;
}

/** Last-Event-ID of the request (SSE sends the header; the WebSocket transport sets it from the subscribe message). */
export function lastEventIdOf(context: GatewayContext): string | undefined {
  const id = requestOf(context).headers.get('last-event-id')?.trim();
  return id ? id.slice(0, 200) : undefined;
}

export function eventStream<T, E>(
  hub: SubscriptionHub,
  context: GatewayContext,
  field: SubscriptionField,
  queue: SubscriberQueue<T>,
  toEvent: (item: QueueItem<T>) => E,
): AsyncIterableIterator<E> {
  const request = requestOf(context);
  return {
    async next() {
      const next = await queue.next();
      if (next.done) return { done: true, value: undefined };
      const fresh = await hub.freshContext(request);
      // Mutated in place: graphql executes every event with the context object it subscribed with.
      Object.assign(context, {
        loaders: fresh.loaders,
        operation: fresh.operation,
        epmm: fresh.epmm,
        neurons: fresh.neurons,
        accounting: fresh.accounting,
      });
      currentEventIds.set(request, next.value.eventId);
      hub.delivered(field);
      return { done: false, value: toEvent(next.value) };
    },
    async return() {
      queue.close();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
