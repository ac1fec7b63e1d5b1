// A simulator and a gateway serving HTTP, SSE and graphql-ws on one server, with clients for both transports. The
// gateway's pollers never fire on a timer (an hour's interval, or a clock whose timers never fire): tests poll with
// `hub.pollAll()` and wait for events.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { Scope } from '../../src/auth/caller.js';
import { basicAuthorization } from '../../src/auth/credentials.js';
import { loadConfig } from '../../src/config.js';
import { createGateway, type Gateway } from '../../src/server.js';
import { adminScopes } from '../../src/simulator/fleet/admin-scopes.js';
import type { SimDevice, World } from '../../src/simulator/fleet/types.js';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server.js';
import type { HubClock, SubscriptionHub } from '../../src/subscriptions/hub.js';

export interface SubscriptionStack {
  url: string;
  gateway: Gateway;
  hub: SubscriptionHub;
  simulator: RunningSimulator;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    as?: string,
  ): Promise<{ data?: T; errors?: unknown[] }>;
  /** Upstream calls the simulator counted for a route since the last reset. */
  calls(route: string): Promise<number>;
  resetCalls(): Promise<void>;
  close(): Promise<void>;
}

export async function startSubscriptionStack(
  env: Record<string, string> = {},
  /** `scopes`: gateway scopes of simulated admins, over the ones their roles give. */
  options: { clock?: HubClock; scopes?: Record<string, Scope[]> } = {},
): Promise<SubscriptionStack> {
  const simulator = await startSimulator({ devices: 300, seed: 7 });
  const auditLogFile = join(mkdtempSync(join(tmpdir(), 'mdmgraph-audit-')), 'audit.jsonl');
  const config = loadConfig({
    PORT: '0',
    LOG_LEVEL: 'silent',
    AUDIT_LOG_FILE: auditLogFile,
    SUBSCRIPTION_POLL_MS: '3600000',
    SUBSCRIPTION_POLL_MAX_MS: '3600000',
    SUBSCRIPTION_ACTION_POLL_MS: '3600000',
    ...env,
  });
  const gateway = createGateway(config, simulator.url, {
    passThroughScopes: { ...adminScopes(simulator.world.admins), ...options.scopes },
    subscriptionClock: options.clock,
  });
  await gateway.ready;
  const server: Server = createServer(gateway.yoga);
  gateway.serveWebSockets(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    gateway,
    hub: gateway.deps.subscriptions,
    simulator,
    async gql(query, variables, as = 'miadmin') {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: basicAuthorization(as, as) },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as { data?: never; errors?: unknown[] };
    },
    async calls(route) {
      const stats = (await (await fetch(`${simulator.url}/__sim/stats`)).json()) as { byRoute: Record<string, number> };
      return stats.byRoute[route] ?? 0;
    },
    async resetCalls() {
      await fetch(`${simulator.url}/__sim/stats/reset`, { method: 'POST' });
    },
    async close() {
      server.closeAllConnections();
      await gateway.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await simulator.close();
    },
  };
}

/** Appends an unread alert about `device` to the simulated Event Center, dated now; answers its id. */
export function raiseAlert(world: World, device: SimDevice): number {
  const template = world.alerts.find((alert) => alert.deviceUuid === device.uuid) ?? world.alerts[0];
  const id = (world.alerts.at(-1)?.id ?? 0) + 1;
  const now = Date.now();
  const alert = {
    ...template,
    id,
    deviceUuid: device.uuid,
    userUuid: device.userUuid,
    alertDate: now,
    updatedAt: now,
    isActive: true,
    alertText: `Test alert ${id}`,
    comments: null,
  };
  world.alerts.push(alert);
  world.alertsById.set(id, alert);
  return id;
}

export interface SseEvent {
  id: string | undefined;
  event: string;
  data: string;
}

/** An SSE subscription: `next()` answers the next `next` or `complete` event, as the server framed it. */
export interface SseStream {
  status: number;
  next(): Promise<SseEvent>;
  close(): void;
}

export async function sseSubscribe(
  url: string,
  query: string,
  options: {
    as?: string;
    variables?: Record<string, unknown>;
    lastEventId?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<SseStream> {
  const controller = new AbortController();
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'text/event-stream',
    ...(options.as ? { authorization: basicAuthorization(options.as, options.as) } : {}),
    ...(options.lastEventId ? { 'last-event-id': options.lastEventId } : {}),
    ...options.headers,
  };
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables: options.variables }),
    signal: controller.signal,
  });
  const reader = response.body?.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    status: response.status,
    async next() {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields = new Map<string, string>();
          for (const line of frame.split('\n')) {
            if (line.startsWith(':') || line === '') continue;
            const colon = line.indexOf(':');
            fields.set(line.slice(0, colon), line.slice(colon + 1).trimStart());
          }
          if (fields.has('event'))
            return { id: fields.get('id'), event: fields.get('event') ?? '', data: fields.get('data') ?? '' };
          continue;
        }
        const chunk = await reader?.read();
        if (!chunk || chunk.done) throw new Error('the stream ended');
        buffer += decoder.decode(chunk.value, { stream: true });
      }
    },
    close() {
      controller.abort();
    },
  };
}

/** A graphql-ws client signed in through connection_init. */
export function wsClient(url: string, as: string, options: { origin?: string } = {}): Client {
  return createClient({
    url: `${url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: class extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, options.origin ? { headers: { origin: options.origin } } : {});
      }
    },
    connectionParams: { Authorization: basicAuthorization(as, as) },
    retryAttempts: 0,
    lazy: true,
  });
}

/** Subscribes over graphql-ws and hands out results one by one. */
export function wsSubscribe(client: Client, query: string, variables?: Record<string, unknown>) {
  const iterator = client.iterate<Record<string, unknown>>({ query, variables });
  return {
    next: async () =>
      (await iterator.next()).value as { data?: Record<string, unknown>; errors?: unknown[] } | undefined,
    close: async () => {
      await iterator.return?.();
    },
  };
}
