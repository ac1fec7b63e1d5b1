// nodes(ids:) fails item by item: a malformed id or a failing source is null at its index with an error located
// at ["nodes", i], and the other items still answer, with graphql-jit and with graphql-js's executor alike.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeId } from '../../src/ids.js';
import { startStack, type Stack } from '../helpers/stack.js';

const NODES = 'query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Device { uuid } } }';

describe.each(['on', 'off'])('nodes(ids:) with GRAPHQL_JIT=%s', (jit) => {
  let stack: Stack;
  beforeAll(async () => {
    // Neurons off: a Neurons id is a source failure (NOT_SUPPORTED_BY_SOURCE), not a malformed id.
    stack = await startStack({ devices: 20, env: { GRAPHQL_JIT: jit, NEURONS_URL: 'off' } });
  });
  afterAll(() => stack.close());

  it('answers the good ids around a malformed one, with one error at its index', async () => {
    const [first, second] = stack.simulator.world.devices;
    const ids = [encodeId('Device', 'EPMM', first.uuid), 'not-an-id', encodeId('Device', 'EPMM', second.uuid)];
    const response = await stack.gql<{ nodes: Array<{ id: string; uuid: string } | null> }>(NODES, { ids });
    expect(response.data!.nodes).toEqual([{ id: ids[0], uuid: first.uuid }, null, { id: ids[2], uuid: second.uuid }]);
    expect(response.errors).toHaveLength(1);
    expect(response.errors![0].path).toEqual(['nodes', 1]);
    expect(response.errors![0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('keeps each failure at its own index when a source fails too', async () => {
    const [device] = stack.simulator.world.devices;
    const ids = ['bad', encodeId('Device', 'EPMM', device.uuid), encodeId('Device', 'NEURONS', '1:42')];
    const response = await stack.gql<{ nodes: Array<{ uuid: string } | null> }>(NODES, { ids });
    expect(response.data!.nodes).toHaveLength(3);
    expect(response.data!.nodes.map((node) => node?.uuid ?? null)).toEqual([null, device.uuid, null]);
    const byIndex = Object.fromEntries(response.errors!.map((error) => [error.path![1], error.extensions?.code]));
    expect(byIndex).toEqual({ 0: 'BAD_USER_INPUT', 2: 'NOT_SUPPORTED_BY_SOURCE' });
  });
});
