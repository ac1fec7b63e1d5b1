// One log line and one set of metrics per GraphQL request: request id, operation, caller, HTTP status, error
// codes, upstream calls and duration. Also serves /metrics. Spans per operation and per upstream call (not per
// resolver) are the tracing issue's work.
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { getOperationAST, type GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { clusterMetrics } from '../cluster-metrics.js';
import { gatewayErrorOf } from '../errors.js';
import { isClusterWorker } from '../cluster.js';
import type { GatewayContext } from '../context.js';
import type { SharedCache } from '../cache/shared-cache.js';
import type { Logger } from '../observability/logger.js';
import type { GatewayMetrics } from '../observability/metrics.js';
import { OperationLabels } from '../observability/operation-label.js';
import { responseCacheHitOf } from './response-cache.js';

/** Distinct operation names with a series of their own (see operation-label.ts). */
const MAX_OPERATION_LABELS = 200;

interface RequestState {
  id: string;
  started: number;
  operation?: string;
  context?: GatewayContext;
  errorCodes: string[];
}

export const REQUEST_ID_HEADER = 'x-request-id';

export function useObservability(
  logger: Logger,
  metrics: GatewayMetrics,
  cache: SharedCache,
  metricsToken: string | undefined,
): Plugin<GatewayContext & { request: Request }> {
  const states = new WeakMap<Request, RequestState>();
  const operations = new OperationLabels(MAX_OPERATION_LABELS);
  metrics.watchCacheSize(() => cache.size);
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname === '/metrics') {
        if (metricsToken && !sameSecret(request.headers.get('authorization'), `Bearer ${metricsToken}`)) {
          endResponse(new fetchAPI.Response('Unauthorized', { status: 401 }));
          return;
        }
        // WORKERS > 1: the sum over every worker, whichever worker this scrape reached (src/cluster-metrics.ts).
        const headers = { 'content-type': metrics.registry.contentType };
        return (isClusterWorker() ? clusterMetrics() : metrics.registry.metrics()).then(
          (text) => endResponse(new fetchAPI.Response(text, { headers })),
          (error: unknown) => {
            const err = error instanceof Error ? error.message : String(error);
            logger.warn({ err }, 'metrics: the sum over the workers is unavailable');
            endResponse(new fetchAPI.Response('Metrics unavailable: a worker did not answer; retry.', { status: 503 }));
          },
        );
      }
      const incoming = request.headers.get(REQUEST_ID_HEADER);
      states.set(request, {
        id: incoming && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID(),
        started: performance.now(),
        errorCodes: [],
      });
    },
    onExecute({ args }) {
      const state = states.get(args.contextValue.request);
      if (!state) return;
      state.operation = getOperationAST(args.document, args.operationName)?.name?.value;
      state.context = args.contextValue;
      return {
        onExecuteDone({ result }) {
          if ('errors' in result && result.errors) state.errorCodes.push(...result.errors.map(codeOf));
        },
      };
    },
    onResultProcess({ request, result }) {
      const state = states.get(request);
      if (!state || Array.isArray(result) || !('errors' in result) || !result.errors || state.context) return;
      // Errors before execution (authentication, parse, validation): execution never saw them.
      state.errorCodes.push(...result.errors.map(codeOf));
    },
    onResponse({ request, response }) {
      const state = states.get(request);
      if (!state) return;
      response.headers.set(REQUEST_ID_HEADER, state.id);
      const seconds = (performance.now() - state.started) / 1000;
      // A response-cache hit ran no execution: its operation and caller come from the cache plugin.
      const hit = responseCacheHitOf(request);
      const operation = operations.label(state.operation ?? hit?.operation);
      metrics.requests.inc({ operation, status: String(response.status) });
      metrics.duration.observe({ operation }, seconds);
      for (const code of state.errorCodes) metrics.errors.inc({ code });
      const accounting = state.context?.accounting;
      if (accounting) {
        metrics.cacheHits.inc(accounting.cache.hits + accounting.cache.deduped);
        metrics.cacheMisses.inc(accounting.cache.misses);
      }
      logger.info(
        {
          requestId: state.id,
          operation: state.operation ?? hit?.operation ?? 'anonymous',
          caller: state.context?.viewer.name ?? hit?.caller,
          responseCache: hit ? 'hit' : undefined,
          status: response.status,
          errors: state.errorCodes.length ? state.errorCodes : undefined,
          upstreamCalls: accounting?.calls.length ?? 0,
          durationMs: Math.round(seconds * 10000) / 10,
        },
        'graphql request',
      );
    },
  };
}

function codeOf(error: GraphQLError): string {
  // Before yoga's maskError (graphql-errors.ts): a resolver's GatewayError is still the wrapper's originalError.
  const code = gatewayErrorOf(error)?.code ?? error.extensions?.code;
  return typeof code === 'string' ? code : 'GRAPHQL_VALIDATION_FAILED';
}

/** Compares in constant time, so the response time does not reveal how much of the token a guess got right. */
function sameSecret(given: string | null, expected: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
