// The one place a GatewayError becomes a GraphQL error: yoga's maskedErrors.maskError (src/server.ts), which sees
// every error before a /graphql response is sent, from resolvers (wrapped by graphql-js or graphql-jit) as well
// as from context creation and plugins (docs/decisions.md "One error model").
import { GraphQLError } from 'graphql';
import { maskError as yogaMaskError, type YogaLogger } from 'graphql-yoga';
import { gatewayErrorOf, graphqlHttpStatusOf, type GatewayError } from '../errors.js';

/**
 * A GatewayError as the GraphQL error a client reads: its message, extensions { code, field?,
 * upstreamMessageKey?, … } and `http.status` when the code fails the whole request (yoga uses it, then strips
 * it). `at` is the error that wrapped it during execution, whose locations and path are kept.
 */
export function toGraphQLError(error: GatewayError, at?: GraphQLError): GraphQLError {
  const status = graphqlHttpStatusOf(error.code);
  const mapped = new GraphQLError(error.message, {
    nodes: at?.nodes,
    source: at?.source,
    positions: at?.positions,
    path: at?.path,
    // No originalError: yoga would count an error with one as unexpected (a 500 when there is no data).
    extensions: { ...error.extensionFields(), ...(status ? { http: { status } } : {}) },
  });
  // A graphql-jit wrapper may carry locations without the nodes to compute them from.
  if (mapped.locations === undefined && at?.locations !== undefined) {
    Object.defineProperty(mapped, 'locations', { value: at.locations, enumerable: true });
  }
  return mapped;
}

/** yoga's maskedErrors.maskError: ours mapped, GraphQL's own errors as they are, anything else masked by yoga. */
export function maskError(error: unknown, message: string, isDev?: boolean): Error {
  const gateway = gatewayErrorOf(error);
  if (gateway) return toGraphQLError(gateway, error instanceof GraphQLError ? error : undefined);
  return yogaMaskError(error, message, isDev);
}

/**
 * yoga logs, at error level, every error its maskError replaced. A GatewayError is an expected answer, not a
 * fault: those are left to the observability plugin, as before they were mapped here.
 */
export function withoutExpectedErrors(logger: YogaLogger): YogaLogger {
  return {
    debug: (...args) => logger.debug(...args),
    info: (...args) => logger.info(...args),
    warn: (...args) => logger.warn(...args),
    error: (...args) => {
      if (args.length === 1 && gatewayErrorOf(args[0])) return;
      logger.error(...args);
    },
  };
}
