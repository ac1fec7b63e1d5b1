// Per-request context: who is calling (their forwarded credentials), in which device space, and fresh
// loaders. Everything long-lived (clients, the shared cache, configuration) comes from GatewayDeps.
import type { Authenticator } from './auth/authenticator.js';
import type { Caller } from './auth/caller.js';
import type { GatewayConfig } from './config.js';
import { GatewayError } from './errors.js';
import { createLoaders, type Loaders } from './loaders/index.js';
import { neuronsCacheUpstream } from './loaders/groups.js';
import { cacheKey, type CacheStats, type ResourceClass, type SharedCache } from './cache/shared-cache.js';
import type { ViewerModel } from './models/viewer.js';
import type { CallRecord } from './upstream/http.js';
import type { EpmmCaller } from './upstream/epmm/client.js';
import type { MutationServices } from './mutations/services.js';
import type { UpstreamCaller } from './upstream/caller.js';
import { operationWithin, type UpstreamOperation } from './upstream/operation.js';
import type { UpstreamClients } from './upstream/clients.js';
import type { SubscriptionHub } from './subscriptions/hub.js';

export interface GatewayDeps {
  config: GatewayConfig;
  authenticate: Authenticator;
  /** Every upstream client (built once, src/upstream/clients.ts); `neurons` is absent when not configured. */
  clients: UpstreamClients;
  cache: SharedCache;
  mutations: MutationServices;
  /** Live subscriptions: one poller per scope and filter (docs/subscriptions.md). */
  subscriptions: SubscriptionHub;
}

export interface GatewayContext {
  config: GatewayConfig;
  caller: Caller;
  viewer: ViewerModel;
  epmm: EpmmCaller;
  /** The same caller's credentials towards Neurons (pass-through); null when Neurons is not configured. */
  neurons: UpstreamCaller | null;
  loaders: Loaders;
  /** The operation every upstream call of this request belongs to: one deadline, the mutation send's permit. */
  operation: UpstreamOperation;
  /** Upstream calls and cache use of this operation (for the debug extension and tests). */
  accounting: { calls: CallRecord[]; cache: CacheStats };
  mutations: MutationServices;
  subscriptions: SubscriptionHub;
  /**
   * After a state change: drops what the change makes stale from the shared cache (for every caller) and from
   * this request's loaders, so the rest of the operation and the next query read the new state.
   */
  invalidate(this: GatewayContext, upstream: 'epmm' | 'neurons', resources: readonly ResourceClass[]): void;
}

export async function createContext(deps: GatewayDeps, request: Request): Promise<GatewayContext> {
  const caller = await deps.authenticate(request);
  const { credential } = caller;
  const { epmm: epmmClients, neurons: neuronsClient } = deps.clients;
  const cache: CacheStats = { hits: 0, misses: 0, deduped: 0 };
  const accounting = { calls: [] as CallRecord[], cache };
  const observer = (call: CallRecord) => accounting.calls.push(call);
  // The loaders cache every read they make (docs/data-loading.md); a call through the context's own callers (a
  // mutation's send, NG04 of groupDeleteViability) reads what no cache holds, so the response is not cached.
  const outsideLoaders = (call: CallRecord) => {
    accounting.cache.uncached = true;
    observer(call);
  };
  // Every upstream call of the operation shares one deadline (src/upstream/operation.ts).
  const operation = operationWithin(deps.config.upstream.resilience.operationDeadlineMs);
  const viewer = await loadViewer(deps, caller, { credential, observer, operation }, accounting.cache);
  const space = viewer.deviceSpaces[0];
  if (!space) throw new GatewayError('FORBIDDEN', 'The administrator has no device space in EPMM.');
  const epmm: EpmmCaller = { credential, adminDeviceSpaceId: space.id, observer: outsideLoaders, operation };
  const scope = { upstream: epmmClients.search.origin, credentialScope: caller.cacheScope, deviceSpaceId: space.id };
  const loaderDeps = {
    epmm: epmmClients,
    caller: { ...epmm, observer },
    cache: deps.cache,
    scope,
    stats: accounting.cache,
    batching: deps.config.batching,
    neurons: neuronsClient
      ? { client: neuronsClient, caller: { credential, observer, operation }, credentialScope: caller.cacheScope }
      : undefined,
  };
  const context: GatewayContext = {
    config: deps.config,
    caller,
    viewer,
    epmm,
    neurons: neuronsClient ? { credential, observer: outsideLoaders, operation } : null,
    loaders: createLoaders(loaderDeps),
    operation,
    accounting,
    mutations: deps.mutations,
    subscriptions: deps.subscriptions,
    invalidate(upstream, resources) {
      // The same `upstream` the loaders key their entries with (Neurons' carries a prefix, see groups.ts).
      const cached =
        upstream === 'epmm' ? epmmClients.search.origin : neuronsClient && neuronsCacheUpstream(neuronsClient.origin);
      if (cached) deps.cache.invalidate({ upstream: cached, resources });
      // The request's own loaders memoise too; fresh ones read through the (now invalidated) shared cache.
      // `this`, not the object built here: yoga hands resolvers a copy of the context.
      this.loaders = createLoaders(loaderDeps);
    },
  };
  return context;
}

/**
 * The caller's device spaces. This call also proves the credentials: EPMM answers 401 for bad ones, which
 * becomes an HTTP 401 for the whole request. Cached per credential (never across credentials).
 */
async function loadViewer(
  deps: GatewayDeps,
  caller: Caller,
  upstreamCaller: UpstreamCaller,
  stats: CacheStats,
): Promise<ViewerModel> {
  const { search } = deps.clients.epmm;
  const key = cacheKey<ViewerModel>(
    { upstream: search.origin, credentialScope: caller.cacheScope, deviceSpaceId: 'none' },
    'spaces',
    'mine',
  );
  return deps.cache.getOrLoad(
    key,
    'spaces',
    async () => {
      const mine = await search.myDeviceSpaces(upstreamCaller);
      return {
        name: caller.name,
        deviceSpaces: mine.results.map((space) => ({
          kind: 'DeviceSpace' as const,
          id: space.id,
          name: space.name,
          description: space.description ?? null,
        })),
      };
    },
    stats,
  );
}
