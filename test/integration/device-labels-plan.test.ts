// Device.labels under its two plans (docs/data-loading.md, "Device labels: two plans"), end to end: GraphQL over
// HTTP -> gateway -> simulator, counting the upstream calls at the simulator. The members plan reads each label's
// members once (E22 for the list and its counts, then the search with `labelId`, 200 per call) and then answers
// every page from them; the per-device plan reads V25 once per device. Both answer the same labels in the same
// order, and every mutation that changes labels (or any device action) invalidates the members as it does V25.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deviceHasLabel } from '../../src/simulator/labels.js';
import { startStack, type Stack } from '../helpers/stack.js';

const SEARCH = 'GET /api/v2/devices';
const MINE = 'GET /api/v2/device_spaces/mine';
const LABEL_LIST = 'GET /api/v1/dm/labels';
const DEVICE_LABELS = 'GET /api/v2/devices/:uuid/labels';

/** A fleet page with every Label field, so that "identical" covers the fields read from the list too. */
const PAGE = `query($first: Int!, $after: String) {
  devices(first: $first, after: $after, source: EPMM) {
    pageInfo { endCursor }
    nodes { id uuid status labels { id legacyId name description builtIn static query deviceCount } }
  }
}`;

interface LabelNode {
  id: string;
  legacyId: number;
  name: string;
  description: string | null;
  builtIn: boolean;
  static: boolean | null;
  query: string | null;
  deviceCount: number;
}
interface Page {
  devices: {
    pageInfo: { endCursor: string };
    nodes: Array<{ id: string; uuid: string; status: string; labels: LabelNode[] }>;
  };
}

async function page(stack: Stack, first: number, after?: string): Promise<Page['devices']> {
  const response = await stack.gql<Page>(PAGE, { first, after });
  expect(response.errors).toBeUndefined();
  return response.data!.devices;
}

async function calls(stack: Stack): Promise<Record<string, number>> {
  const { byRoute } = await stack.upstreamStats();
  return Object.fromEntries(Object.entries(byRoute).filter(([, count]) => count > 0));
}

/**
 * The members plan's searches: ⌈members / 200⌉ per label, none for an empty label. miadmin's space is Global, so
 * the search's members and E22's counts are the world's.
 */
function memberSearches(stack: Stack): number {
  const { world } = stack.simulator;
  return world.labels.reduce(
    (sum, label) => sum + Math.ceil(world.devices.filter((device) => deviceHasLabel(device, label)).length / 200),
    0,
  );
}

/** Each page device's label ids as the simulator holds them, in legacyId order (both plans' order). */
function expectWorldLabels(stack: Stack, nodes: Page['devices']['nodes']): void {
  const { world } = stack.simulator;
  for (const node of nodes) {
    const device = world.devicesByUuid.get(node.uuid)!;
    const expected = world.labels
      .filter((label) => deviceHasLabel(device, label))
      .map((label) => label.id)
      .sort((a, b) => a - b);
    expect(node.labels.map((label) => label.legacyId)).toEqual(expected);
  }
}

async function act(stack: Stack, mutation: string, input: Record<string, unknown>): Promise<string[]> {
  const type = mutation === 'lockDevices' ? 'DeviceActionInput' : 'DeviceLabelsInput';
  const response = await stack.gql<Record<string, { results: Array<{ status: string }> }>>(
    `mutation($input: ${type}!) { ${mutation}(input: $input) { results { status } } }`,
    { input },
  );
  expect(response.errors).toBeUndefined();
  return response.data![mutation].results.map((result) => result.status);
}

describe('LABELS_PLAN=members and per-device on the same pages', () => {
  let members: Stack;
  let perDevice: Stack;
  beforeAll(async () => {
    // The same seed and size: two identical worlds, one per gateway.
    [members, perDevice] = await Promise.all([
      startStack({ devices: 300, env: { LABELS_PLAN: 'members' } }),
      startStack({ devices: 300, env: { LABELS_PLAN: 'per-device' } }),
    ]);
  });
  afterAll(() => Promise.all([members.close(), perDevice.close()]));

  it('members: list + Σ⌈members / 200⌉ + the search for the first page, only its search for the next; per-device: 50 V25 a page; identical labels', async () => {
    const sigma = memberSearches(members);
    expect(sigma).toBe(14); // seed 7, 300 devices: 215 + 207 devices in two labels (2 searches each), 10 more labels

    await members.resetUpstreamStats();
    const first = await page(members, 50);
    // The spaces call (a credential's first request), the page's search, E22 (the labels and their counts; the
    // same read answers Label.deviceCount, static and query) and one search per 200 members of each label.
    expect(await calls(members)).toEqual({ [MINE]: 1, [SEARCH]: 1 + sigma, [LABEL_LIST]: 1 });
    expectWorldLabels(members, first.nodes);

    await members.resetUpstreamStats();
    const second = await page(members, 50, first.pageInfo.endCursor);
    // Every label's members are cached: the next page is its own search and nothing else.
    expect(await calls(members)).toEqual({ [SEARCH]: 1 });
    expectWorldLabels(members, second.nodes);

    await perDevice.resetUpstreamStats();
    const firstByDevice = await page(perDevice, 50);
    // The spaces call, the page's search, one V25 per device, and E22 for the counts V25 lacks.
    expect(await calls(perDevice)).toEqual({ [MINE]: 1, [SEARCH]: 1, [DEVICE_LABELS]: 50, [LABEL_LIST]: 1 });
    await perDevice.resetUpstreamStats();
    const secondByDevice = await page(perDevice, 50, firstByDevice.pageInfo.endCursor);
    expect(await calls(perDevice)).toEqual({ [SEARCH]: 1, [DEVICE_LABELS]: 50 });

    // Same devices, same labels, same order, same fields.
    expect(first).toEqual(firstByDevice);
    expect(second).toEqual(secondByDevice);
    expect(first.nodes.some((node) => node.labels.length > 1)).toBe(true);
  });
});

