// The client recipes of docs/clients.md, each run against the simulator-backed gateway: graphql-codegen's client
// preset (generated, then type-checked with a consumer), urql and Apollo Client paging through the whole fleet,
// and the curl command. The recipes' code is examples/clients/*.ts, quoted verbatim by the page (checked here).
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { generate } from '@graphql-codegen/cli';
import { Client, fetchExchange } from '@urql/core';
import { parse } from 'graphql';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuthorization } from '../../src/auth/credentials.js';
import codegenConfig, { OUTPUT_DIR } from '../../examples/client-codegen.js';
import { createApolloClient, fetchAllDevices as fetchAllWithApollo } from '../../examples/clients/apollo.js';
import type { FleetPageDocument, WholeFleet } from '../../examples/clients/fleet-page.js';
import { createUrqlClient, fetchAllDevices as fetchAllWithUrql } from '../../examples/clients/urql.js';
import { startStack, type Stack } from '../helpers/stack.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PAGE = readFileSync(join(ROOT, 'docs/clients.md'), 'utf8');
/** The embedded default's administrator: HTTP Basic, password = name (README, src/main.ts). */
const AUTHORIZATION = basicAuthorization('miadmin', 'miadmin');
const FLEET_DEVICES = parse(
  readFileSync(join(ROOT, 'examples/operations/fleet-devices.graphql'), 'utf8'),
) as FleetPageDocument;

/** The code blocks of docs/clients.md whose info string names a file or recipe: ```ts title=examples/… */
function blocks(): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of PAGE.matchAll(/^```\w+ title=(\S+)\n([\s\S]*?)^```$/gm)) found.set(match[1], match[2]);
  return found;
}

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ devices: 300 });
});
afterAll(() => stack.close());

/** The whole fleet, each device once, as many as the gateway's total and the simulator's fleet. */
function expectWholeFleet(whole: WholeFleet): void {
  expect(whole.totalCount).toBe(stack.simulator.world.devices.length);
  expect(whole.devices).toHaveLength(whole.totalCount);
  expect(new Set(whole.devices.map((device) => device.id)).size).toBe(whole.totalCount);
}

describe('docs/clients.md', () => {
  it('quotes the recipe files as they are', () => {
    const quoted = [...blocks().keys()].filter((title) => title.startsWith('examples/'));
    expect(quoted.sort()).toEqual([
      'examples/client-codegen.ts',
      'examples/clients/apollo.ts',
      'examples/clients/fleet-page.ts',
      'examples/clients/urql.ts',
    ]);
    for (const file of quoted) expect(blocks().get(file), file).toBe(readFileSync(join(ROOT, file), 'utf8'));
  });
});

