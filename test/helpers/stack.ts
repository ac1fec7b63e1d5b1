// Starts the real thing for a test: the simulator and the gateway, each a real HTTP server on a free port.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basicAuthorization } from '../../src/auth/credentials.js';
import type { Scope } from '../../src/auth/caller.js';
import { loadConfig } from '../../src/config.js';
import { createGateway, type Gateway } from '../../src/server.js';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server.js';
import { adminScopes } from '../../src/simulator/fleet/admin-scopes.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; path?: string[]; extensions?: { code?: string } & Record<string, unknown> }>;
  extensions?: Record<string, unknown>;
}

export interface Stack {
  gatewayUrl: string;
  /** The gateway behind `gatewayUrl`, for a test that inspects its state (the soak's bounds). */
  gateway: Gateway;
  simulator: RunningSimulator;
  /** The audit trail file of this stack's gateway. */
  auditLogFile: string;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    as?: string | null,
  ): Promise<GraphQLResponse<T>>;
  upstreamStats(): Promise<{ total: number; byRoute: Record<string, number> }>;
  resetUpstreamStats(): Promise<void>;
  close(): Promise<void>;
}

export async function startStack(
  options: {
    devices?: number;
    seed?: number;
    env?: Record<string, string>;
    /** Overrides the simulated admins' scopes by name. */
    scopes?: Record<string, Scope[]>;
    /** Where the gateway reaches the simulator (a proxy in front of it); the simulator itself by default. */
    upstreamUrl?: (simulatorUrl: string) => Promise<string>;
  } = {},
): Promise<Stack> {
  const simulator = await startSimulator({ devices: options.devices ?? 300, seed: options.seed ?? 7 });
  const upstreamUrl = options.upstreamUrl ? await options.upstreamUrl(simulator.url) : simulator.url;
  // Each stack writes its own audit trail; the admins' scopes are known as in the embedded default.
  const auditLogFile = join(mkdtempSync(join(tmpdir(), 'mdmgraph-audit-')), 'audit.jsonl');
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', AUDIT_LOG_FILE: auditLogFile, ...options.env });
  const gateway = createGateway(config, upstreamUrl, {
    passThroughScopes: { ...adminScopes(simulator.world.admins), ...options.scopes },
  });
  const served = await serveGateway(gateway);

  return {
    gatewayUrl: served.url,
    gateway,
    simulator,
    auditLogFile: config.mutations.auditLogFile,
    gql: served.gql,
    async upstreamStats() {
      return (await (await fetch(`${simulator.url}/__sim/stats`)).json()) as {
        total: number;
        byRoute: Record<string, number>;
      };
    },
    async resetUpstreamStats() {
      await fetch(`${simulator.url}/__sim/stats/reset`, { method: 'POST' });
    },
    async close() {
      await served.close();
      await simulator.close();
    },
  };
}

/** A gateway served over HTTP on a free port, with a GraphQL client that signs in as a simulated admin. */
export interface ServedGateway {
  url: string;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    as?: string | null,
  ): Promise<GraphQLResponse<T>>;
  /** Stops the server and the gateway. */
  close(): Promise<void>;
}

export async function serveGateway(gateway: Pick<Gateway, 'yoga' | 'close'>): Promise<ServedGateway> {
  const server: Server = createServer(gateway.yoga);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    async gql(query, variables, as = 'miadmin') {
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
      };
      if (as) headers.authorization = basicAuthorization(as, as);
      const body = JSON.stringify({ query, variables });
      const response = await fetch(`${url}/graphql`, { method: 'POST', headers, body });
      return { status: response.status, ...((await response.json()) as object) };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await gateway.close();
    },
  };
}
