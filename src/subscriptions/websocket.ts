// graphql-ws over WebSocket on the gateway's own HTTP server and path (/graphql), executing through yoga's envelop
// (`getEnveloped`), so a subscription over a socket meets the same plugins as one over SSE: authentication and
// device space (createContext), scopes, depth/cost/list limits, error masking. What HTTP's CSRF check does for a
// request, the Origin check does for the upgrade: a browser always sends Origin, and a page of another origin must
// not open a socket that its credentials (Basic, remembered by the browser) would sign in.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { GraphQLError, parse, type ExecutionArgs, type ExecutionResult } from 'graphql';
import type { YogaServerInstance } from 'graphql-yoga';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { GatewayContext } from '../context.js';
import { gatewayErrorOf } from '../errors.js';
import type { Logger } from '../observability/logger.js';

export interface WebSocketOptions {
  yoga: YogaServerInstance<Record<string, unknown>, GatewayContext>;
  /** Proves a request's credentials as a query would (createContext); rejects for bad ones. */
  authenticate(request: Request): Promise<unknown>;
  /** Strict persisted mode: sockets carry documents the gateway did not publish, so they are refused. */
  refuseDocuments: boolean;
  logger: Logger;
  /** An error as yoga's masking shows it over HTTP (src/plugins/graphql-errors.ts), so a socket's read the same. */
  maskError(error: unknown): Error;
}

/** The graphql-ws protocol's subprotocol name: a socket that does not ask for it is not a GraphQL client. */
const PROTOCOL = 'graphql-transport-ws';

/** Serves graphql-ws on `server` at /graphql; answers a function that closes every socket. */
export function serveWebSockets(server: Server, options: WebSocketOptions): () => Promise<void> {
  const sockets = new WebSocketServer({
    noServer: true,
    handleProtocols: (protocols) => (protocols.has(PROTOCOL) ? PROTOCOL : false),
  });
  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refusal = upgradeRefusal(request);
    if (refusal) {
      socket.end(`HTTP/1.1 ${refusal}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws, request));
  };
  server.on('upgrade', onUpgrade);
  const disposable = useServer<Record<string, unknown> | undefined, { request: IncomingMessage }>(
    {
      // The credentials: the connection_init payload's Authorization, else the upgrade request's header.
      onConnect: async (ctx) => {
        try {
          await options.authenticate(fetchRequest(ctx.extra.request, ctx.connectionParams));
          return true;
        } catch {
          return false;
        }
      },
      onSubscribe: async (ctx, _id, payload) => {
        if (options.refuseDocuments)
          return [graphQLError('Strict persisted mode: subscribe over SSE with a persisted operation id.')];
        const lastEventId = (payload.extensions as { lastEventId?: unknown } | undefined)?.lastEventId;
        const request = fetchRequest(
          ctx.extra.request,
          ctx.connectionParams,
          typeof lastEventId === 'string' ? lastEventId : undefined,
        );
        const { schema, execute, subscribe, contextFactory, validate } = options.yoga.getEnveloped({
          request,
          params: payload,
        });
        let document: ExecutionArgs['document'];
        try {
          document = parse(payload.query);
        } catch (error) {
          return [error as GraphQLError];
        }
        const errors = validate(schema, document);
        if (errors.length > 0) return errors;
        const args: ExecutionArgs = {
          schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe },
        };
        return args;
      },
      execute: (args) =>
        asResult(options, () => (args.rootValue as { execute: (a: ExecutionArgs) => never }).execute(args)),
      subscribe: (args) =>
        asResult(options, () => (args.rootValue as { subscribe: (a: ExecutionArgs) => never }).subscribe(args)),
      onError: (_ctx, _id, _payload, errors) => {
        options.logger.debug({ errors: errors.map((error) => error.message) }, 'graphql-ws operation refused');
      },
    },
    sockets,
  );
  return async () => {
    server.off('upgrade', onUpgrade);
    for (const client of sockets.clients) client.terminate();
    await disposable.dispose();
  };
}

/**
 * A plugin's refusal (the scopes, the GraphQL limits) is thrown from envelop's subscribe or execute. graphql-ws would
 * take it for an internal error and close the socket (4500), ending the caller's other subscriptions on it: it
 * becomes this operation's error result instead, mapped as yoga maps errors over HTTP (src/plugins/graphql-errors.ts).
 */
async function asResult<T>(
  options: Pick<WebSocketOptions, 'logger' | 'maskError'>,
  run: () => T | Promise<T>,
): Promise<T | ExecutionResult> {
  try {
    return await run();
  } catch (error) {
    if (!gatewayErrorOf(error) && !(error instanceof GraphQLError))
      options.logger.error({ err: error }, 'graphql-ws operation failed');
    const masked = options.maskError(error);
    return { errors: [masked instanceof GraphQLError ? masked : new GraphQLError(masked.message)] };
  }
}

/**
 * Why the upgrade is refused (a status line), or undefined. Only /graphql upgrades; a browser's Origin must be the
 * gateway's own (the Host it was asked under); a client without Origin is not a browser, and its credentials are
 * its own.
 */
export function upgradeRefusal(request: IncomingMessage): string | undefined {
  const path = (request.url ?? '/').split('?', 1)[0];
  if (path !== '/graphql') return '404 Not Found';
  const origin = request.headers.origin;
  if (origin === undefined) return undefined;
  const host = request.headers.host;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return '403 Forbidden';
  }
  return host !== undefined && originHost === host ? undefined : '403 Forbidden';
}

/** The fetch Request a context is built from: the upgrade's headers, the init payload's Authorization first. */
function fetchRequest(
  upgrade: IncomingMessage,
  connectionParams: Readonly<Record<string, unknown>> | undefined,
  lastEventId?: string,
): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(upgrade.headers)) {
    if (typeof value === 'string') headers.set(name, value);
  }
  const authorization = connectionParams?.Authorization ?? connectionParams?.authorization;
  if (typeof authorization === 'string') headers.set('authorization', authorization);
  if (lastEventId) headers.set('last-event-id', lastEventId);
  for (const hopByHop of [
    'upgrade',
    'connection',
    'sec-websocket-key',
    'sec-websocket-version',
    'sec-websocket-extensions',
  ])
    headers.delete(hopByHop);
  return new Request(`http://${upgrade.headers.host ?? 'localhost'}/graphql`, { method: 'POST', headers });
}

function graphQLError(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
}
