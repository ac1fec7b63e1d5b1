// Spans per operation and per upstream call. Upstream spans are recorded from the operation's call log
// (start = end - duration), so the HTTP layer needs no tracing code and no async-context plumbing.
import { SpanKind, SpanStatusCode, trace, context as otelContext, type Tracer } from '@opentelemetry/api';
import { getOperationAST, type GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GatewayContext } from '../context.js';
import { gatewayErrorOf } from '../errors.js';

export function useTracing(tracer: Tracer): Plugin<GatewayContext> {
  return {
    onExecute({ args }) {
      const operation = getOperationAST(args.document, args.operationName);
      const name = operation?.name?.value ?? 'anonymous';
      const span = tracer.startSpan(`graphql.${operation?.operation ?? 'operation'} ${name}`, {
        kind: SpanKind.SERVER,
        attributes: {
          'graphql.operation.name': name,
          'graphql.operation.type': operation?.operation ?? 'unknown',
          'mdmgraph.caller': args.contextValue.caller.name,
        },
      });
      return {
        onExecuteDone({ result }) {
          const parent = trace.setSpan(otelContext.active(), span);
          for (const call of args.contextValue.accounting.calls) {
            const child = tracer.startSpan(
              `upstream ${call.route}`,
              {
                kind: SpanKind.CLIENT,
                startTime: call.endedAt - call.ms,
                attributes: { 'http.route': call.route, 'http.response.status_code': call.status },
              },
              parent,
            );
            if (call.status === 0 || call.status >= 500) child.setStatus({ code: SpanStatusCode.ERROR });
            child.end(call.endedAt);
          }
          const errors = 'errors' in result ? result.errors : undefined;
          // Before yoga's maskError (graphql-errors.ts): a resolver's GatewayError is the wrapper's originalError.
          const codeOf = (error: GraphQLError) =>
            String(gatewayErrorOf(error)?.code ?? error.extensions?.code ?? 'ERROR');
          if (errors?.length) span.setStatus({ code: SpanStatusCode.ERROR, message: errors.map(codeOf).join(',') });
          span.setAttribute('mdmgraph.upstream.calls', args.contextValue.accounting.calls.length);
          span.end();
        },
      };
    },
  };
}
