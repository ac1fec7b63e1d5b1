// `GET /graphql/schema.graphql`: the published contract, the same text as `schema.graphql` at the repository root
// (`npm run schema`), for client tooling that reads SDL rather than introspection (graphql-codegen, IDEs). It is
// introspection in another form, so it is served only where an introspection query can run (src/server.ts adds the
// plugin only then; elsewhere the path is a 404) and answers whoever may run one: an authenticated caller with the
// `read` scope, CSRF rule included (docs/decisions.md, "The published schema and the client kit").
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GatewayConfig } from '../config.js';
import { createContext, type GatewayDeps } from '../context.js';
import { GatewayError, httpStatusOf } from '../errors.js';
import type { Logger } from '../observability/logger.js';

export const SCHEMA_DOCUMENT_PATH = '/graphql/schema.graphql';

const HEADER = '# Generated from schema/*.graphql by `npm run schema`. Do not edit: change schema/ and regenerate.\n\n';

/**
 * Whether an introspection query can run: INTROSPECTION on, and not strict persisted mode, where only persisted
 * documents run (so no introspection query does).
 */
export function servesSchemaDocument(config: GatewayConfig): boolean {
  return config.limits.introspection && !config.persistedOperations.strict;
}

/** The contract as SDL: descriptions kept, types and fields sorted so the text changes only when the schema does. */
export function printSchemaDocument(schema: GraphQLSchema): string {
  return `${HEADER}${printSchema(lexicographicSortSchema(schema))}\n`;
}

export function useSchemaDocument(deps: GatewayDeps, logger: Logger): Plugin {
  // Printed on first request, not at start-up: most processes never serve it, and start-up time is measured.
  let schema: GraphQLSchema | undefined;
  let document: string | undefined;
  return {
    onSchemaChange({ schema: changed }) {
      schema = changed;
      document = undefined;
    },
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== SCHEMA_DOCUMENT_PATH) return;
      const json = (status: number, code: string, message: string, headers: Record<string, string> = {}) =>
        new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
          status,
          headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
        });
      if (request.method !== 'GET')
        return endResponse(json(405, 'BAD_USER_INPUT', `${SCHEMA_DOCUMENT_PATH} answers GET only.`, { allow: 'GET' }));
      try {
        // The same proof of credentials as /graphql: EPMM checks a pass-through caller's password here.
        const context = await createContext(deps, request);
        if (!context.caller.scopes.has('read'))
          throw new GatewayError('FORBIDDEN', "The schema needs the 'read' scope, as introspection does.");
        if (!schema) throw new Error('the schema has not been seen yet');
        document ??= printSchemaDocument(schema);
        endResponse(
          new fetchAPI.Response(document, {
            status: 200,
            headers: {
              'content-type': 'text/plain; charset=utf-8',
              'cache-control': 'private, no-cache',
              'x-content-type-options': 'nosniff',
            },
          }),
        );
      } catch (error) {
        // No WWW-Authenticate challenge on 401, as for /graphql (docs/decisions.md).
        if (error instanceof GatewayError)
          return endResponse(json(httpStatusOf(error.code), error.code, error.message));
        logger.error({ err: error, path: SCHEMA_DOCUMENT_PATH }, 'schema document failed');
        return endResponse(json(500, 'INTERNAL_SERVER_ERROR', 'Unexpected error.'));
      }
    },
  };
}
