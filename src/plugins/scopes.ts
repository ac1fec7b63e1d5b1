// Scopes map to operations: queries need `read`, mutations `act` (destructive mutations also check
// `destructive` in their resolvers). Pass-through callers hold the scopes PASSTHROUGH_SCOPES_FILE (or the embedded
// simulator's admin roles) maps their admin name or "*" to, every scope when unmapped; the MDM enforces its roles too.
// A mutation's payload can reach the graph (`results { device { user { email } } }`): selecting an entity there
// is a read, so it needs `read` too, checked on the document before anything runs (docs/security.md).
import {
  getNamedType,
  getOperationAST,
  isInterfaceType,
  isObjectType,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Scope } from '../auth/caller.js';
import type { GatewayContext } from '../context.js';
import { GatewayError } from '../errors.js';

const NEEDED: Record<'query' | 'mutation' | 'subscription', Scope> = {
  query: 'read',
  mutation: 'act',
  subscription: 'read',
};

export function useScopes(): Plugin<GatewayContext> {
  return {
    onExecute: ({ args }) => checkScopes(args),
    // Subscriptions do not pass through onExecute; they need `read` as queries do (docs/subscriptions.md).
    onSubscribe: ({ args }) => checkScopes(args),
  };
}

function checkScopes(args: {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  contextValue: GatewayContext;
}): void {
  const operation = getOperationAST(args.document, args.operationName);
  if (!operation) return;
  const { scopes } = args.contextValue.caller;
  const needed = NEEDED[operation.operation];
  if (!scopes.has(needed)) {
    throw new GatewayError('FORBIDDEN', `This operation needs the '${needed}' scope.`);
  }
  if (operation.operation !== 'query' && !scopes.has('read')) {
    const read = firstGraphRead(args.schema, args.document, operation);
    if (read) {
      throw new GatewayError(
        'FORBIDDEN',
        `Selecting '${read}' reads the graph, which needs the 'read' scope; select only the results' status fields.`,
      );
    }
  }
}

/** For resolvers of destructive actions. */
export function requireScope(context: GatewayContext, scope: Scope): void {
  if (!context.caller.scopes.has(scope)) throw new GatewayError('FORBIDDEN', `This action needs the '${scope}' scope.`);
}

/**
 * The first field of the operation (fragments included) whose type is part of the readable graph: an entity
 * (implements Node), a connection, the viewer or Query itself. Payload, result and error types are not.
 */
function firstGraphRead(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
): string | undefined {
  const typeInfo = new TypeInfo(schema);
  let found: string | undefined;
  const fragments = document.definitions.filter((definition) => definition.kind === 'FragmentDefinition');
  const only: DocumentNode = { ...document, definitions: [operation, ...fragments] };
  visit(
    only,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        if (found) return false;
        const type = typeInfo.getType();
        if (type && isGraphRead(getNamedType(type), schema)) {
          found = `${typeInfo.getParentType()?.name ?? '?'}.${node.name.value}`;
          return false;
        }
        return undefined;
      },
    }),
  );
  return found;
}

function isGraphRead(type: GraphQLNamedType, schema: GraphQLSchema): boolean {
  if (
    type === schema.getQueryType() ||
    type.name === 'Node' ||
    type.name === 'Viewer' ||
    type.name.endsWith('Connection')
  )
    return true;
  return (isObjectType(type) || isInterfaceType(type)) && type.getInterfaces().some((iface) => iface.name === 'Node');
}
