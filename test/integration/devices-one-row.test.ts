// One device, one row (docs/data-loading.md): the default device list of the 1,000-device simulated fleet, where
// every Neurons device is the twin of an EPMM device. A proxy in front of the simulator's Neurons search turns some
// Neurons rows into devices EPMM does not hold (another UUID and serial), some into records without a UUID (joined
// by serial) and some into masked placeholders (`*****`, all-zero UUID: never joined), as real fleets have.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceModel } from '../../src/models/device.js';
import {
  epmmKeysOf,
  epmmTwinUuid,
  joinableSerial,
  joinableUuid,
  mergeDevicePages,
} from '../../src/models/device-merge.js';
import { startStack, type GraphQLResponse, type Stack } from '../helpers/stack.js';
import { startUpstreamProxy, type UpstreamProxy } from '../helpers/upstream-proxy.js';

const EPMM_SEARCH = 'GET /api/v2/devices';
const NEURONS_SEARCH = 'GET /neurons/api/v1/device';

/** How the proxy rewrites a Neurons search row, by its numeric id. */
function rewrite(row: Record<string, unknown>): void {
  const id = row.id as number;
  if (id % 7 === 0) {
    row.guid = `0000aaaa-0000-4000-8000-${String(id).padStart(12, '0')}`;
    row.serialNumber = `NEURONS-ONLY-${id}`;
  } else if (id % 7 === 1) {
    row.guid = null;
  } else if (id % 7 === 2) {
    row.guid = '00000000-0000-0000-0000-000000000000';
    row.serialNumber = '*****';
  }
}

/** The Neurons search answer with its rows rewritten; other answers as they are. */
function rewriteNeuronsSearch(url: URL, text: string): string {
  if (url.pathname !== '/neurons/api/v1/device') return text;
  const body = JSON.parse(text) as { result?: { searchResults?: Array<Record<string, unknown>> } };
  body.result?.searchResults?.forEach(rewrite);
  return JSON.stringify(body);
}

interface Row {
  id: string;
  source: 'EPMM' | 'NEURONS';
  sources: Array<'EPMM' | 'NEURONS'>;
  uuid: string;
  serialNumber: string | null;
  name: string | null;
  neurons: { id: string; source: string } | null;
}
interface Page {
  devices: {
    totalCount: number;
    totalCountIsEstimate: boolean;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: Row[];
  };
}

const PAGE = `query ($first: Int, $after: String, $orderBy: DeviceOrder, $source: Source) {
  devices(first: $first, after: $after, orderBy: $orderBy, source: $source) {
    totalCount totalCountIsEstimate
    pageInfo { hasNextPage endCursor }
    nodes { id source sources uuid serialNumber name neurons { id source } }
  }
}`;

async function walk(
  stack: Stack,
  variables: Record<string, unknown>,
  perPage?: (calls: Record<string, number>, page: Page['devices']) => void,
) {
  const nodes: Row[] = [];
  let after: string | null = null;
  let last: Page['devices'] | undefined;
  for (let pages = 0; pages < 100; pages += 1) {
    await stack.resetUpstreamStats();
    const response: GraphQLResponse<Page> = await stack.gql<Page>(PAGE, { ...variables, after });
    expect(response.errors).toBeUndefined();
    last = response.data!.devices;
    perPage?.((await stack.upstreamStats()).byRoute, last);
    nodes.push(...last.nodes);
    if (!last.pageInfo.hasNextPage) break;
    after = last.pageInfo.endCursor;
  }
  return { nodes, last: last! };
}

/** The physical devices of the two single-source lists, by the documented join rule. */
function distinctDevices(epmm: readonly Row[], neurons: readonly Row[]): { count: number; neuronsOnly: Set<string> } {
  const uuids = new Set(epmm.map((row) => row.uuid.toLowerCase()));
  const bySerial = new Set(epmm.map((row) => row.serialNumber?.toUpperCase()).filter(Boolean));
  const uuidShaped = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const neuronsOnly = new Set<string>();
  for (const row of neurons) {
    const joinableUuid = uuidShaped.test(row.uuid) && !/^[0-]+$/.test(row.uuid);
    const serial = row.serialNumber && !row.serialNumber.includes('*') ? row.serialNumber.toUpperCase() : null;
    const twin = joinableUuid ? uuids.has(row.uuid.toLowerCase()) : serial !== null && bySerial.has(serial);
    if (!twin) neuronsOnly.add(row.id);
  }
  return { count: epmm.length + neuronsOnly.size, neuronsOnly };
}

