// Labels and policies end to end: GraphQL over HTTP -> gateway -> simulator, asserting the data against the
// simulator's world and the exact upstream calls, cold and warm (the label drill-down screen).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SimDevice, SimLabel } from '../../src/simulator/fleet/types.js';
import { devicePolicies } from '../../src/simulator/routes/epmm-v1-policies.js';
import { deviceHasLabel } from '../../src/simulator/labels.js';
import { spaceSubtree } from '../../src/simulator/spaces/device-scope.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { DRILL_DOWN } from '../helpers/screens.js';

const SEARCH = 'GET /api/v2/devices';
const MINE = 'GET /api/v2/device_spaces/mine';
const LABELS = 'GET /api/v1/dm/labels';
const DEVICE_LABELS = 'GET /api/v2/devices/:uuid/labels';
const POLICIES = 'GET /api/v1/policies';
const DEVICE_POLICIES = 'GET /api/v1/policies/devices/:uuid';

interface LabelNode {
  id: string;
  legacyId: number;
  name: string;
  builtIn: boolean;
  static: boolean | null;
  deviceCount: number;
  devices: { totalCount: number; pageInfo: { hasNextPage: boolean }; nodes: Array<{ uuid: string }> };
}

let stack: Stack;
let world: Stack['simulator']['world'];

/** A fresh stack per block: each block's cold-cache counts must not depend on what another block cached. */
function useFreshStack(): void {
  beforeAll(async () => {
    stack = await startStack({ devices: 300 });
    world = stack.simulator.world;
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.resetUpstreamStats());
}

/** miadmin's space is Global: every device of the world is in scope; devices in EPMM's default order. */
function labelDevices(label: SimLabel): SimDevice[] {
  return world.devices.filter((device) => deviceHasLabel(device, label)).sort((a, b) => a.id - b.id);
}

function onlyRoutes(byRoute: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(byRoute).filter(([, count]) => count > 0));
}

describe('scenario 4: label drill-down (all labels with device counts and their first 10 devices)', () => {
  useFreshStack();

  it('answers from the world with 1 + one search per label cold, and no call warm', async () => {
    const cold = await stack.gql<{ labels: { totalCount: number; nodes: LabelNode[] } }>(DRILL_DOWN);
    expect(cold.errors).toBeUndefined();
    const { labels } = cold.data!;
    expect(labels.totalCount).toBe(world.labels.length);
    expect(labels.nodes.map((label) => label.legacyId)).toEqual(world.labels.map((label) => label.id));
    for (const node of labels.nodes) {
      const label = world.labels.find((candidate) => candidate.id === node.legacyId)!;
      const members = labelDevices(label);
      expect(node.name).toBe(label.name);
      expect(node.builtIn).toBe(label.id < 0);
      expect(node.static).toBe(!label.builtIn);
      expect(node.deviceCount).toBe(members.length);
      expect(node.devices.totalCount).toBe(members.length);
      expect(node.devices.pageInfo.hasNextPage).toBe(members.length > 10);
      expect(node.devices.nodes.map((device) => device.uuid)).toEqual(
        members.slice(0, 10).map((device) => device.uuid),
      );
    }
    // The spaces call proves the credential on its first request; the label list carries the counts; each
    // label's first page is one search (EPMM's labelId takes one label), which also gives its total.
    expect(onlyRoutes((await stack.upstreamStats()).byRoute)).toEqual({
      [MINE]: 1,
      [LABELS]: 1,
      [SEARCH]: world.labels.length,
    });

    await stack.resetUpstreamStats();
    const warm = await stack.gql(DRILL_DOWN);
    expect(warm.data).toEqual(cold.data);
    expect((await stack.upstreamStats()).total).toBe(0);
  });
});

