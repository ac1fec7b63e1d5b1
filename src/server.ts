// createGateway(config) -> a yoga instance with its plugins. Nothing else here starts servers; main.ts does.
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import { createAuthenticator, oncePerRequest } from './auth/authenticator.js';
import { basicAuthorization } from './auth/credentials.js';
import type { GatewayConfig } from './config.js';
import { createContext, type GatewayContext, type GatewayDeps } from './context.js';
import { graphiqlPageOptions } from './graphiql/page-options.js';
import { renderGraphiQLPage, useGraphiQLAssets } from './graphiql/assets.js';
import { SharedCache } from './cache/shared-cache.js';
import { ResponseCache } from './cache/response-cache.js';
import { useResponseCache } from './plugins/response-cache.js';
import { useUpstreamDebugExtension } from './plugins/debug-extension.js';
import { useGraphQLLimits } from './plugins/graphql-limits.js';
import { useObservability } from './plugins/observability.js';
import { maskError, withoutExpectedErrors } from './plugins/graphql-errors.js';
import { useScopes } from './plugins/scopes.js';
import { useReadiness } from './plugins/readiness.js';
import { useDeviceExport } from './plugins/device-export.js';
import { servesSchemaDocument, useSchemaDocument } from './plugins/schema-document.js';
import { useBodyLimit } from './plugins/body-limit.js';
import { useCsrfPrevention } from './plugins/csrf.js';
import { useFrameGuard } from './plugins/frame-guard.js';
import { usePortal } from './plugins/portal.js';
import { useRootRedirect } from './plugins/root-redirect.js';
import { useTracing } from './plugins/tracing.js';
import { useGraphQlJitExecution } from './plugins/graphql-jit.js';
import { useRequestErrorCodes } from './plugins/request-errors.js';
import { createTracing } from './observability/tracing.js';
import type { Tracer } from '@opentelemetry/api';
import { usePersistedOperationsFile } from './plugins/persisted-operations.js';
import { createLogger, type Logger } from './observability/logger.js';
import { GatewayMetrics } from './observability/metrics.js';
import { oncePerPath } from './upstream/decode-warnings.js';
import { buildSchema } from './schema.js';
import { createUpstreamClients, type UpstreamClients } from './upstream/clients.js';
import { UpstreamHttp } from './upstream/http.js';
import { parseBaseUrl, type UpstreamBase } from './upstream/base-url.js';
import { RedisConnection } from './cache/redis-connection.js';
import { RedisL2 } from './cache/redis-l2.js';
import { SharedRateLimiter } from './upstream/resilience/redis-rate-limiter.js';
import { AuditLog } from './audit/audit-log.js';
import type { Scope } from './auth/caller.js';
import { InProcessIdempotencyStore } from './mutations/idempotency.js';
import { RedisIdempotencyStore } from './cache/redis-idempotency.js';
import { clusterIdempotencyStore } from './cluster-idempotency.js';
import { relayInvalidationsThroughPrimary } from './cluster-cache.js';
import { clusterWorkerCount, isClusterWorker } from './cluster.js';
import { RateLimiter, workerShareOfRate } from './upstream/resilience/rate-limiter.js';
import type { MutationServices } from './mutations/services.js';
import type { Server } from 'node:http';
import { createCoordination } from './subscriptions/coordination-factory.js';
import { SubscriptionHub, type HubClock } from './subscriptions/hub.js';
import { serveWebSockets } from './subscriptions/websocket.js';
import { useSubscriptionEventIds } from './plugins/subscription-sse.js';

