// Query.devices across both MDMs: source selection, the merged connection (order, one row per physical device,
// exact totals, cursors) and its call budget, over the real stack. test/integration/devices-one-row.test.ts covers
// twins, the 1,000-device fleet and fields that do not apply.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type GraphQLResponse, type Stack } from '../helpers/stack.js';

const EPMM_SEARCH = 'GET /api/v2/devices';
const NEURONS_SEARCH = 'GET /neurons/api/v1/device';
const NEURONS_PARTITIONS = 'GET /neurons/api/v1/tenant/partition/device';

interface DeviceNode {
  id: string;
  source: 'EPMM' | 'NEURONS';
  uuid: string;
  platform: string;
  lastCheckInAt: string | null;
}
interface DevicesData {
  devices: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
    edges: Array<{ cursor: string; node: DeviceNode }>;
  };
}

const DEVICES = `query ($first: Int, $after: String, $filter: DeviceFilter, $orderBy: DeviceOrder, $source: Source) {
  devices(first: $first, after: $after, filter: $filter, orderBy: $orderBy, source: $source) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id source uuid platform lastCheckInAt } }
  }
}`;

async function walk(
  stack: Stack,
  variables: Record<string, unknown>,
  perPage?: (calls: Record<string, number>, pageInfo: DevicesData['devices']['pageInfo']) => void,
): Promise<{ nodes: DeviceNode[]; totalCount: number; pages: number }> {
  const nodes: DeviceNode[] = [];
  let after: string | null = null;
  let totalCount = 0;
  let pages = 0;
  for (;;) {
    await stack.resetUpstreamStats();
    const response: GraphQLResponse<DevicesData> = await stack.gql<DevicesData>(DEVICES, { ...variables, after });
    expect(response.errors).toBeUndefined();
    const connection: DevicesData['devices'] = response.data!.devices;
    perPage?.((await stack.upstreamStats()).byRoute, connection.pageInfo);
    totalCount = connection.totalCount;
    pages += 1;
    nodes.push(...connection.edges.map((edge) => edge.node));
    if (!connection.pageInfo.hasNextPage) break;
    after = connection.pageInfo.endCursor;
    expect(pages).toBeLessThan(100);
  }
  return { nodes, totalCount, pages };
}

