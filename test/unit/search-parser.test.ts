// The gateway's parser for raw advanced-search text: it accepts the documents' forms, refuses anything else
// with a position, and what it prints is what the simulator's independent parser reads back.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSearchQuery, printSearchQuery, type SearchNode } from '../../src/upstream/epmm/search-parser.js';
import { compileDeviceFilter } from '../../src/upstream/epmm/device-filter.js';
import { parseAdvancedQuery } from '../../src/simulator/search/index.js';

describe('parseSearchQuery', () => {
  it.each([
    ['"common.uuid"="c592e4f3-4e76-4148-a91e-c62da8464968"', '"common.uuid" = "c592e4f3-4e76-4148-a91e-c62da8464968"'],
    ['"common.manufacturer" starts with "Appl"', '"common.manufacturer" starts with "Appl"'],
    ['manufacturer contains "Apple"', '"manufacturer" contains "Apple"'],
    ['a = "1" or b = "2" AND c = "3"', '"a" = "1" OR ("b" = "2" AND "c" = "3")'],
    ['(a = "1" OR b = "2") AND c >= 3', '("a" = "1" OR "b" = "2") AND "c" >= "3"'],
    ['"ios.iPhone UDID" != "x \\" y"', '"ios.iPhone UDID" != "x \\" y"'],
  ])('%s', (source, printed) => {
    expect(printSearchQuery(parseSearchQuery(source)!)).toBe(printed);
  });

  it('reads an empty query as none', () => {
    expect(parseSearchQuery('   ')).toBeNull();
  });

  it.each([
    ['test', 4],
    ['a = ', 4],
    ['a = "1" AND', 11],
    ['(a = "1"', 8],
    ['a = "1")', 7],
    ['a = "unterminated', 4],
    ['a ~ "1"', 2],
    ['a = "1" b = "2"', 8],
  ])('refuses %s at position %i', (source, position) => {
    expect(() => parseSearchQuery(source)).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', details: expect.objectContaining({ position }) }),
    );
  });

  const field = fc.constantFrom('common.model', 'manufacturer', 'ios.iPhone UDID', 'user.user_id');
  const leaf: fc.Arbitrary<SearchNode> = fc.record({
    kind: fc.constant('compare' as const),
    field,
    op: fc.constantFrom('=', '!=', 'contains', 'starts with', '<', '>', '<=', '>=' as const),
    value: fc.string({ maxLength: 12 }),
  });
  const tree = fc.letrec<{ node: SearchNode }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.record({ kind: fc.constantFrom('and' as const, 'or' as const), left: tie('node'), right: tie('node') }),
    ),
  })).node;

  it('printing is stable: print(parse(print(t))) = print(t), and the simulator reads the same comparisons', () => {
    fc.assert(
      fc.property(tree, (node) => {
        const printed = printSearchQuery(node);
        expect(printSearchQuery(parseSearchQuery(printed)!)).toBe(printed);
        expect(() => parseAdvancedQuery(printed, (name) => name)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it('a raw query joins the other conditions, parenthesised when it is an OR', () => {
    expect(compileDeviceFilter({ compliant: false, query: 'a = "1" OR b = "2"' }).query).toBe(
      '"common.compliant" = "false" AND ("a" = "1" OR "b" = "2")',
    );
    expect(() => compileDeviceFilter({ query: '" OR 1=1 --' })).toThrow(/not valid/);
  });
});
