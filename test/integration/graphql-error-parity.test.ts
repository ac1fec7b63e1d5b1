// The same answer with GRAPHQL_JIT=on and off: two gateways over one simulator get each bad request, and their
// statuses, errors (message, path, locations, extensions.code) and data must be identical and graphql-js's own
// (src/plugins/graphql-jit.ts). graphql-jit alone answered a bad enum in `$f.platform` as `Variable "$platform" got
// invalid value "ios"`, with no locations and no code. Introspection is on (the embedded default), so suggestions
// are part of the messages.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createGateway } from '../../src/server.js';
import { adminScopes } from '../../src/simulator/fleet/admin-scopes.js';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server.js';
import { serveGateway, type ServedGateway } from '../helpers/stack.js';

let simulator: RunningSimulator;
let jitOn: ServedGateway;
let jitOff: ServedGateway;

async function gatewayOver(jit: 'on' | 'off'): Promise<ServedGateway> {
  const auditLogFile = join(mkdtempSync(join(tmpdir(), 'mdmgraph-audit-')), 'audit.jsonl');
  const config = loadConfig({
    PORT: '0',
    LOG_LEVEL: 'silent',
    AUDIT_LOG_FILE: auditLogFile,
    GRAPHQL_JIT: jit,
    NEURONS_URL: 'off',
  });
  return serveGateway(createGateway(config, simulator.url, { passThroughScopes: adminScopes(simulator.world.admins) }));
}

async function upstreamCalls(route: string): Promise<number> {
  const stats = (await (await fetch(`${simulator.url}/__sim/stats`)).json()) as { byRoute: Record<string, number> };
  return stats.byRoute[route] ?? 0;
}

beforeAll(async () => {
  simulator = await startSimulator({ devices: 20, seed: 5 });
  [jitOn, jitOff] = await Promise.all([gatewayOver('on'), gatewayOver('off')]);
});
afterAll(async () => {
  await jitOn?.close();
  await jitOff?.close();
  await simulator?.close();
});
beforeEach(async () => {
  await fetch(`${simulator.url}/__sim/stats/reset`, { method: 'POST' });
});

const FILTERED = 'query Q($f: DeviceFilter) { devices(first: 2, filter: $f, source: EPMM) { totalCount } }';

interface Case {
  query: string;
  variables?: Record<string, unknown>;
  /** The first error as graphql-js words and codes it. */
  message: string;
  code: string;
}

const CASES: Array<[string, Case]> = [
  [
    'a bad enum value in a variable, nested in an input list',
    {
      query: FILTERED,
      variables: { f: { platform: ['IOS', 'ios'] } },
      message:
        'Variable "$f" got invalid value "ios" at "f.platform[1]"; Value "ios" does not exist in "Platform" enum. ' +
        'Did you mean the enum value "IOS"?',
      code: 'BAD_USER_INPUT',
    },
  ],
  [
    'a wrong scalar type in a variable',
    {
      query: 'query Q($n: Int) { devices(first: $n, source: EPMM) { totalCount } }',
      variables: { n: 'ten' },
      message: 'Variable "$n" got invalid value "ten"; Int cannot represent non-integer value: "ten"',
      code: 'BAD_USER_INPUT',
    },
  ],
  [
    'a missing required variable',
    {
      query: 'query Q($id: ID!) { node(id: $id) { id } }',
      variables: {},
      message: 'Variable "$id" of required type "ID!" was not provided.',
      code: 'BAD_USER_INPUT',
    },
  ],
  [
    'null for a non-null variable',
    {
      query: 'query Q($id: ID!) { node(id: $id) { id } }',
      variables: { id: null },
      message: 'Variable "$id" of non-null type "ID!" must not be null.',
      code: 'BAD_USER_INPUT',
    },
  ],
  [
    'an unknown field',
    {
      query: '{ devicez { totalCount } }',
      message: 'Cannot query field "devicez" on type "Query". Did you mean "device" or "devices"?',
      code: 'GRAPHQL_VALIDATION_FAILED',
    },
  ],
  [
    'an unknown argument',
    {
      query: '{ devices(firs: 1) { totalCount } }',
      message: 'Unknown argument "firs" on field "Query.devices". Did you mean "first"?',
      code: 'GRAPHQL_VALIDATION_FAILED',
    },
  ],
  [
    'a bad literal argument',
    {
      query: '{ devices(first: 1, filter: { platform: [ios] }) { totalCount } }',
      message: 'Value "ios" does not exist in "Platform" enum. Did you mean the enum value "IOS"?',
      code: 'GRAPHQL_VALIDATION_FAILED',
    },
  ],
  [
    'an undefined variable',
    {
      query: 'query Q { devices(first: $n) { totalCount } }',
      message: 'Variable "$n" is not defined by operation "Q".',
      code: 'GRAPHQL_VALIDATION_FAILED',
    },
  ],
  [
    'a wrong type on a nested input field',
    {
      query: FILTERED,
      variables: { f: { compliant: 'yes' } },
      message:
        'Variable "$f" got invalid value "yes" at "f.compliant"; Boolean cannot represent a non boolean value: "yes"',
      code: 'BAD_USER_INPUT',
    },
  ],
  [
    'an extra unknown input field',
    {
      query: FILTERED,
      variables: { f: { complaint: true } },
      message:
        'Variable "$f" got invalid value { complaint: true }; Field "complaint" is not defined by type "DeviceFilter". ' +
        'Did you mean "compliant"?',
      code: 'BAD_USER_INPUT',
    },
  ],
  [
    'two bad variables (every error, in order)',
    {
      query: 'query Q($f: DeviceFilter, $n: Int) { devices(first: $n, filter: $f, source: EPMM) { totalCount } }',
      variables: { f: { platform: ['ios'] }, n: 'x' },
      message:
        'Variable "$f" got invalid value "ios" at "f.platform[0]"; Value "ios" does not exist in "Platform" enum. ' +
        'Did you mean the enum value "IOS"?',
      code: 'BAD_USER_INPUT',
    },
  ],
];