describe('LABELS_PLAN=auto (the default) chooses per page', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ devices: 300 });
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.resetUpstreamStats());

  it('a 5-device page: 5 V25 beat 1 + 14 members searches; then a 50-device page: 14 searches beat 50 V25', async () => {
    const sigma = memberSearches(stack);
    const small = await page(stack, 5);
    // E22 is read to cost the members plan (1 + 14 calls): per-device (5) is cheaper. The same read answers the
    // Label fields V25 lacks, so the page costs what it did before the planner.
    expect(await calls(stack)).toEqual({ [MINE]: 1, [SEARCH]: 1, [LABEL_LIST]: 1, [DEVICE_LABELS]: 5 });
    expectWorldLabels(stack, small.nodes);

    await stack.resetUpstreamStats();
    const next = await page(stack, 50, small.pageInfo.endCursor);
    // The list is cached now: members cost 14 against 50 V25 calls.
    expect(await calls(stack)).toEqual({ [SEARCH]: 1 + sigma });
    expectWorldLabels(stack, next.nodes);
  });

  it('applyLabelsToDevices and removeLabelsFromDevices invalidate the members: the next page shows the change', async () => {
    const sigma = memberSearches(stack);
    const first = await page(stack, 50);
    const lost = stack.simulator.world.labels.find((label) => label.name === 'Lost-Devices')!;
    const targets = first.nodes.filter((node) => !node.labels.some((label) => label.legacyId === lost.id)).slice(0, 2);
    const labelId = (
      await stack.gql<{ labels: { nodes: Array<{ id: string; legacyId: number }> } }>(
        '{ labels(first: 50) { nodes { id legacyId } } }',
      )
    ).data!.labels.nodes.find((label) => label.legacyId === lost.id)!.id;
    const ids = targets.map((node) => node.id);

    expect(await act(stack, 'applyLabelsToDevices', { ids, labelIds: [labelId] })).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    await stack.resetUpstreamStats();
    const applied = await page(stack, 50);
    const lostOn = (nodes: Page['devices']['nodes']) =>
      nodes.filter((node) => node.labels.some((label) => label.legacyId === lost.id)).map((node) => node.uuid);
    expect(lostOn(applied.nodes)).toEqual(expect.arrayContaining(targets.map((node) => node.uuid)));
    expectWorldLabels(stack, applied.nodes);
    // Label mutations drop the device and reference classes: the page, E22 and every label's members are read
    // again (the list and the labels' counts are fresh, so still members: 1 + Σ' < 50; Lost-Devices grew by 2).
    const after = await calls(stack);
    expect(after[LABEL_LIST]).toBe(1);
    expect(after[DEVICE_LABELS]).toBeUndefined();
    expect(after[SEARCH]).toBe(1 + memberSearches(stack));
    expect(memberSearches(stack)).toBeGreaterThanOrEqual(sigma);

    expect(await act(stack, 'removeLabelsFromDevices', { ids, labelIds: [labelId] })).toEqual([
      'SUCCEEDED',
      'SUCCEEDED',
    ]);
    const removed = await page(stack, 50);
    expect(lostOn(removed.nodes)).toEqual(lostOn(first.nodes));
    expect(removed).toEqual(first);
  });

  it('a device action (lockDevices) invalidates the members as it invalidates V25 answers', async () => {
    const first = await page(stack, 50);
    await stack.resetUpstreamStats();
    await page(stack, 50);
    expect(await calls(stack)).toEqual({});

    const active = first.nodes.find((node) => node.status === 'ACTIVE')!;
    await act(stack, 'lockDevices', { ids: [active.id] });
    await stack.resetUpstreamStats();
    const next = await page(stack, 50);
    expect(next.nodes.find((node) => node.id === active.id)!.status).toBe('LOCKED');
    expect(next.nodes.map((node) => node.labels)).toEqual(first.nodes.map((node) => node.labels));
    // The device class is dropped (the reference class is not): the page's search, E22 for the members plan's own
    // copy (kept in the device class), and every label's members again.
    expect(await calls(stack)).toEqual({ [SEARCH]: 1 + memberSearches(stack), [LABEL_LIST]: 1 });
  });
});

describe('a member search that fails', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ devices: 300 });
  });
  afterAll(() => stack.close());

  it('turns that page to per-device: the labels are still the world’s, from one V25 per device', async () => {
    // The page's own search passes; the first member search after it is refused (a 400 is not retried).
    await fetch(`${stack.simulator.url}/__sim/config`, {
      method: 'POST',
      body: JSON.stringify({ faults: [{ route: SEARCH, status: 400, skip: 1, times: 1 }] }),
    });
    await stack.resetUpstreamStats();
    const first = await page(stack, 50);
    expectWorldLabels(stack, first.nodes);
    expect((await calls(stack))[DEVICE_LABELS]).toBe(50);
  });
});
