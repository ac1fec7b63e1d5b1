import type { SubscriptionResolvers } from '../../generated/resolvers-types.js';
import { GatewayError } from '../../errors.js';
import { decodeIdOf } from '../../ids.js';
import { deviceFilterOf } from '../../models/filter-inputs.js';
import { deviceSource, type DeviceEventPayload } from '../../subscriptions/device-source.js';
import { eventStream, lastEventIdOf, requestOf } from '../../subscriptions/event-stream.js';
import { deviceChangeEvent, type DeviceChangeEventModel } from '../../subscriptions/events.js';
import { devicePollRequest } from '../../subscriptions/device-poll-request.js';

/** One poller per scope and filter; `ids` narrows per subscriber, so subscribers watching different devices share it. */
export const deviceChanged: SubscriptionResolvers['deviceChanged'] = {
  subscribe: async (_parent, { ids, filter: input }, context) => {
    const uuids = new Set(
      (ids ?? []).map((id, index) => {
        const decoded = decodeIdOf(id, 'Device', ['ids', index]);
        if (decoded.source !== 'EPMM') {
          throw new GatewayError('NOT_SUPPORTED_BY_SOURCE', 'deviceChanged watches EPMM devices only.', {
            field: ['ids', index],
          });
        }
        return decoded.key.toLowerCase();
      }),
    );
    const request = devicePollRequest(deviceFilterOf(input), context.config.subscriptions.deviceWindow);
    const hub = context.subscriptions;
    const queue = await hub.subscribe<DeviceEventPayload>({
      group: {
        field: 'deviceChanged',
        scope: hub.scopeOf(context),
        args: request,
        createSource: () => deviceSource(request),
      },
      request: requestOf(context),
      lastEventId: lastEventIdOf(context),
      accept(payload) {
        const event = payload as DeviceEventPayload;
        return uuids.size === 0 || uuids.has(event.device.uuid.toLowerCase())
          ? { value: event, final: false }
          : undefined;
      },
    });
    return eventStream(hub, context, 'deviceChanged', queue, deviceChangeEvent);
  },
  // The stream yields the event itself: it is this field's value.
  resolve: (event: DeviceChangeEventModel) => event,
};
