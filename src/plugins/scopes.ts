// Scopes map to operations: queries need `read`, mutations `act` (destructive mutations also check
// `destructive` in their resolvers). Pass-through callers hold every scope; the MDM enforces their roles.
import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Scope } from '../auth/caller.js';
import type { GatewayContext } from '../context.js';
import { GatewayError } from '../errors.js';

const NEEDED: Record<'query' | 'mutation' | 'subscription', Scope> = { query: 'read', mutation: 'act', subscription: 'read' };

export function useScopes(): Plugin<GatewayContext> {
  return {
    onExecute({ args }) {
      const operation = getOperationAST(args.document, args.operationName);
      if (!operation) return;
      const needed = NEEDED[operation.operation];
      if (!args.contextValue.caller.scopes.has(needed)) {
        throw new GatewayError('FORBIDDEN', `This operation needs the '${needed}' scope.`);
      }
    },
  };
}

/** For resolvers of destructive actions. */
export function requireScope(context: GatewayContext, scope: Scope): void {
  if (!context.caller.scopes.has(scope)) throw new GatewayError('FORBIDDEN', `This action needs the '${scope}' scope.`);
}
