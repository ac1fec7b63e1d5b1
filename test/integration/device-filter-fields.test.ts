// DeviceFilter's free text and OS version range, end to end against the simulator's own evaluation of EPMM's
// search language: the devices returned are exactly the world's devices that match, in one search call.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { compareVersions } from '../../src/upstream/epmm/os-version-range.js';
import { encodeId } from '../../src/ids.js';
import { startStack, type Stack } from '../helpers/stack.js';

const SEARCH = 'GET /api/v2/devices';
const QUERY = `query($filter: DeviceFilter) { devices(first: 200, filter: $filter, source: EPMM) { totalCount nodes { uuid } } }`;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ devices: 150 });
});
afterAll(() => stack.close());
beforeEach(() => stack.resetUpstreamStats());

async function uuidsFor(filter: Record<string, unknown>): Promise<string[]> {
  const response = await stack.gql<{ devices: { nodes: Array<{ uuid: string }> } }>(QUERY, { filter });
  expect(response.errors).toBeUndefined();
  return response.data!.devices.nodes.map((node) => node.uuid).sort();
}

describe('DeviceFilter search and OS version range', () => {
  it('search matches name, model, user display name or serial, case-insensitively, in one call', async () => {
    const world = stack.simulator.world;
    const expected = world.devices
      .filter((device) => {
        const user = world.usersByUuid.get(device.userUuid);
        return [device.deviceName, device.model, user?.displayName, device.serialNumber].some((text) =>
          text?.toLowerCase().includes('pixel'),
        );
      })
      .map((device) => device.uuid)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(await uuidsFor({ search: 'PIXEL' })).toEqual(expected);
    expect((await stack.upstreamStats()).byRoute[SEARCH]).toBe(1);
  });

  it('a quote or backslash in search is a value, not syntax', async () => {
    expect(await uuidsFor({ search: 'x" OR "common.uuid" != "' })).toEqual([]);
  });

  it('osVersionAtLeast / osVersionBelow select Android 13 and 14 devices', async () => {
    const expected = stack.simulator.world.devices
      .filter(
        (device) =>
          device.platform === 'Android' &&
          compareVersions(device.osVersion, '13') >= 0 &&
          compareVersions(device.osVersion, '15') < 0,
      )
      .map((device) => device.uuid)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(await uuidsFor({ platform: ['ANDROID'], osVersionAtLeast: '13', osVersionBelow: '15' })).toEqual(expected);
  });

  it('refuses a one-digit major and label + search with BAD_USER_INPUT before any upstream call', async () => {
    for (const filter of [{ osVersionBelow: '9' }, { labelId: encodeId('Label', 'EPMM', '1'), search: 'ipad' }]) {
      const response = await stack.gql(QUERY, { filter });
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect((await stack.upstreamStats()).byRoute[SEARCH] ?? 0).toBe(0);
  });
});
