// The filter compiler: every value is quoted and escaped, so no value can change the compiled query's
// structure. Proven by parsing the output with the simulator's independent parser.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileDeviceFilter, compileDeviceOrder } from '../../src/upstream/epmm/device-filter.js';
import { chunkedEqualsQueries, quote } from '../../src/upstream/epmm/search-query.js';
import { parseAdvancedQuery, type QueryNode } from '../../src/simulator/search/index.js';

const anyField = (name: string) => name;

function comparisons(node: QueryNode | null): Array<{ field: string; op: string; value: string | number }> {
  if (!node) return [];
  if (node.kind === 'cmp') return [{ field: node.field, op: node.op, value: node.value }];
  return [...comparisons(node.left), ...comparisons(node.right)];
}

describe('compileDeviceFilter', () => {
  it('compiles an empty filter to an empty query', () => {
    expect(compileDeviceFilter(undefined)).toEqual({ query: '' });
    expect(compileDeviceFilter({})).toEqual({ query: '' });
  });

  it('ANDs conditions and ORs list values', () => {
    const { query } = compileDeviceFilter({ platform: ['IOS', 'ANDROID'], compliant: false });
    expect(query).toBe('("common.platform" = "iOS" OR "common.platform" = "Android") AND "common.compliant" = "false"');
    const tree = parseAdvancedQuery(query, anyField);
    expect(tree?.kind).toBe('and');
  });

  it('no string value can change the structure of the compiled query', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), (principal, model) => {
        const { query } = compileDeviceFilter({ userPrincipal: principal, model });
        const tree = parseAdvancedQuery(query, anyField);
        expect(tree?.kind).toBe('and');
        expect(comparisons(tree)).toEqual([
          { field: 'common.model', op: '=', value: model },
          { field: 'user.user_id', op: '=', value: principal },
        ]);
      }),
      { numRuns: 500 },
    );
  });

  it('quote() escapes backslashes and quotes only', () => {
    expect(quote('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(quote("it's")).toBe('"it\'s"');
  });

  it('refuses labelId combined with other conditions', () => {
    expect(() => compileDeviceFilter({ labelId: 3, compliant: true })).toThrow(/labelId/);
    expect(compileDeviceFilter({ labelId: 3 })).toEqual({ query: '', labelId: 3 });
  });

  it('refuses a filter that compiles past 255 characters', () => {
    expect(() => compileDeviceFilter({ manufacturer: 'x'.repeat(240) })).toThrow(/255/);
  });

  it('orders by id when no order is asked for, so offset paging is stable', () => {
    expect(compileDeviceOrder(undefined)).toEqual({ sortField: 'common.id', sortOrder: 'ASC' });
    expect(compileDeviceOrder({ field: 'LAST_CHECK_IN', direction: 'DESC' })).toEqual({ sortField: 'common.last_connected_at', sortOrder: 'DESC' });
  });
});

describe('chunkedEqualsQueries', () => {
  it('keeps every chunk within 255 characters and every value in exactly one chunk', () => {
    fc.assert(
      fc.property(fc.array(fc.uuid(), { maxLength: 60 }), (uuids) => {
        const chunks = chunkedEqualsQueries('common.uuid', uuids);
        for (const chunk of chunks) {
          expect(chunk.query.length).toBeLessThanOrEqual(255);
          expect(comparisons(parseAdvancedQuery(chunk.query, anyField)).map((c) => c.value)).toEqual(chunk.values);
        }
        expect(chunks.flatMap((chunk) => chunk.values)).toEqual(uuids);
      }),
    );
  });

  it('fits four uuids in one query', () => {
    const uuids = Array.from({ length: 8 }, (_, i) => `00000000-0000-4000-8000-00000000000${i}`);
    expect(chunkedEqualsQueries('common.uuid', uuids).map((chunk) => chunk.values.length)).toEqual([4, 4]);
  });
});