export interface GatewayOptions {
  logger?: Logger;
  /** A tracer to record spans with (tests); by default, OTLP export when configured. */
  tracer?: Tracer;
  /** Credentials GraphiQL opens with (the embedded simulator's admin); never set against a real MDM. */
  graphiqlCredentials?: { username: string; password: string };
  /**
   * The built reference portal (dist/portal, scripts/build-portal.mjs), served at /portal when `config.portal`; its
   * page opens signed in exactly when GraphiQL does (graphiqlCredentials).
   */
  portalDirectory?: string;
  /**
   * Pass-through mode: the scopes of MDM admins by name ("*" for the rest), when the gateway knows their roles
   * (the embedded simulator's admins; PASSTHROUGH_SCOPES_FILE for a real server). Unknown names hold every scope.
   */
  passThroughScopes?: Readonly<Record<string, readonly Scope[]>>;
  /** The subscription pollers' timers and time (tests drive polls with `deps.subscriptions.pollAll()` instead). */
  subscriptionClock?: HubClock;
}

export interface Gateway {
  yoga: YogaServerInstance<Record<string, unknown>, GatewayContext>;
  deps: GatewayDeps;
  metrics: GatewayMetrics;
  /** Settles when start-up work (loading keys, the OTLP exporter) is done; rejects on a configuration problem. */
  ready: Promise<void>;
  /** Serves subscriptions over graphql-ws (WebSocket) on `server`'s /graphql, beside yoga's HTTP (and SSE). */
  serveWebSockets(server: Server): void;
  close(): Promise<void>;
}

