// Prometheus metrics, in a registry per gateway instance (never the global one, so tests and several
// gateways in one process do not collide).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { CallRecord } from '../upstream/http.js';
import type { DecodeWarning } from '../upstream/decode-warnings.js';

export class GatewayMetrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: 'mdmgraph_graphql_requests_total',
    help: 'GraphQL HTTP requests by operation and HTTP status',
    labelNames: ['operation', 'status'],
    registers: [this.registry],
  });
  readonly errors = new Counter({
    name: 'mdmgraph_graphql_errors_total',
    help: 'GraphQL errors by code',
    labelNames: ['code'],
    registers: [this.registry],
  });
  readonly duration = new Histogram({
    name: 'mdmgraph_graphql_request_duration_seconds',
    help: 'GraphQL request latency',
    labelNames: ['operation'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly upstreamCalls = new Counter({
    name: 'mdmgraph_upstream_calls_total',
    help: 'Upstream calls by route and HTTP status (0 = no response)',
    labelNames: ['route', 'status'],
    registers: [this.registry],
  });
  readonly upstreamDuration = new Histogram({
    name: 'mdmgraph_upstream_call_duration_seconds',
    help: 'Upstream call latency by route',
    labelNames: ['route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  readonly cacheHits = new Counter({
    name: 'mdmgraph_cache_hits_total',
    help: 'Shared-cache hits (including joined in-flight reads)',
    registers: [this.registry],
  });
  readonly cacheMisses = new Counter({
    name: 'mdmgraph_cache_misses_total',
    help: 'Shared-cache misses',
    registers: [this.registry],
  });
  readonly responseCacheHits = new Counter({
    name: 'mdmgraph_response_cache_hits_total',
    help: 'Queries answered from the response cache, without execution',
    registers: [this.registry],
  });
  readonly responseCacheMisses = new Counter({
    name: 'mdmgraph_response_cache_misses_total',
    help: 'Cacheable queries the response cache did not hold (executed)',
    registers: [this.registry],
  });
  // Live subscriptions (docs/subscriptions.md), labelled by subscription field only: scopes are callers, too many.
  readonly subscribers = new Gauge({
    name: 'mdmgraph_subscription_subscribers',
    help: 'Open GraphQL subscriptions by field',
    labelNames: ['field'],
    registers: [this.registry],
  });
  readonly pollers = new Gauge({
    name: 'mdmgraph_subscription_pollers',
    help: 'Subscription pollers running (one per scope and filter group) by field',
    labelNames: ['field'],
    registers: [this.registry],
  });
  readonly pollerPolls = new Counter({
    name: 'mdmgraph_subscription_polls_total',
    help: 'Polls made by subscription pollers by field',
    labelNames: ['field'],
    registers: [this.registry],
  });
  readonly pollerUpstreamCalls = new Counter({
    name: 'mdmgraph_subscription_upstream_calls_total',
    help: 'Upstream calls made by subscription pollers by field (divide by polls for calls per poll)',
    labelNames: ['field'],
    registers: [this.registry],
  });
  readonly eventsDelivered = new Counter({
    name: 'mdmgraph_subscription_events_delivered_total',
    help: 'Subscription events handed to subscribers by field',
    labelNames: ['field'],
    registers: [this.registry],
  });
  readonly eventsDropped = new Counter({
    name: 'mdmgraph_subscription_events_dropped_total',
    help: "Subscription events dropped from a slow subscriber's full queue by field",
    labelNames: ['field'],
    registers: [this.registry],
  });
  private cacheSize: (() => number) | undefined;
  // Read when collected, so that each worker reports its own cache when the primary sums them
  // (src/cluster-metrics.ts). Summed (the default): each worker has its own cache; the sum is what they hold.
  readonly cacheEntries = new Gauge({
    name: 'mdmgraph_cache_entries',
    help: "Entries in the shared cache (WORKERS > 1: summed over the workers' caches)",
    registers: [this.registry],
    collect: () => {
      if (this.cacheSize) this.cacheEntries.set(this.cacheSize());
    },
  });

  private readonly breakers = new Map<string, () => 'closed' | 'open' | 'half-open'>();

  watchCacheSize(size: () => number): void {
    this.cacheSize = size;
  }

  watchBreaker(upstream: string, state: () => 'closed' | 'open' | 'half-open'): void {
    this.breakers.set(upstream, state);
  }

  constructor() {
    const breakers = this.breakers;
    // One gauge for every upstream's breaker: 0 closed, 1 half-open, 2 open.
    new Gauge({
      name: 'mdmgraph_upstream_breaker_state',
      help: 'Circuit breaker per upstream: 0 closed, 1 half-open, 2 open',
      labelNames: ['upstream'],
      registers: [this.registry],
      // WORKERS > 1: each worker has its own breaker; the worst of them (open if any is open) is the one to see.
      aggregator: 'max',
      collect() {
        for (const [upstream, state] of breakers)
          this.set({ upstream }, { closed: 0, 'half-open': 1, open: 2 }[state()]);
      },
    });
    collectDefaultMetrics({ register: this.registry, prefix: 'mdmgraph_' });
  }

  // Labels are bounded: routes come from the route tables, paths are schema names (docs/decisions.md).
  readonly upstreamDecodeWarnings = new Counter({
    name: 'mdmgraph_upstream_decode_warnings_total',
    help: 'Upstream response fields decoded leniently (missing, converted, masked, variant, dropped) by route and path',
    labelNames: ['route', 'path'],
    registers: [this.registry],
  });

  recordDecodeWarning(warning: DecodeWarning): void {
    this.upstreamDecodeWarnings.inc({ route: warning.route, path: warning.path });
  }

  recordUpstreamCall(call: CallRecord): void {
    this.upstreamCalls.inc({ route: call.route, status: String(call.status) });
    this.upstreamDuration.observe({ route: call.route }, call.ms / 1000);
  }
}
