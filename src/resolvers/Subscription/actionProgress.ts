import type { SubscriptionResolvers } from '../../generated/resolvers-types.js';
import { GatewayError } from '../../errors.js';
import { actionSource, type ActionEventPayload } from '../../subscriptions/action-source.js';
import { eventStream, lastEventIdOf, requestOf } from '../../subscriptions/event-stream.js';
import { actionProgressEvent, type ActionProgressEventModel } from '../../subscriptions/events.js';

/**
 * Follows an audited device action. Only the caller who ran it, or one holding `admin` (who may read the whole audit
 * trail), may follow it; any other id reads as unknown, so ids of other people's actions are not confirmed.
 */
export const actionProgress: SubscriptionResolvers['actionProgress'] = {
  subscribe: async (_parent, { auditId }, context) => {
    const entry = (await context.mutations.audit.entries()).find((candidate) => candidate.id === auditId);
    if (!entry || (entry.caller !== context.caller.name && !context.caller.scopes.has('admin'))) {
      throw new GatewayError('NOT_FOUND', 'No audited action with this id.', { field: ['auditId'] });
    }
    const source = actionSource(entry, context.config.subscriptions.actionDeadlineMs);
    const hub = context.subscriptions;
    const queue = await hub.subscribe<ActionEventPayload>({
      group: { field: 'actionProgress', scope: hub.scopeOf(context), args: auditId, createSource: () => source },
      request: requestOf(context),
      lastEventId: lastEventIdOf(context),
      accept: (payload) => {
        const event = payload as ActionEventPayload;
        return { value: event, final: event.completed };
      },
    });
    return eventStream(hub, context, 'actionProgress', queue, actionProgressEvent(auditId));
  },
  // The stream yields the event itself: it is this field's value.
  resolve: (event: ActionProgressEventModel) => event,
};
