// `x-mdmgraph-debug: 1` from an authenticated caller adds `extensions.upstream` to the result: the upstream
// calls this operation made, by route, with cache hits, de-duplicated reads, upstream time and when each call
// started and how long it took (which calls overlapped, i.e. the operation's dependent rounds). Only the
// caller's own operation is described; nothing about other callers or credentials is included.
import type { Plugin } from 'graphql-yoga';
import type { GatewayContext } from '../context.js';

export const DEBUG_HEADER = 'x-mdmgraph-debug';

export function useUpstreamDebugExtension(): Plugin<GatewayContext & { request: Request }> {
  return {
    onExecute({ args }) {
      const context = args.contextValue;
      if (context.request.headers.get(DEBUG_HEADER) !== '1') return undefined;
      return {
        onExecuteDone({ result, setResult }) {
          if (!('data' in result) && !('errors' in result)) return; // streamed results carry no single summary
          const { calls, cache } = context.accounting;
          const byRoute: Record<string, number> = {};
          for (const call of calls) byRoute[call.route] = (byRoute[call.route] ?? 0) + 1;
          // Relative to the operation's first call; a record carries its end and duration.
          const origin = Math.min(...calls.map((call) => call.endedAt - call.ms));
          const tenths = (ms: number) => Math.round(ms * 10) / 10;
          setResult({
            ...result,
            extensions: {
              ...result.extensions,
              upstream: {
                calls: calls.length,
                byRoute,
                cacheHits: cache.hits,
                deduped: cache.deduped,
                upstreamMs: Math.round(calls.reduce((sum, call) => sum + call.ms, 0) * 10) / 10,
                timeline: calls.map((call) => ({
                  route: call.route,
                  status: call.status,
                  startMs: tenths(call.endedAt - call.ms - origin),
                  ms: tenths(call.ms),
                })),
              },
            },
          });
        },
      };
    },
  };
}
