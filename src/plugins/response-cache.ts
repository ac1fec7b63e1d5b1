// Answers a repeated query from the response cache (src/cache/response-cache.ts; docs/data-loading.md, "Response
// cache") in onParams: after everything that refuses a request before it (CSRF, body limit, batching, the
// persisted-operations plugin, whose strict mode throws in its own onParams, run earlier; src/server.ts), and
// before context creation, parsing, validation and execution. The caller is still authenticated on a hit; the
// answer is kept on the request, so createContext does not authenticate again on a miss (oncePerRequest).
// A hit skips validation and the list limits safely: the entry was stored by a run of the same document text,
// operation name and variables, which passed them under the same configuration, and the key names the caller's
// scopes, so a caller without `read` never receives what one with it stored.
import { getOperationAST, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Caller } from '../auth/caller.js';
import { responseKey, type ResponseCache } from '../cache/response-cache.js';
import type { CacheSnapshot } from '../cache/shared-cache.js';
import type { GatewayContext, GatewayDeps } from '../context.js';
import type { GatewayMetrics } from '../observability/metrics.js';
import { DEBUG_HEADER } from './debug-extension.js';

/** What observability logs and counts of a request answered from the cache. */
export interface ResponseCacheHit {
  operation: string | undefined;
  caller: string;
}

const hits = new WeakMap<Request, ResponseCacheHit>();

/** Set when the request was answered from the response cache (no context, no execution). */
export function responseCacheHitOf(request: Request): ResponseCacheHit | undefined {
  return hits.get(request);
}

/**
 * Documents that may hold a mutation or a subscription are neither looked up nor counted. A word in a string or
 * a comment only costs the lookup; the stored side checks the operation that actually ran.
 */
const MAY_NOT_BE_A_QUERY = /\b(?:mutation|subscription)\b/;

interface Miss {
  key: string;
  /** The shared cache's generations when the request started: what the response is computed under. */
  snapshot: CacheSnapshot;
}

export function useResponseCache(
  deps: Pick<GatewayDeps, 'authenticate' | 'cache'>,
  store: ResponseCache,
  metrics: GatewayMetrics,
): Plugin<GatewayContext & { request: Request }> {
  const misses = new WeakMap<Request, Miss>();
  return {
    async onParams({ request, params, setResult }) {
      // The debug extension describes this operation's own upstream calls: never answered from, nor stored in, here.
      if (request.headers.get(DEBUG_HEADER) === '1') return;
      const { query, operationName, variables, extensions } = params;
      // Anything yoga's own check refuses (after this hook) is left to it.
      if (typeof query !== 'string' || MAY_NOT_BE_A_QUERY.test(query)) return;
      if (!(operationName == null || typeof operationName === 'string')) return;
      if (!isObjectOrNothing(variables) || !isObjectOrNothing(extensions)) return;
      const snapshot = deps.cache.snapshot();
      let caller: Caller;
      try {
        caller = await deps.authenticate(request);
      } catch {
        // Refused: createContext gets the same refusal (kept per request) and answers it; nothing is looked up.
        return;
      }
      const key = responseKey({
        cacheScope: caller.cacheScope,
        scopes: caller.scopes,
        query,
        operationName,
        variables,
        extensions,
      });
      const stored = store.get(key);
      if (stored) {
        metrics.responseCacheHits.inc();
        hits.set(request, { operation: stored.operation, caller: caller.name });
        setResult(servedFrom(stored.json));
        return;
      }
      metrics.responseCacheMisses.inc();
      misses.set(request, { key, snapshot });
    },
    onExecute({ args, executeFn, setExecuteFn }) {
      const context = args.contextValue;
      const miss = misses.get(context.request);
      if (!miss) return undefined;
      misses.delete(context.request);
      const operation = getOperationAST(args.document, args.operationName);
      if (operation?.operation !== 'query') return undefined;
      const stats = context.accounting.cache;
      return {
        // Registered last (src/server.ts), so this sees the result as every other plugin left it.
        onExecuteDone({ result }) {
          if (!isSingleResult(result) || result.errors?.length || result.data == null) return;
          if (result.extensions && Object.keys(result.extensions).length > 0) return;
          if (stats.uncached) return;
          const json = JSON.stringify({ data: result.data });
          store.set(miss.key, { json, operation: operation.name?.value }, miss.snapshot);
        },
      };
    },
  };
}

function isObjectOrNothing(value: unknown): boolean {
  return value == null || (typeof value === 'object' && !Array.isArray(value));
}

function isSingleResult(result: ExecutionResult | AsyncIterable<unknown>): result is ExecutionResult {
  return !(Symbol.asyncIterator in result);
}

/** A stored response as a result: yoga sends `stringify`'s text as is; `data` is parsed only if a plugin reads it. */
function servedFrom(json: string): ExecutionResult & { stringify: () => string } {
  let data: Record<string, unknown> | null | undefined;
  return {
    get data() {
      data ??= (JSON.parse(json) as { data: Record<string, unknown> | null }).data;
      return data;
    },
    stringify: () => json,
  };
}