/** What a client reads of an answer: the status, data, and each error's message, path, locations and code. */
async function answer(gateway: ServedGateway, query: string, variables?: Record<string, unknown>) {
  const { status, data, errors } = await gateway.gql(query, variables);
  const read = (errors ?? []) as Array<{ message: string; path?: unknown; locations?: unknown; extensions?: object }>;
  return {
    status,
    data,
    errors: read.map(({ message, path, locations, extensions }) => ({
      message,
      path,
      locations,
      code: (extensions as { code?: string } | undefined)?.code,
    })),
  };
}

describe('request errors with GRAPHQL_JIT=on and off', () => {
  it.each(CASES)('%s: the same answer, graphql-js wording, locations and code', async (_name, c) => {
    const [on, off] = await Promise.all([answer(jitOn, c.query, c.variables), answer(jitOff, c.query, c.variables)]);
    expect(on).toEqual(off);
    expect(on.data).toBeUndefined();
    expect(on.status).toBe(400);
    expect(on.errors[0]).toMatchObject({ message: c.message, code: c.code });
    expect(on.errors[0].locations).toContainEqual(expect.objectContaining({ line: 1 }));
    expect(on.errors.every((error) => error.code !== undefined)).toBe(true);
  });

  it('every variable error is reported, not only the first', async () => {
    const [, twoBad] = CASES[CASES.length - 1];
    const on = await answer(jitOn, twoBad.query, twoBad.variables);
    expect(on.errors.map((error) => error.message)).toEqual([
      twoBad.message,
      'Variable "$n" got invalid value "x"; Int cannot represent non-integer value: "x"',
    ]);
  });

  it('valid variables: the same data, and jit still runs the operation', async () => {
    const variables = { f: { platform: ['IOS', 'ANDROID'] }, n: 3 };
    const query =
      'query Q($f: DeviceFilter, $n: Int) { devices(first: $n, filter: $f, source: EPMM) { totalCount nodes { id platform } } }';
    const [on, off] = await Promise.all([answer(jitOn, query, variables), answer(jitOff, query, variables)]);
    expect(on.errors).toEqual([]);
    expect(on).toEqual(off);
    expect((on.data as { devices: { nodes: unknown[] } }).devices.nodes).toHaveLength(3);
  });

  it('a mutation refused for its variables sends nothing; one that passes is sent once', async () => {
    const lock = 'PUT /api/v2/devices/lock';
    const mutation = 'mutation M($input: DeviceActionInput!) { lockDevices(input: $input) { results { status } } }';
    const refused = await answer(jitOn, mutation, { input: { ids: ['x'], dryRun: 'no' } });
    expect(refused.errors[0]).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(refused.errors[0].message).toMatch(/^Variable "\$input" got invalid value "no" at "input.dryRun"/);
    expect(await upstreamCalls(lock)).toBe(0);

    const page = await answer(
      jitOn,
      '{ devices(first: 1, filter: { status: [ACTIVE] }, source: EPMM) { nodes { id } } }',
    );
    const [device] = (page.data as { devices: { nodes: Array<{ id: string }> } }).devices.nodes;
    const locked = await answer(jitOn, mutation, { input: { ids: [device.id] } });
    expect(locked.errors).toEqual([]);
    expect(await upstreamCalls(lock)).toBe(1);
  });
});