describe('devices across EPMM and Neurons', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ devices: 90, seed: 11 });
  });
  afterAll(() => stack.close());

  // One device, one row (docs/data-loading.md): every simulated Neurons device is a twin of an EPMM device, so the
  // merged list is EPMM's, each twin once with its EPMM id and both sources; the total counts devices, not records.
  it('merges both sources in the requested order, each physical device exactly once, with an exact total', async () => {
    const orderBy = { field: 'LAST_CHECK_IN', direction: 'DESC' };
    const calls: Array<Record<string, number>> = [];
    const merged = await walk(stack, { first: 17, orderBy }, (byRoute) => calls.push(byRoute));
    const epmm = await walk(stack, { first: 200, orderBy, source: 'EPMM' });
    const neurons = await walk(stack, { first: 200, orderBy, source: 'NEURONS' });
    expect(epmm.nodes.every((node) => node.source === 'EPMM')).toBe(true);
    expect(neurons.nodes.every((node) => node.source === 'NEURONS')).toBe(true);
    expect(neurons.totalCount).toBeGreaterThan(0);
    const distinct = new Set([...epmm.nodes, ...neurons.nodes].map((node) => node.uuid));
    expect(merged.totalCount).toBe(distinct.size);
    expect(merged.nodes).toHaveLength(merged.totalCount);
    expect(new Set(merged.nodes.map((node) => node.uuid)).size).toBe(merged.nodes.length);
    expect(merged.pages).toBe(Math.ceil(merged.totalCount / 17));
    // A twin carries its EPMM id.
    expect(merged.nodes.map((node) => node.id)).toEqual(epmm.nodes.map((node) => node.id));
    // Newest check-in first; a device that never checked in sorts first in DESC, as EPMM sorts nulls.
    const keys = merged.nodes.map((node) => (node.lastCheckInAt === null ? Infinity : Date.parse(node.lastCheckInAt)));
    for (let index = 1; index < keys.length; index += 1) expect(keys[index]).toBeLessThanOrEqual(keys[index - 1]);
    // Cold first page: the EPMM page, the first (here only) page of the EPMM key scan, the Neurons rows; then one
    // EPMM search per page and no Neurons call (the Neurons rows and the keys are cached for 30 s).
    expect(calls[0][EPMM_SEARCH]).toBe(2);
    expect(calls[0][NEURONS_SEARCH]).toBeGreaterThan(0);
    for (const later of calls.slice(1)) expect(later).toEqual({ [EPMM_SEARCH]: 1 });
  });

  it('without orderBy lists EPMM devices and then the Neurons devices EPMM does not hold', async () => {
    const merged = await walk(stack, { first: 40 });
    const epmm = await walk(stack, { first: 150, source: 'EPMM' });
    expect(merged.nodes.map((node) => node.id)).toEqual(epmm.nodes.map((node) => node.id));
  });

  it('round-trips cursors: any edge cursor continues right after that edge', async () => {
    const orderBy = { field: 'MODEL', direction: 'ASC' };
    const all = await walk(stack, { first: 200, orderBy });
    const page = await stack.gql<DevicesData>(DEVICES, { first: 10, orderBy });
    const edges = page.data!.devices.edges;
    expect(edges.map((edge) => edge.node.id)).toEqual(all.nodes.slice(0, 10).map((node) => node.id));
    expect(page.data!.devices.pageInfo.hasPreviousPage).toBe(false);
    for (const index of [0, 4, 9]) {
      const next = await stack.gql<DevicesData>(DEVICES, { first: 5, orderBy, after: edges[index].cursor });
      expect(next.data!.devices.edges.map((edge) => edge.node.id)).toEqual(
        all.nodes.slice(index + 1, index + 6).map((node) => node.id),
      );
      expect(next.data!.devices.pageInfo.hasPreviousPage).toBe(true);
    }
  });

  it('refuses cursors made for another order or another kind of list', async () => {
    const page = await stack.gql<DevicesData>(DEVICES, { first: 3, orderBy: { field: 'MODEL' } });
    const cursor = page.data!.devices.pageInfo.endCursor;
    const otherOrder = await stack.gql<DevicesData>(DEVICES, { first: 3, orderBy: { field: 'NAME' }, after: cursor });
    expect(otherOrder.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(otherOrder.errors?.[0]?.message).toContain('orderBy');
    const single = await stack.gql<DevicesData>(DEVICES, { first: 3, source: 'EPMM' });
    const offsetCursor = await stack.gql<DevicesData>(DEVICES, {
      first: 3,
      after: single.data!.devices.pageInfo.endCursor,
    });
    expect(offsetCursor.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const forged = await stack.gql<DevicesData>(DEVICES, {
      first: 3,
      after: Buffer.from('merged:v1:ID:-1:0').toString('base64url'),
    });
    expect(forged.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('selects one source: each reads only its own MDM', async () => {
    await stack.resetUpstreamStats();
    const neurons = await stack.gql<DevicesData>(DEVICES, { first: 7, source: 'NEURONS', orderBy: { field: 'NAME' } });
    expect(neurons.data!.devices.edges.map((edge) => edge.node.source)).toEqual(Array(7).fill('NEURONS'));
    let calls = (await stack.upstreamStats()).byRoute;
    // One search per partition miadmin holds (three), merged (test/integration/neurons-partitions.test.ts).
    expect(calls[NEURONS_SEARCH]).toBe(3);
    expect(calls[EPMM_SEARCH]).toBeUndefined();
    await stack.resetUpstreamStats();
    const epmm = await stack.gql<DevicesData>(DEVICES, { first: 7, source: 'EPMM', orderBy: { field: 'NAME' } });
    expect(epmm.data!.devices.edges.map((edge) => edge.node.source)).toEqual(Array(7).fill('EPMM'));
    calls = (await stack.upstreamStats()).byRoute;
    expect(calls[EPMM_SEARCH]).toBe(1);
    expect(calls[NEURONS_SEARCH]).toBeUndefined();
    expect(calls[NEURONS_PARTITIONS]).toBeUndefined();
  });

  it('lists only EPMM devices for an admin Neurons refuses, and reports the refusal for source: NEURONS', async () => {
    const merged = await stack.gql<DevicesData>(DEVICES, { first: 5 }, 'helpdesk');
    const epmmOnly = await stack.gql<DevicesData>(DEVICES, { first: 5, source: 'EPMM' }, 'helpdesk');
    expect(merged.errors).toBeUndefined();
    expect(merged.data!.devices.totalCount).toBe(epmmOnly.data!.devices.totalCount);
    expect(merged.data!.devices.edges.map((edge) => edge.node.source)).toEqual(Array(5).fill('EPMM'));
    const refused = await stack.gql<DevicesData>(DEVICES, { first: 5, source: 'NEURONS' }, 'helpdesk');
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('applies a filter both MDMs understand to both, and refuses one Neurons cannot apply unless source is EPMM', async () => {
    const filter = { platform: ['IOS'], compliant: false };
    const merged = await walk(stack, { first: 50, filter });
    const epmm = await walk(stack, { first: 50, filter, source: 'EPMM' });
    const neurons = await walk(stack, { first: 50, filter, source: 'NEURONS' });
    expect(merged.nodes.length).toBeGreaterThan(0);
    expect(merged.nodes.every((node) => node.platform === 'IOS')).toBe(true);
    // Each Neurons device matching the filter is a twin of an EPMM device: counted once.
    expect(merged.totalCount).toBe(new Set([...epmm.nodes, ...neurons.nodes].map((node) => node.uuid)).size);
    expect(neurons.totalCount).toBeGreaterThan(0);

    await stack.resetUpstreamStats();
    const refused = await stack.gql<DevicesData>(DEVICES, {
      first: 5,
      filter: { lastCheckInAfter: '2020-01-01T00:00:00.000Z' },
    });
    expect(refused.errors?.[0]?.extensions?.code).toBe('NOT_SUPPORTED_BY_SOURCE');
    expect(refused.errors?.[0]?.message).toContain('source: EPMM');
    expect((await stack.upstreamStats()).byRoute[EPMM_SEARCH]).toBeUndefined();
    const epmmOnly = await stack.gql<DevicesData>(DEVICES, {
      first: 5,
      source: 'EPMM',
      filter: { lastCheckInAfter: '2020-01-01T00:00:00.000Z' },
    });
    expect(epmmOnly.errors).toBeUndefined();
    expect(epmmOnly.data!.devices.edges.length).toBeGreaterThan(0);
  });
});

// Past the overlap index (3,000 EPMM devices: 15 key pages), each merged page reads Neurons from the cursor's own
// position in each partition: one search per partition cold, however deep (docs/data-loading.md, "One device, one
// row"). The device cache is off, so every page is cold.
describe('a deep merged page, three partitions, cold', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ devices: 3000, seed: 3, env: { CACHE_DEVICE_TTL_MS: '0' } });
  }, 60_000);
  afterAll(() => stack.close());

  /** Neurons records the cursor has consumed, over every partition. */
  const neuronsOffset = (cursor: string) => {
    const text = Buffer.from(cursor, 'base64url').toString('utf8');
    const entries = /^merged:v2:[A-Z_.]+:\d+:(.*)$/.exec(text)![1].split(',');
    expect(entries).toHaveLength(3);
    return entries.reduce((sum, entry) => sum + Number(entry.split('.')[1]), 0);
  };

  it('costs at most one Neurons search per partition at any depth, each device once to the end', async () => {
    const orderBy = { field: 'NAME', direction: 'ASC' };
    const calls: Array<Record<string, number>> = [];
    // The Neurons offset each page starts at, from the cursor of the page before: the deep pages start past 500.
    const offsets: number[] = [0];
    const merged = await walk(stack, { first: 200, orderBy }, (byRoute, pageInfo) => {
      calls.push(byRoute);
      if (pageInfo.hasNextPage) offsets.push(neuronsOffset(pageInfo.endCursor!));
    });
    expect(offsets).toHaveLength(merged.pages);
    const epmm = await walk(stack, { first: 200, orderBy, source: 'EPMM' });
    // Every simulated Neurons device is a twin: the list is EPMM's, each device once (the total is an estimate here).
    expect(merged.nodes.map((node) => node.id)).toEqual(epmm.nodes.map((node) => node.id));
    if (process.env.PRINT_BUDGETS) console.log(JSON.stringify(offsets), JSON.stringify(calls));
    const deep = offsets.map((offset, page) => ({ offset, calls: calls[page] })).filter((page) => page.offset > 500);
    expect(deep.length).toBeGreaterThan(5);
    for (const page of [...deep, { calls: calls[0] }]) expect(page.calls[NEURONS_SEARCH]).toBeLessThanOrEqual(3);
  }, 120_000);
});

describe('devices without Neurons', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ devices: 40, seed: 11, env: { NEURONS_URL: 'off' } });
  });
  afterAll(() => stack.close());

  it('lists EPMM devices only, and answers NOT_SUPPORTED_BY_SOURCE for source: NEURONS', async () => {
    await stack.resetUpstreamStats();
    const all = await stack.gql<DevicesData>(DEVICES, { first: 100 });
    expect(all.data!.devices.totalCount).toBe(40);
    expect(all.data!.devices.edges.every((edge) => edge.node.source === 'EPMM')).toBe(true);
    expect((await stack.upstreamStats()).byRoute[NEURONS_SEARCH]).toBeUndefined();
    const neurons = await stack.gql<DevicesData>(DEVICES, { first: 5, source: 'NEURONS' });
    expect(neurons.errors?.[0]?.extensions?.code).toBe('NOT_SUPPORTED_BY_SOURCE');
    expect(neurons.data?.devices ?? null).toBeNull();
  });
});