describe('graphql-codegen client preset', () => {
  it('generates typed documents that a strict consumer and the paging recipes type-check against', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mdmgraph-codegen-'));
    try {
      // The consumer resolves packages as a client project would: from its own node_modules.
      symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
      const output = `${join(dir, 'gql')}/`;
      await generate({ ...codegenConfig, cwd: ROOT, generates: { [output]: codegenConfig.generates[OUTPUT_DIR] } });
      expect(readFileSync(join(output, 'graphql.ts'), 'utf8')).toContain('export const FleetDevicesDocument');
      const examples = relative(dir, join(ROOT, 'examples/clients'));
      writeFileSync(join(dir, 'consumer.ts'), consumer(examples));
      const program = ts.createProgram([join(dir, 'consumer.ts')], {
        strict: true,
        noEmit: true,
        noUnusedLocals: false,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
        types: [],
        skipLibCheck: true,
      });
      const diagnostics = ts
        .getPreEmitDiagnostics(program)
        .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      expect(diagnostics).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

/** A client module using the generated types: wrong scalar or variable types must fail (`@ts-expect-error`). */
function consumer(examples: string): string {
  return `import { createApolloClient, fetchAllDevices as apolloFetchAll } from '${examples}/apollo.js';
import { createUrqlClient, fetchAllDevices as urqlFetchAll } from '${examples}/urql.js';
import {
  FleetDevicesDocument,
  type DevicePageQuery,
  type FleetDevicesQuery,
  type FleetDevicesQueryVariables,
  type LockDevicesDryRunMutationVariables,
  type Platform,
} from './gql/graphql';

// The generated document is what the paging recipes take.
export const viaUrql = (url: string, auth: string) => urqlFetchAll(createUrqlClient(url, auth), FleetDevicesDocument);
export const viaApollo = (url: string, auth: string) => apolloFetchAll(createApolloClient(url, auth), FleetDevicesDocument);

type FleetNode = NonNullable<FleetDevicesQuery['devices']>['edges'][number]['node'];
export const checkedIn = (node: FleetNode): string | null | undefined => node.lastCheckInAt;
export const storage = (node: FleetNode): number | null | undefined => node.storageCapacityBytes;
export const platform = (node: FleetNode): Platform => node.platform;
// @ts-expect-error DateTime is an ISO string
export const notANumber = (node: FleetNode): number => node.lastCheckInAt;
// @ts-expect-error first is an Int
export const badVariables: FleetDevicesQueryVariables = { first: 'ten' };
// @ts-expect-error ids are required
export const noIds: LockDevicesDryRunMutationVariables = { note: 'lost' };
export const deviceName = (data: DevicePageQuery): string => data.device?.displayName ?? '';
`;
}

describe('urql', () => {
  it('is refused without the CSRF header, since it sends queries as GET', async () => {
    const bare = new Client({
      url: `${stack.gatewayUrl}/graphql`,
      exchanges: [fetchExchange],
      fetchOptions: { headers: { authorization: AUTHORIZATION } },
    });
    const result = await bare.query(FLEET_DEVICES, { first: 5 }).toPromise();
    expect(result.data).toBeUndefined();
    expect((result.error?.response as Response | undefined)?.status).toBe(403);
  });

  it('pages through every device with the header and its defaults', async () => {
    await stack.resetUpstreamStats();
    const whole = await fetchAllWithUrql(createUrqlClient(`${stack.gatewayUrl}/graphql`, AUTHORIZATION), FLEET_DEVICES);
    expectWholeFleet(whole);
    // One EPMM search per page of 100 at most, and a few first-page reads: paging stays cheap.
    const { byRoute } = await stack.upstreamStats();
    expect(byRoute['GET /api/v2/devices'] ?? 0).toBeLessThanOrEqual(Math.ceil(whole.totalCount / 100) + 2);
  });
});

describe('Apollo Client', () => {
  it('pages through every device with fetchMore, merged by relayStylePagination', async () => {
    const client = createApolloClient(`${stack.gatewayUrl}/graphql`, AUTHORIZATION);
    const whole = await fetchAllWithApollo(client, FLEET_DEVICES);
    expectWholeFleet(whole);
    // Scalars arrive as JSON has them: DateTime an ISO-8601 string, Long a number.
    const devices = whole.devices as unknown as Array<{
      lastCheckInAt: string | null;
      storageCapacityBytes: number | null;
    }>;
    const checkedIn = devices.filter((device) => device.lastCheckInAt !== null);
    const sized = devices.filter((device) => device.storageCapacityBytes !== null);
    expect(checkedIn.length).toBeGreaterThan(0);
    expect(sized.length).toBeGreaterThan(0);
    for (const device of checkedIn)
      expect(device.lastCheckInAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    for (const device of sized) expect(device.storageCapacityBytes).toBeTypeOf('number');
    client.stop();
  });

  it('keeps data beside a located error (errorPolicy all)', async () => {
    const client = createApolloClient(`${stack.gatewayUrl}/graphql`, AUTHORIZATION);
    const result = await client.query({
      query: parse('query Partial { viewer { name } nodes(ids: ["not-an-id"]) { id } }'),
    });
    expect(result.data).toMatchObject({ viewer: { name: 'miadmin' }, nodes: [null] });
    expect(result.error).toBeDefined();
    client.stop();
  });
});

const hasCurl = spawnSync('curl', ['--version']).status === 0;

describe('curl', () => {
  it.skipIf(!hasCurl)('runs the documented command (skipped when curl is not installed)', async () => {
    const command = blocks().get('curl');
    expect(command, 'a ```sh title=curl block in docs/clients.md').toBeDefined();
    const { stdout } = await promisify(execFile)('sh', [
      '-c',
      command!.replaceAll('http://localhost:4000', stack.gatewayUrl),
    ]);
    const answer = JSON.parse(stdout) as { data?: { devices: { totalCount: number; nodes: unknown[] } } };
    expect(answer.data?.devices.totalCount).toBe(stack.simulator.world.devices.length);
    expect(answer.data?.devices.nodes).toHaveLength(5);
  });
});
