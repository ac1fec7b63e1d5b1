// Two replicas on one Redis, configured with the same GATEWAY_SECRET: a password change retried on the other
// replica with the same idempotency key is a replay (both compute the same keyed digest of the passwords), and
// nothing in Redis carries the plain SHA-256 of a caller's Basic header, which could be brute-forced offline.
// The second replica is built from a fresh module graph, as another process would be: nothing module-level (a
// per-process key) is shared between the two.
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { basicAuthorization } from '../../src/auth/credentials.js';
import { KeyedDigest } from '../../src/auth/keyed-digest.js';
import { adminScopes } from '../../src/simulator/fleet/admin-scopes.js';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server.js';
import { startRedis, type RunningRedis } from '../helpers/redis-server.js';
import { serveGateway, type GraphQLResponse } from '../helpers/stack.js';

const SECRET = 'replicas-share-this-secret-0123456789';
const PREFIX = 'keyed:';
const PASSWORD_ROUTE = 'PUT /api/v1/sm/authentication/users/:userName';
const UPDATE = `mutation($input: UpdateUserPasswordInput!) {
  updateUserPassword(input: $input) { results { id status message } userErrors { code } auditId replayed }
}`;

interface PasswordPayload {
  results: Array<{ id: string; status: string; message: string }>;
  userErrors: Array<{ code: string }>;
  auditId: string | null;
  replayed: boolean;
}

interface Replica {
  gql<T>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

let redis: RunningRedis;
let simulator: RunningSimulator;
const replicas: Replica[] = [];

/** One replica: a gateway from its own copy of the source modules, over the shared simulator and Redis. */
async function startReplica(): Promise<Replica> {
  vi.resetModules();
  const { loadConfig } = await import('../../src/config.js');
  const { createGateway } = await import('../../src/server.js');
  const auditLogFile = join(mkdtempSync(join(tmpdir(), 'mdmgraph-audit-')), 'audit.jsonl');
  const env = {
    PORT: '0',
    LOG_LEVEL: 'silent',
    AUDIT_LOG_FILE: auditLogFile,
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: PREFIX,
    GATEWAY_SECRET: SECRET,
  };
  const options = { logger: pino({ level: 'silent' }), passThroughScopes: adminScopes(simulator.world.admins) };
  const gateway = createGateway(loadConfig(env), simulator.url, options);
  await gateway.ready;
  const served = await serveGateway(gateway);
  const replica: Replica = { gql: (query, variables = {}) => served.gql(query, variables), close: served.close };
  replicas.push(replica);
  return replica;
}

async function passwordCalls(): Promise<number> {
  const stats = (await (await fetch(`${simulator.url}/__sim/stats`)).json()) as { byRoute: Record<string, number> };
  return stats.byRoute[PASSWORD_ROUTE] ?? 0;
}

beforeAll(async () => {
  redis = await startRedis();
  simulator = await startSimulator({ devices: 100, seed: 31 });
});

afterAll(async () => {
  for (const replica of replicas) await replica.close();
  await simulator?.close();
  await redis?.stop();
});

describe('replicas sharing GATEWAY_SECRET', () => {
  it('replay a password change retried on the other replica, and keep no plain credential hash in Redis', async () => {
    const a = await startReplica();
    const b = await startReplica();
    const users = await a.gql<{ users: { nodes: Array<{ principal: string }> } }>(
      '{ users(first: 5) { nodes { principal } } }',
    );
    expect(users.errors).toBeUndefined();
    const user = users.data!.users.nodes[0].principal;
    // The simulator starts every user with the user id as password.
    const input = { userName: user, oldPassword: user, newPassword: 'Repl1ca-pw-42', idempotencyKey: 'pw-replicas-42' };

    const first = (await a.gql<{ updateUserPassword: PasswordPayload }>(UPDATE, { input })).data!.updateUserPassword;
    expect(first.results.map((result) => result.status)).toEqual(['SUCCEEDED']);
    expect(first.replayed).toBe(false);
    // The client did not get the answer and retries; the load balancer sends it to the other replica.
    const retry = await b.gql<{ updateUserPassword: PasswordPayload }>(UPDATE, { input });
    expect(retry.errors).toBeUndefined();
    expect(retry.data!.updateUserPassword.replayed).toBe(true);
    expect(retry.data!.updateUserPassword.results).toEqual(first.results);
    expect(retry.data!.updateUserPassword.auditId).toBe(first.auditId);
    expect(await passwordCalls()).toBe(1);

    const client = new Redis(redis.url);
    try {
      const keys = await client.keys(`${PREFIX}*`);
      const storedValue = async (key: string) =>
        (await client.type(key)) === 'string' ? ((await client.getBuffer(key)) ?? Buffer.alloc(0)) : Buffer.alloc(0);
      const values = await Promise.all(keys.map(storedValue));
      const stored = [...keys, ...values.map((value) => value.toString('latin1'))].join('\n');
      const header = basicAuthorization('miadmin', 'miadmin');
      const plain = createHash('sha256').update(header).digest('hex');
      // The cache entries are there, under the keyed scope of the caller (so the scan did see them)...
      expect(keys.some((key) => key.includes(new KeyedDigest(SECRET).credentialScope(header)))).toBe(true);
      // ...and no key or value holds the plain hash of the credentials, whole or cut to the scope's length.
      expect(stored).not.toContain(plain.slice(0, 32));
      expect(stored).not.toContain(plain.slice(0, 16));
    } finally {
      client.disconnect();
    }
  });
});