export function createGateway(config: GatewayConfig, epmmUrl: string, options: GatewayOptions = {}): Gateway {
  const logger = options.logger ?? createLogger(config.logLevel);
  const metrics = new GatewayMetrics();
  const tracing = options.tracer
    ? { tracer: options.tracer, ready: Promise.resolve(), shutdown: async () => undefined }
    : createTracing(config.otlpEndpoint);
  // The optional shared tier (REDIS_URL): one upstream rate limit across replicas, and an L2 cache (below).
  const redis = config.redis ? new RedisConnection(config.redis, logger) : undefined;
  const rate = config.upstream.resilience.rateLimit;
  // Without Redis, one of N cluster workers keeps 1/N of the rate, so that N together keep the configured rate
  // (docs/decisions.md "Cache, rate limit and audit file across workers").
  const workers = clusterWorkerCount();
  const sharedLimiter = (upstream: string, origin: string) =>
    !rate
      ? {}
      : redis
        ? {
            limiter: new SharedRateLimiter(redis, upstream, origin, {
              ...rate,
              fallback: workers ? workerShareOfRate(rate, workers) : rate,
            }),
          }
        : workers
          ? { limiter: new RateLimiter(upstream, workerShareOfRate(rate, workers)) }
          : {};
  // EPMM_URL's path (a reverse proxy's /company, EPMM's /admin/rest) prefixes every call (src/upstream/base-url.ts).
  const epmmBase = parseBaseUrl(epmmUrl);
  // Every leniency of the response decoders is counted, and logged once per route, path and kind (names only).
  const onDecodeWarning = oncePerPath(
    (warning) => logger.warn({ decodeWarning: warning }, 'upstream response decoded leniently'),
    (warning) => metrics.recordDecodeWarning(warning),
  );
  const http = new UpstreamHttp('EPMM', epmmBase.origin, {
    ...config.upstream,
    guardStateChanges: true,
    pathPrefix: epmmBase.pathPrefix,
    ...sharedLimiter('EPMM', epmmUrl),
    onCall: (call) => metrics.recordUpstreamCall(call),
    onDecodeWarning,
  });
  metrics.watchBreaker('EPMM', () => http.breakerState);
  const neuronsBase = neuronsBaseUrl(config, epmmUrl);
  const neuronsHttp = neuronsBase
    ? new UpstreamHttp('NEURONS', neuronsBase.origin, {
        ...config.upstream,
        guardStateChanges: true,
        pathPrefix: neuronsBase.pathPrefix,
        ...sharedLimiter('NEURONS', neuronsBase.origin),
        onCall: (call) => metrics.recordUpstreamCall(call),
        onDecodeWarning,
      })
    : undefined;
  if (neuronsHttp) metrics.watchBreaker('NEURONS', () => neuronsHttp.breakerState);
  // Every client, built once: the loaders and the mutations read them from here.
  const clients = createUpstreamClients(http, neuronsHttp);
  const authenticator = createAuthenticator(config, options.passThroughScopes);
  // Keep an unhandled rejection from escaping before `ready` is awaited.
  authenticator.catch(() => undefined);
  const cache = new SharedCache({
    maxEntries: config.cache.maxEntries,
    maxBytes: config.cache.maxBytes,
    ttlMs: config.cache.ttlMs,
  });
  const deps: GatewayDeps = {
    config,
    // Once per request: the response cache authenticates before its lookup, createContext after a miss.
    authenticate: oncePerRequest(async (request) => (await authenticator)(request)),
    clients,
    cache,
    mutations: createMutationServices(config, clients, redis, logger),
    // One poller per scope and filter, whatever the number of subscribers (docs/subscriptions.md).
    subscriptions: new SubscriptionHub({
      makeContext: (request) => createContext(deps, request),
      epmm: clients.epmm,
      cache,
      batching: config.batching,
      coordination: createCoordination(redis, logger, config.subscriptions.retention),
      metrics,
      logger,
      clock: options.subscriptionClock,
      settings: config.subscriptions,
    }),
  };
  if (redis) {
    // The shared L2 (src/cache/redis-l2.ts): consulted on every L1 miss, and the replicas share invalidations.
    const l2 = new RedisL2(redis);
    deps.cache.useSecondTier(l2);
    l2.shareInvalidations(deps.cache);
  }
  // Without Redis, the other workers of a cluster learn of this one's invalidations through the primary.
  else if (isClusterWorker()) relayInvalidationsThroughPrimary(deps.cache, logger);
  const graphiqlAuthorization = options.graphiqlCredentials
    ? basicAuthorization(options.graphiqlCredentials.username, options.graphiqlCredentials.password)
    : undefined;
  // GraphiQL's welcome says what answers and how to sign in; signed in, its Variables tab holds a fleet device,
  // read through this gateway as GraphiQL itself would (src/graphiql/page-options.ts).
  const graphiqlPage = graphiqlPageOptions({
    welcome: {
      upstream: config.epmmUrl === undefined ? 'simulator' : 'mdm',
      signIn: graphiqlAuthorization ? 'signed-in' : config.auth.mode === 'service' ? 'token' : 'basic',
    },
    headers: graphiqlAuthorization ? JSON.stringify({ Authorization: graphiqlAuthorization }, null, 2) : undefined,
    ask: graphiqlAuthorization
      ? async (query) => {
          const response = await yoga.fetch('http://mdmgraph/graphql', {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: graphiqlAuthorization },
            body: JSON.stringify({ query }),
          });
          return response.json();
        }
      : undefined,
  });
  const yoga = createYoga<Record<string, unknown>, GatewayContext>({
    schema: buildSchema(),
    context: ({ request }) => createContext(deps, request),
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: config.graphiql ? graphiqlPage : false,
    renderGraphiQL: renderGraphiQLPage,
    // GatewayErrors become GraphQL errors here and nowhere else (src/plugins/graphql-errors.ts).
    maskedErrors: { maskError },
    logging: withoutExpectedErrors(logger),
    // No CORS: yoga's default grants every origin a preflight with credentials, so any site's fetch() could send
    // JSON or the CSRF header and read the answer. No browser client lives on another origin (docs/decisions.md).
    cors: false,
    // useBodyLimit refuses a body without a Content-Length or above the limit before it is read, and node's
    // parser never delivers more than the Content-Length: yoga's own limit (a TransformStream around every
    // request body) would only add a tenth to the CPU of a small query (docs/BENCHMARKS.md).
    maxRequestBodySize: false,
    plugins: [
      useObservability(logger, metrics, deps.cache, config.metricsToken),
      // `GET /` opens GraphiQL: a data-free redirect, so before the CSRF check.
      ...(config.graphiql ? [useRootRedirect('/graphql')] : []),
      // Before every plugin that parses, authenticates or calls upstream (the export's onRequest included).
      useCsrfPrevention(),
      useFrameGuard(),
      useBodyLimit(config.maxBodyBytes),
      useReadiness(clients.epmm.search),
      useDeviceExport(deps, logger),
      // The SDL at /graphql/schema.graphql is introspection in another form: served exactly when introspection can run.
      ...(servesSchemaDocument(config) ? [useSchemaDocument(deps, logger)] : []),
      // Request errors (bad variables) are graphql-js's with either executor (src/plugins/graphql-jit.ts), coded.
      ...(config.graphqlJit ? [useGraphQlJitExecution()] : []),
      useRequestErrorCodes(),
      // Subscriptions over SSE carry an `id:` per event, for Last-Event-ID resumption.
      useSubscriptionEventIds(),
      useGraphiQLAssets(),
      ...(config.portal && options.portalDirectory
        ? [usePortal({ directory: options.portalDirectory, authorization: graphiqlAuthorization })]
        : []),
      ...(config.persistedOperations.file
        ? [usePersistedOperationsFile(config.persistedOperations.file, config.persistedOperations.strict)]
        : []),
      ...useGraphQLLimits(config),
      useScopes(),
      useTracing(tracing.tracer),
      useUpstreamDebugExtension(),
      // Last: its onParams follows the persisted-operations plugin's (which resolves ids and, in strict mode,
      // refuses documents), its lookup follows every onRequest refusal, and its onExecuteDone sees the result
      // every other plugin left (src/plugins/response-cache.ts).
      ...(config.responseCache.enabled
        ? [
            useResponseCache(
              deps,
              new ResponseCache(deps.cache, { maxBytes: config.responseCache.maxBytes, ttlMs: config.cache.ttlMs }),
              metrics,
            ),
          ]
        : []),
    ],
  });
  const closeSockets: Array<() => Promise<void>> = [];
  return {
    yoga,
    deps,
    metrics,
    serveWebSockets(server) {
      closeSockets.push(
        serveWebSockets(server, {
          yoga,
          authenticate: (request) => createContext(deps, request),
          refuseDocuments: config.persistedOperations.strict,
          logger,
          maskError: (error) => maskError(error, 'Unexpected error.'),
        }),
      );
    },
    ready: Promise.all([authenticator, redis?.ready, tracing.ready]).then(() => undefined),
    close: async () => {
      for (const close of closeSockets) await close();
      await deps.subscriptions.close();
      await http.close();
      await neuronsHttp?.close();
      await redis?.close();
      await tracing.shutdown();
    },
  };
}

