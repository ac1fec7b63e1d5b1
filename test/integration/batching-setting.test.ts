// BATCHING=off (the benchmark's no-batching baseline): the true-batch device-by-uuid loader sends one uuid per
// search instead of four, and the answer stays the same.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeId } from '../../src/ids.js';
import { startStack, type Stack } from '../helpers/stack.js';

const NODES = `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Device { uuid model } } }`;

let batched: Stack;
let unbatched: Stack;
beforeAll(async () => {
  batched = await startStack({ devices: 60 });
  unbatched = await startStack({ devices: 60, env: { BATCHING: 'off' } });
});
afterAll(async () => {
  await batched.close();
  await unbatched.close();
});

describe('BATCHING setting', () => {
  it('on: 8 uuids cost 2 searches; off: 8 searches, with the same data', async () => {
    const uuids = batched.simulator.world.devices.slice(0, 8).map((device) => device.uuid);
    const ids = uuids.map((uuid) => encodeId('Device', 'EPMM', uuid));

    const on = await batched.gql<{ nodes: Array<{ uuid: string; model: string }> }>(NODES, { ids });
    expect(on.errors).toBeUndefined();
    expect(on.data!.nodes.map((node) => node.uuid)).toEqual(uuids);
    expect((await batched.upstreamStats()).byRoute['GET /api/v2/devices']).toBe(2);

    const off = await unbatched.gql<{ nodes: Array<{ uuid: string; model: string }> }>(NODES, { ids });
    expect(off.data).toEqual(on.data);
    expect((await unbatched.upstreamStats()).byRoute['GET /api/v2/devices']).toBe(8);
  });
});
