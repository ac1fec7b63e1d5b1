// createGateway(config) -> a yoga instance with its plugins. Nothing else here starts servers; main.ts does.
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import { createAuthenticator } from './auth/authenticator.js';
import { basicAuthorization } from './auth/credentials.js';
import type { GatewayConfig } from './config.js';
import { createContext, type GatewayContext, type GatewayDeps } from './context.js';
import { EXAMPLE_OPERATIONS } from './graphiql/examples.js';
import { renderGraphiQLPage, useGraphiQLAssets } from './graphiql/assets.js';
import { SharedCache } from './loaders/shared-cache.js';
import { useUpstreamDebugExtension } from './plugins/debug-extension.js';
import { useGraphQLLimits } from './plugins/graphql-limits.js';
import { useObservability } from './plugins/observability.js';
import { useScopes } from './plugins/scopes.js';
import { useReadiness } from './plugins/readiness.js';
import { useBodyLimit } from './plugins/body-limit.js';
import { useTracing } from './plugins/tracing.js';
import { useOperationDeadline } from './plugins/deadline.js';
import { createTracing } from './observability/tracing.js';
import type { Tracer } from '@opentelemetry/api';
import { usePersistedOperationsFile } from './plugins/persisted-operations.js';
import { createLogger, type Logger } from './observability/logger.js';
import { GatewayMetrics } from './observability/metrics.js';
import { buildSchema } from './schema.js';
import { EpmmClient } from './upstream/epmm/client.js';
import { EpmmDeviceSpacesClient } from './upstream/epmm/device-spaces-client.js';
import { NeuronsClient } from './upstream/neurons/client.js';
import { registerEpmmClients } from './loaders/epmm-clients.js';
import { EpmmDeviceActionsClient } from './upstream/epmm/device-actions-client.js';
import { EpmmV1AdminClient } from './upstream/epmm/v1-admin-client.js';
import { EpmmV1DevicesClient } from './upstream/epmm/v1-devices-client.js';
import { UpstreamHttp } from './upstream/http.js';

export interface GatewayOptions {
  logger?: Logger;
  /** A tracer to record spans with (tests); by default, OTLP export when configured. */
  tracer?: Tracer;
  /** Credentials GraphiQL opens with (the embedded simulator's admin); never set against a real MDM. */
  graphiqlCredentials?: { username: string; password: string };
}

export interface Gateway {
  yoga: YogaServerInstance<Record<string, unknown>, GatewayContext>;
  deps: GatewayDeps;
  metrics: GatewayMetrics;
  /** Settles when start-up work (loading keys) is done; rejects on a configuration problem. */
  ready: Promise<void>;
  close(): Promise<void>;
}

export function createGateway(config: GatewayConfig, epmmUrl: string, options: GatewayOptions = {}): Gateway {
  const logger = options.logger ?? createLogger(config.logLevel);
  const metrics = new GatewayMetrics();
  const tracing = options.tracer ? { tracer: options.tracer, shutdown: async () => undefined } : createTracing(config.otlpEndpoint);
  const http = new UpstreamHttp('EPMM', epmmUrl, { ...config.upstream, onCall: (call) => metrics.recordUpstreamCall(call) });
  metrics.watchBreaker('EPMM', () => http.breakerState);
  const neuronsBase = neuronsBaseUrl(config, epmmUrl);
  const neuronsHttp = neuronsBase ? new UpstreamHttp('NEURONS', neuronsBase.origin, { ...config.upstream, onCall: (call) => metrics.recordUpstreamCall(call) }) : undefined;
  if (neuronsHttp) metrics.watchBreaker('NEURONS', () => neuronsHttp.breakerState);
  const authenticator = createAuthenticator(config);
  // Keep an unhandled rejection from escaping before `ready` is awaited.
  authenticator.catch(() => undefined);
  const deps: GatewayDeps = {
    config,
    authenticate: async (request) => (await authenticator)(request),
    epmm: new EpmmClient(http),
    epmmDeviceSpaces: new EpmmDeviceSpacesClient(http),
    neurons: neuronsHttp && neuronsBase ? new NeuronsClient(neuronsHttp, { pathPrefix: neuronsBase.pathPrefix }) : undefined,
    cache: new SharedCache({ maxEntries: config.cache.maxEntries, maxBytes: config.cache.maxBytes, ttlMs: config.cache.ttlMs }),
  };
  registerEpmmClients(deps.epmm, { v1Devices: new EpmmV1DevicesClient(http), v1Admin: new EpmmV1AdminClient(http), deviceActions: new EpmmDeviceActionsClient(http) });
  const headers = options.graphiqlCredentials
    ? JSON.stringify({ Authorization: basicAuthorization(options.graphiqlCredentials.username, options.graphiqlCredentials.password) }, null, 2)
    : undefined;
  const yoga = createYoga<Record<string, unknown>, GatewayContext>({
    schema: buildSchema(),
    context: ({ request }) => createContext(deps, request),
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: config.graphiql ? { title: 'mdmgraph', defaultQuery: EXAMPLE_OPERATIONS, headers, shouldPersistHeaders: false } : false,
    renderGraphiQL: renderGraphiQLPage,
    maskedErrors: true,
    logging: logger,
    plugins: [
      useObservability(logger, metrics, deps.cache, config.metricsToken),
      useBodyLimit(config.maxBodyBytes),
      useReadiness(deps.epmm),
      useOperationDeadline(config.upstream.resilience.operationDeadlineMs),
      useGraphiQLAssets(),
      ...(config.persistedOperations.file ? [usePersistedOperationsFile(config.persistedOperations.file, config.persistedOperations.strict)] : []),
      ...useGraphQLLimits(config),
      useScopes(),
      useTracing(tracing.tracer),
      useUpstreamDebugExtension(),
    ],
  });
  return {
    yoga,
    deps,
    metrics,
    ready: authenticator.then(() => undefined),
    close: async () => {
      await http.close();
      await neuronsHttp?.close();
      await tracing.shutdown();
    },
  };
}

/**
 * Where Neurons is: NEURONS_URL (its path becomes the client's prefix), else the embedded simulator's
 * `/neurons` when EPMM_URL is unset (the simulator serves both), else nowhere; `off` always means nowhere.
 */
function neuronsBaseUrl(config: GatewayConfig, epmmUrl: string): { origin: string; pathPrefix: string } | undefined {
  if (config.neuronsUrl === 'off') return undefined;
  const base = config.neuronsUrl ?? (config.epmmUrl === undefined ? `${epmmUrl.replace(/\/+$/, '')}/neurons` : undefined);
  if (!base) return undefined;
  const url = new URL(base);
  return { origin: url.origin, pathPrefix: url.pathname.replace(/\/+$/, '') };
}