describe('one device, one row: the 1,000-device fleet', () => {
  let stack: Stack;
  let proxy: UpstreamProxy;
  let epmm: Row[];
  let neurons: Row[];
  beforeAll(async () => {
    stack = await startStack({
      devices: 1000,
      upstreamUrl: async (simulatorUrl) => {
        proxy = await startUpstreamProxy(simulatorUrl, { rewrite: rewriteNeuronsSearch });
        return proxy.url;
      },
    });
    epmm = (await walk(stack, { first: 200, source: 'EPMM' })).nodes;
    neurons = (await walk(stack, { first: 200, source: 'NEURONS' })).nodes;
  }, 60_000);
  afterAll(async () => {
    await stack.close();
    await proxy.close();
  });

  it('has twins, Neurons-only devices and masked records to join', () => {
    expect(epmm).toHaveLength(1000);
    expect(neurons.length).toBeGreaterThan(500);
    const { neuronsOnly } = distinctDevices(epmm, neurons);
    expect(neuronsOnly.size).toBeGreaterThan(100);
    expect(neurons.length - neuronsOnly.size).toBeGreaterThan(300);
  });

  for (const orderBy of [
    undefined,
    { field: 'NAME', direction: 'ASC' },
    { field: 'LAST_CHECK_IN', direction: 'DESC' },
  ]) {
    it(`pages the default list${orderBy ? ` by ${orderBy.field}` : ''}: each physical device once, totalCount exact`, async () => {
      const budgets: Array<Record<string, number>> = [];
      const { nodes, last } = await walk(stack, { first: 150, orderBy }, (calls, page) => {
        budgets.push(calls);
        expect(page.totalCountIsEstimate).toBe(false);
      });
      const expected = distinctDevices(epmm, neurons);
      expect(last.totalCount).toBe(expected.count);
      expect(nodes).toHaveLength(expected.count);
      expect(new Set(nodes.map((node) => node.id)).size).toBe(nodes.length);
      // Every EPMM device once, under its EPMM id; every Neurons-only device once, under its Neurons id.
      expect(new Set(nodes.filter((node) => node.source === 'EPMM').map((node) => node.id))).toEqual(
        new Set(epmm.map((row) => row.id)),
      );
      expect(new Set(nodes.filter((node) => node.source === 'NEURONS').map((node) => node.id))).toEqual(
        expected.neuronsOnly,
      );
      for (const node of nodes) {
        if (node.source === 'NEURONS') expect(node.sources).toEqual(['NEURONS']);
        else expect(node.sources).toEqual(node.neurons ? ['EPMM', 'NEURONS'] : ['EPMM']);
        if (node.neurons) expect(node.neurons.source).toBe('NEURONS');
      }
      const twins = nodes.filter((node) => node.sources.length === 2);
      expect(twins.length).toBe(neurons.length - expected.neuronsOnly.size);
      // Budget (docs/data-loading.md): the cold first page reads the EPMM page, the EPMM key scan (5 pages of 200)
      // and every Neurons row (a search per partition per 500); each later page is one EPMM search at most (none when
      // that EPMM page is cached: past EPMM's end, without orderBy) and no Neurons call.
      if (process.env.PRINT_BUDGETS) console.log(JSON.stringify(orderBy), JSON.stringify(budgets));
      expect(budgets[0][EPMM_SEARCH]).toBeLessThanOrEqual(6);
      for (const later of budgets.slice(1)) {
        expect(later[NEURONS_SEARCH]).toBeUndefined();
        expect(later[EPMM_SEARCH] ?? 0).toBeLessThanOrEqual(1);
      }
    });
  }

  it('answers a mixed page selecting labels and EPMM-only fields with no errors: null where they do not apply', async () => {
    const response = await stack.gql<{
      devices: {
        nodes: Array<{
          source: string;
          capabilities: string[];
          labels: unknown[] | null;
          policies: unknown[] | null;
          appCompliance: unknown[] | null;
          groups: unknown[] | null;
        }>;
      };
    }>(
      `{ devices(first: 120, orderBy: { field: NAME }) { nodes { source capabilities labels { name } policies { name } appCompliance { appName } groups { name } } } }`,
    );
    expect(
      JSON.stringify(response.errors?.map((error) => [error.path?.join('.'), error.message, error.extensions?.code])),
    ).toBeUndefined();
    const nodes = response.data!.devices.nodes;
    const neuronsOnly = nodes.filter((node) => node.source === 'NEURONS');
    expect(neuronsOnly.length).toBeGreaterThan(0);
    for (const node of neuronsOnly) {
      expect(node).toMatchObject({
        labels: null,
        policies: null,
        appCompliance: null,
        capabilities: ['DETAILS', 'GROUPS'],
      });
      expect(node.groups).not.toBeNull();
    }
    for (const node of nodes.filter((candidate) => candidate.source === 'EPMM')) {
      expect(node.labels).not.toBeNull();
      expect(node.capabilities).toContain('LABELS');
    }
  });

  it('refetches a twin by its (EPMM) id as the same device: same sources, same Neurons record', async () => {
    const page = await stack.gql<Page>(PAGE, { first: 50 });
    const twin = page.data!.devices.nodes.find((node) => node.sources.length === 2)!;
    expect(twin.source).toBe('EPMM');
    const refetch = await stack.gql<{ node: Row & { epmm: { id: string } } }>(
      `query ($id: ID!) { node(id: $id) { ... on Device { id source sources uuid serialNumber name neurons { id source } epmm { id } } } }`,
      { id: twin.id },
    );
    expect(refetch.errors).toBeUndefined();
    expect(refetch.data!.node).toEqual({ ...twin, epmm: { id: twin.id } });
    // The Neurons record reached from either side names the same device back.
    const neuronsView = await stack.gql<{ node: { sources: string[]; epmm: { id: string } | null } }>(
      `query ($id: ID!) { node(id: $id) { ... on Device { sources epmm { id } } } }`,
      { id: twin.neurons!.id },
    );
    expect(neuronsView.data!.node).toEqual({ sources: ['EPMM', 'NEURONS'], epmm: { id: twin.id } });
  });
});