describe('label drill-down per administrator', () => {
  useFreshStack();

  it("counts and lists only the devices of the caller's spaces, from a cache partition of its own", async () => {
    const asMiadmin = await stack.gql<{ labels: { nodes: LabelNode[] } }>(DRILL_DOWN, {}, 'miadmin');
    await stack.resetUpstreamStats();
    const asEmea = await stack.gql<{ labels: { nodes: LabelNode[] } }>(DRILL_DOWN, {}, 'emea');
    expect(asEmea.errors).toBeUndefined();
    const emea = world.admins.find((admin) => admin.name === 'emea')!;
    const spaces = new Set(emea.spaceIds.flatMap((id) => [...spaceSubtree(world, id)]));
    let differs = false;
    for (const node of asEmea.data!.labels.nodes) {
      const label = world.labels.find((candidate) => candidate.id === node.legacyId)!;
      const members = labelDevices(label).filter((device) => spaces.has(device.spaceId));
      expect(node.deviceCount).toBe(members.length);
      expect(node.devices.totalCount).toBe(members.length);
      expect(node.devices.nodes.map((device) => device.uuid)).toEqual(
        members.slice(0, 10).map((device) => device.uuid),
      );
      differs ||=
        asMiadmin.data!.labels.nodes.find((other) => other.legacyId === node.legacyId)!.deviceCount !==
        node.deviceCount;
    }
    expect(differs).toBe(true);
    // Nothing of miadmin's cached answers is reused for emea.
    expect(onlyRoutes((await stack.upstreamStats()).byRoute)).toEqual({
      [MINE]: 1,
      [LABELS]: 1,
      [SEARCH]: world.labels.length,
    });
  });
});

describe('labels', () => {
  useFreshStack();

  it('searches by name, pages with cursors and reads one label by id without another call', async () => {
    const wanted = world.labels.find((label) => !label.builtIn)!;
    const needle = wanted.name.slice(1, 4).toUpperCase();
    const expected = world.labels.filter((label) => label.name.toLowerCase().includes(needle.toLowerCase()));
    const response = await stack.gql<{ labels: { totalCount: number; nodes: Array<{ id: string; name: string }> } }>(
      'query($s: String) { labels(search: $s) { totalCount nodes { id name } } }',
      { s: needle },
    );
    expect(response.data!.labels.totalCount).toBe(expected.length);
    expect(response.data!.labels.nodes.map((label) => label.name)).toEqual(expected.map((label) => label.name));

    const first = await stack.gql<{
      labels: { pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: Array<{ name: string }> };
    }>('{ labels(first: 2) { pageInfo { hasNextPage endCursor } nodes { name } } }');
    const next = await stack.gql<{ labels: { nodes: Array<{ name: string }> } }>(
      'query($a: String) { labels(first: 2, after: $a) { nodes { name } } }',
      {
        a: first.data!.labels.pageInfo.endCursor,
      },
    );
    expect([...first.data!.labels.nodes, ...next.data!.labels.nodes].map((label) => label.name)).toEqual(
      world.labels.slice(0, 4).map((label) => label.name),
    );

    const id = response.data!.labels.nodes[0].id;
    await stack.resetUpstreamStats();
    const one = await stack.gql<{ label: { name: string }; node: { __typename: string; name: string } }>(
      'query($id: ID!) { label(id: $id) { name } node(id: $id) { __typename ... on Label { name } } }',
      { id },
    );
    expect(one.data).toEqual({
      label: { name: expected[0].name },
      node: { __typename: 'Label', name: expected[0].name },
    });
    expect((await stack.upstreamStats()).total).toBe(0);
  });
});

describe('Device.labels and Device.policies', () => {
  useFreshStack();

  it('reads each device once through V25 and E44 (a bounded fan-out), and nothing warm', async () => {
    const query = `{ devices(first: 12, source: EPMM) { nodes { uuid labels { legacyId name deviceCount } policies { legacyId name type status deviceCount } } } }`;
    const cold = await stack.gql<{
      devices: {
        nodes: Array<{
          uuid: string;
          labels: Array<{ legacyId: number; deviceCount: number }>;
          policies: Array<{ legacyId: number; type: string; status: string; deviceCount: number }>;
        }>;
      };
    }>(query);
    expect(cold.errors).toBeUndefined();
    const nodes = cold.data!.devices.nodes;
    expect(nodes).toHaveLength(12);
    expect(nodes.some((node) => node.labels.length > 0)).toBe(true);
    for (const node of nodes) {
      const device = world.devicesByUuid.get(node.uuid)!;
      const labels = world.labels.filter((label) => deviceHasLabel(device, label));
      expect(node.labels.map((label) => label.legacyId).sort()).toEqual(labels.map((label) => label.id).sort());
      for (const label of node.labels)
        expect(label.deviceCount).toBe(
          labelDevices(world.labels.find((candidate) => candidate.id === label.legacyId)!).length,
        );
      expect(node.policies.map((policy) => policy.legacyId)).toEqual(
        devicePolicies(world, device).map((policy) => policy.id),
      );
      for (const policy of node.policies) expect(policy.status).toBe('ACTIVE');
    }
    // The spaces call, 1 search, 12 V25 and 12 E44 calls (EPMM has neither call for several devices), and one list each for the
    // counts that the per-device answers lack. Labels are read per device: 12 V25 calls beat the members plan's
    // 1 E22 + 14 searches (docs/data-loading.md, "Device labels: two plans"); the E22 read that costs it is the one
    // that answers the counts.
    expect(onlyRoutes((await stack.upstreamStats()).byRoute)).toEqual({
      [MINE]: 1,
      [SEARCH]: 1,
      [DEVICE_LABELS]: 12,
      [DEVICE_POLICIES]: 12,
      [LABELS]: 1,
      [POLICIES]: 1,
    });

    await stack.resetUpstreamStats();
    expect((await stack.gql(query)).data).toEqual(cold.data);
    expect((await stack.upstreamStats()).total).toBe(0);
  });
});

