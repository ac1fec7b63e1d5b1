// Logs and metrics: one structured line per request with no credentials in it, Prometheus counters that move.
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuthorization } from '../../src/auth/credentials.js';
import { loadConfig } from '../../src/config.js';
import { createGateway, type Gateway } from '../../src/server.js';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server.js';

const lines: Array<Record<string, unknown>> = [];
let simulator: RunningSimulator;
let gateway: Gateway;

beforeAll(async () => {
  simulator = await startSimulator({ devices: 30, seed: 5 });
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  gateway = createGateway(loadConfig({ PORT: '0', METRICS_TOKEN: 'a-metrics-token-of-length' }), simulator.url, {
    logger: pino({ level: 'info' }, sink),
  });
});
afterAll(async () => {
  await gateway.close();
  await simulator.close();
});

const post = (query: string, authorization?: string, headers: Record<string, string> = {}) =>
  gateway.yoga.fetch('http://gateway/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}), ...headers },
    body: JSON.stringify({ query }),
  });

describe('observability', () => {
  it('logs one line per request with the request id, operation, caller and upstream calls, never the credentials', async () => {
    const authorization = basicAuthorization('miadmin', 'miadmin');
    const response = await post('query Fleet { devices(first: 3, source: EPMM) { totalCount } }', authorization, {
      'x-request-id': 'req-42',
    });
    expect(response.headers.get('x-request-id')).toBe('req-42');
    await post('{ viewer { name } }');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const fleet = lines.find((line) => line.requestId === 'req-42');
    expect(fleet).toMatchObject({
      msg: 'graphql request',
      operation: 'Fleet',
      caller: 'miadmin',
      status: 200,
      upstreamCalls: 2,
    });
    expect(lines.some((line) => line.status === 401 && (line.errors as string[]).includes('UNAUTHENTICATED'))).toBe(
      true,
    );
    const all = JSON.stringify(lines);
    expect(all).not.toContain(authorization.slice(6));
    expect(all).not.toContain('miadmin:miadmin');
  });

  it('exposes Prometheus metrics behind the configured token', async () => {
    expect((await gateway.yoga.fetch('http://gateway/metrics')).status).toBe(401);
    const response = await gateway.yoga.fetch('http://gateway/metrics', {
      headers: { authorization: 'Bearer a-metrics-token-of-length' },
    });
    const text = await response.text();
    expect(text).toMatch(/mdmgraph_graphql_requests_total\{operation="Fleet",status="200"\} 1/);
    expect(text).toMatch(/mdmgraph_upstream_calls_total\{route="GET \/api\/v2\/devices",status="200"\} \d/);
    expect(text).toMatch(/mdmgraph_graphql_errors_total\{code="UNAUTHENTICATED"\} \d/);
    expect(text).toContain('mdmgraph_cache_entries');
  });

  it('answers the health check without authentication and without data', async () => {
    const response = await gateway.yoga.fetch('http://gateway/health');
    expect(response.status).toBe(200);
  });
});
