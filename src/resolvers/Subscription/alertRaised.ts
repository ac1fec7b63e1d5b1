import type { SubscriptionResolvers } from '../../generated/resolvers-types.js';
import { alertMatches, alertUpstreamRequest } from '../../models/alert-filter.js';
import { alertFilterOf } from '../../models/filter-inputs.js';
import { alertSource, type AlertEventPayload } from '../../subscriptions/alert-source.js';
import { eventStream, lastEventIdOf, requestOf } from '../../subscriptions/event-stream.js';
import { alertEvent, type AlertEventModel } from '../../subscriptions/events.js';

/**
 * One poller per scope and phone number (the only condition EPMM must apply): every other condition of the filter
 * is checked per subscriber, as `alerts` checks it, so subscribers with different filters share one list read.
 */
export const alertRaised: SubscriptionResolvers['alertRaised'] = {
  subscribe: async (_parent, { filter: input, includeReadChanges }, context) => {
    const filter = alertFilterOf(input);
    const request = alertUpstreamRequest(filter, true);
    const matches = alertMatches(filter);
    // A read-state change reports alerts of either state: `read` in the filter cannot apply to it.
    const matchesButRead = alertMatches(filter && { ...filter, read: null });
    const hub = context.subscriptions;
    const queue = await hub.subscribe<AlertEventPayload>({
      group: {
        field: 'alertRaised',
        scope: hub.scopeOf(context),
        args: request,
        createSource: () => alertSource(request),
      },
      request: requestOf(context),
      lastEventId: lastEventIdOf(context),
      accept(payload) {
        const event = payload as AlertEventPayload;
        const wanted =
          event.kind === 'READ_CHANGED'
            ? includeReadChanges === true && matchesButRead(event.alert)
            : matches(event.alert);
        return wanted ? { value: event, final: false } : undefined;
      },
    });
    return eventStream(hub, context, 'alertRaised', queue, alertEvent);
  },
  // The stream yields the event itself: it is this field's value.
  resolve: (event: AlertEventModel) => event,
};