describe('policies', () => {
  useFreshStack();

  it('lists every policy with type, status, priority, counts and rules, and filters in the gateway', async () => {
    const query = `query($f: PolicyFilter) { policies(first: 50, filter: $f) { totalCount nodes { id legacyId name type builtIn status priority deviceCount rules { name value } } } }`;
    const all = await stack.gql<{
      policies: {
        totalCount: number;
        nodes: Array<{
          id: string;
          legacyId: number;
          name: string;
          type: string;
          builtIn: boolean;
          status: string;
          priority: number;
          deviceCount: number;
          rules: Array<{ name: string; value: string | null }>;
        }>;
      };
    }>(query);
    expect(all.errors).toBeUndefined();
    expect(all.data!.policies.totalCount).toBe(world.policies.length);
    for (const node of all.data!.policies.nodes) {
      const policy = world.policies.find((candidate) => candidate.id === node.legacyId)!;
      expect(node).toMatchObject({
        name: policy.name,
        type: policy.profileType,
        builtIn: policy.policyType === 'DEFAULT',
        status: policy.active ? 'ACTIVE' : 'INACTIVE',
        priority: policy.priority,
      });
      const managed = world.devices.filter(
        (device) => device.status !== 'PENDING' && devicePolicies(world, device).includes(policy),
      );
      expect(node.deviceCount).toBe(managed.length);
      const ruleNames = policy.rules.flatMap((rule) =>
        rule.resourceDTOs?.length
          ? [
              ...(rule.value === undefined ? [] : [rule.type]),
              ...rule.resourceDTOs.map((dto) => `${rule.type}/${dto.name}`),
            ]
          : [rule.type],
      );
      expect(node.rules.map((rule) => rule.name)).toEqual(ruleNames);
    }
    expect(onlyRoutes((await stack.upstreamStats()).byRoute)).toEqual({ [MINE]: 1, [POLICIES]: 1 });

    await stack.resetUpstreamStats();
    const inactive = await stack.gql<{ policies: { nodes: Array<{ name: string }> } }>(query, {
      f: { status: 'INACTIVE', type: ['SYNC'] },
    });
    expect(inactive.data!.policies.nodes.map((policy) => policy.name)).toEqual(
      world.policies.filter((policy) => !policy.active && policy.profileType === 'SYNC').map((policy) => policy.name),
    );
    const byId = await stack.gql<{ policy: { name: string } }>('query($id: ID!) { policy(id: $id) { name } }', {
      id: all.data!.policies.nodes[0].id,
    });
    expect(byId.data!.policy.name).toBe(world.policies[0].name);
    expect((await stack.upstreamStats()).total).toBe(0);
  });

  it('answers null for an id of another type and rejects a malformed id', async () => {
    const deviceId = Buffer.from(`Device:EPMM:${world.devices[0].uuid}`).toString('base64url');
    const response = await stack.gql<{ policy: null; label: null }>(
      'query($id: ID!) { policy(id: $id) { name } label(id: $id) { name } }',
      { id: deviceId },
    );
    expect(response.data).toEqual({ policy: null, label: null });
    const bad = await stack.gql('{ label(id: "nope") { name } }');
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