describe('the merge rule, without a stack', () => {
  const device = (source: 'EPMM' | 'NEURONS', name: string, uuid: string, serialNumber: string | null = null) =>
    ({
      source,
      name,
      uuid,
      serialNumber,
      neurons: source === 'NEURONS' ? { partitionId: 1, id: 1 } : undefined,
    }) as unknown as DeviceModel;

  it('never joins masked or placeholder keys', () => {
    const keys = epmmKeysOf([
      device('EPMM', 'a', '11111111-2222-4333-8444-555555555555', 'C02ABC'),
      device('EPMM', 'b', '00000000-0000-0000-0000-000000000000', '*****'),
    ]);
    expect(epmmTwinUuid(keys, device('NEURONS', 'a', '11111111-2222-4333-8444-555555555555'))).toBe(
      '11111111-2222-4333-8444-555555555555',
    );
    expect(epmmTwinUuid(keys, device('NEURONS', 'a', '42', 'c02abc'))).toBe('11111111-2222-4333-8444-555555555555');
    expect(epmmTwinUuid(keys, device('NEURONS', 'b', '00000000-0000-0000-0000-000000000000', '*****'))).toBeNull();
    expect(joinableSerial('0000000')).toBeNull();
    expect(joinableUuid('00000000-0000-0000-0000-000000000000')).toBeNull();
  });

  it('skips twins, and ends a page short rather than guess where unread Neurons rows sort', () => {
    const epmm = ['b', 'd', 'f'].map((name) => device('EPMM', name, name));
    const neurons = [device('NEURONS', 'a', 'a'), device('NEURONS', 'c', 'c')];
    const twin = new Set([neurons[1]]);
    const order = { field: 'NAME', direction: 'ASC' } as const;
    const page = mergeDevicePages(epmm, neurons, { epmm: 0, neurons: 0 }, 3, order, {
      isTwin: (row) => twin.has(row),
      neuronsEnded: false,
    });
    // 'a', then 'b' (sorts before the last Neurons row read, 'c'); 'd' might follow an unread Neurons row.
    expect(page.devices.map((row) => row.name)).toEqual(['a', 'b']);
    expect(page.short).toBe(true);
    const ended = mergeDevicePages(epmm, neurons, { epmm: 0, neurons: 0 }, 3, order, {
      isTwin: (row) => twin.has(row),
      neuronsEnded: true,
    });
    expect(ended.devices.map((row) => row.name)).toEqual(['a', 'b', 'd']);
    expect(ended.positions.at(-1)).toEqual({ epmm: 2, neurons: 2 });
  });
});
