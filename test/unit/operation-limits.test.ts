// checkOperation (src/plugins/list-cost.ts) on the real schema: costs from values, bounded work, list caps.
import { GraphQLObjectType, parse } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import { checkOperation } from '../../src/plugins/list-cost.js';
import { buildSchema } from '../../src/schema.js';

const schema = buildSchema();
const limits = { maxCost: 1000, maxListItems: 10 };
const check = (query: string, variables: Record<string, unknown> = {}) =>
  checkOperation(schema, parse(query), undefined, variables, limits);

describe('checkOperation', () => {
  it('counts `first` from a variable, and a connection without `first` as the default page', () => {
    const query = 'query($n: Int) { devices(first: $n) { nodes { uuid model platform } } }';
    expect(check(query, { n: 5 })).toBeUndefined();
    expect(check(query, { n: 400 })?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', maxCost: 1000 });
    // No `first`: 50 per page, 50 + 50 × 4 = 250.
    expect(check(query, { n: null })).toBeUndefined();
  });

  it('stops counting once over the limit, however often fragments repeat', () => {
    const levels = 12;
    const fragments = Array.from({ length: levels }, (_, i) =>
      i === levels - 1
        ? `fragment F${i} on Query { viewer { name } }`
        : `fragment F${i} on Query { ${`...F${i + 1} `.repeat(4)}}`,
    );
    // Expanded in full, the spreads hold 2 × 4^11 (over eight million) fields. Counted, not timed: the walk looks
    // up each field it visits on its parent type, and every field costs at least 1, so it may visit no more than
    // maxCost + 1 of them.
    const lookups = vi.spyOn(GraphQLObjectType.prototype, 'getFields');
    try {
      const refusal = check(`{ ...F0 } ${fragments.join(' ')}`);
      expect(refusal?.message).toMatch(/exceeds the limit of 1000/);
      expect(lookups.mock.calls.length).toBeGreaterThan(0);
      expect(lookups.mock.calls.length).toBeLessThanOrEqual(limits.maxCost + 1);
    } finally {
      lookups.mockRestore();
    }
  });

  it('caps lists in arguments and in input objects, at any depth', () => {
    const ids = Array.from({ length: 11 }, (_, i) => String(i));
    const nodes = 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }';
    expect(check(nodes, { ids })?.extensions).toMatchObject({ argument: 'nodes(ids:)', maxItems: 10 });
    expect(check(nodes, { ids: ids.slice(1) })).toBeUndefined();
    const restriction = { profileType: 'SECURITY', creationAllowedInSpace: true, overrideGlobalPolicies: false };
    const mutation = `mutation($r: [DeviceSpacePolicyRestrictionInput!]!) {
      setDeviceSpacePolicyRestrictions(input: { id: "x", restrictions: $r }) { userErrors { code } }
    }`;
    expect(check(mutation, { r: Array.from({ length: 11 }, () => restriction) })?.message).toMatch(
      /^`setDeviceSpacePolicyRestrictions\(input:\)\.restrictions` holds 11 items/,
    );
  });

  it('leaves variables that do not coerce to execution, which refuses them before any resolver', () => {
    expect(check('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: 'x'.repeat(5) })).toBeUndefined();
  });
});