/**
 * Where Neurons is: NEURONS_URL (its path becomes the client's prefix), else the embedded simulator's
 * `/neurons` when EPMM_URL is unset (the simulator serves both), else nowhere; `off` always means nowhere.
 */
export function neuronsBaseUrl(config: GatewayConfig, epmmUrl: string): UpstreamBase | undefined {
  if (config.neuronsUrl === 'off') return undefined;
  const base =
    config.neuronsUrl ?? (config.epmmUrl === undefined ? `${epmmUrl.replace(/\/+$/, '')}/neurons` : undefined);
  return base ? parseBaseUrl(base) : undefined;
}

function createMutationServices(
  config: GatewayConfig,
  clients: UpstreamClients,
  redis: RedisConnection | undefined,
  logger: Logger,
): MutationServices {
  const ttlMs = config.mutations.idempotencyTtlMs;
  return {
    audit: new AuditLog(config.mutations.auditLogFile),
    // With REDIS_URL every replica shares the keys, so a retry landing on another replica is not sent twice;
    // without it, the workers of one cluster (WORKERS > 1) share them through the primary (src/cluster-idempotency.ts).
    idempotency: redis
      ? new RedisIdempotencyStore(redis, logger, {
          ttlMs,
          operationDeadlineMs: config.upstream.resilience.operationDeadlineMs,
        })
      : isClusterWorker()
        ? clusterIdempotencyStore(logger, { operationDeadlineMs: config.upstream.resilience.operationDeadlineMs })
        : new InProcessIdempotencyStore({ ttlMs, maxEntries: 100_000 }),
    epmm: clients.epmm,
    neurons: clients.neurons,
    logger,
  };
}
