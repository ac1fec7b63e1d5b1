// The gateway's subscription counters, read from its /metrics (the names docs/subscriptions.md lists), summed over
// the `field` label or for one field.
export interface SubscriptionMetrics {
  subscribers: number;
  pollers: number;
  polls: number;
  upstreamCalls: number;
  delivered: number;
  dropped: number;
}

const NAMES: Record<keyof SubscriptionMetrics, string> = {
  subscribers: 'mdmgraph_subscription_subscribers',
  pollers: 'mdmgraph_subscription_pollers',
  polls: 'mdmgraph_subscription_polls_total',
  upstreamCalls: 'mdmgraph_subscription_upstream_calls_total',
  delivered: 'mdmgraph_subscription_events_delivered_total',
  dropped: 'mdmgraph_subscription_events_dropped_total',
};

export async function subscriptionMetrics(graphqlUrl: string, field?: string): Promise<SubscriptionMetrics> {
  const text = await (await fetch(new URL('/metrics', graphqlUrl))).text();
  const sum = (name: string) => {
    let total = 0;
    for (const line of text.split('\n')) {
      if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
      if (field && !line.includes(`field="${field}"`)) continue;
      total += Number(line.slice(line.lastIndexOf(' ') + 1)) || 0;
    }
    return total;
  };
  return Object.fromEntries(
    Object.entries(NAMES).map(([key, name]) => [key, sum(name)]),
  ) as unknown as SubscriptionMetrics;
}

/** What changed between two readings (gauges: the later value). */
export function metricsDelta(before: SubscriptionMetrics, after: SubscriptionMetrics): SubscriptionMetrics {
  return {
    subscribers: after.subscribers,
    pollers: after.pollers,
    polls: after.polls - before.polls,
    upstreamCalls: after.upstreamCalls - before.upstreamCalls,
    delivered: after.delivered - before.delivered,
    dropped: after.dropped - before.dropped,
  };
}
