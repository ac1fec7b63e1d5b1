// The filter compiler: every value is quoted and escaped, so no value can change the compiled query's
// structure. Proven by parsing the output with the simulator's independent parser.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../src/errors.js';
import type { DeviceFilterModel } from '../../src/models/device-filter.js';
import { compileDeviceFilter, compileDeviceOrder } from '../../src/upstream/epmm/device-filter.js';
import { compareVersions } from '../../src/upstream/epmm/os-version-range.js';
import { chunkedEqualsQueries, quote } from '../../src/upstream/epmm/search-query.js';
import { parseAdvancedQuery, type QueryNode } from '../../src/simulator/search/index.js';

const anyField = (name: string) => name;

function comparisons(node: QueryNode | null): Array<{ field: string; op: string; value: string | number }> {
  if (!node) return [];
  if (node.kind === 'cmp') return [{ field: node.field, op: node.op, value: node.value }];
  return [...comparisons(node.left), ...comparisons(node.right)];
}

/** The tree without its values: what no value may change. */
function shape(node: QueryNode | null): string {
  if (!node) return '';
  if (node.kind === 'cmp') return `${node.field} ${node.op} ?`;
  return `(${shape(node.left)} ${node.kind} ${shape(node.right)})`;
}

/** Dotted versions with a two-digit major, as the range accepts. */
const version = fc
  .tuple(fc.integer({ min: 10, max: 99 }), fc.array(fc.integer({ min: 0, max: 999_999 }), { maxLength: 3 }))
  .map(([major, rest]) => [major, ...rest].join('.'));

const TEXT_FIELDS = ['ios.DeviceName', 'common.model', 'user.display_name', 'common.SerialNumber'];

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

  it('no value of any string field, the free text or the version range can change the structure', () => {
    const text = fc.string({ maxLength: 12 });
    fc.assert(
      fc.property(
        fc.record({
          manufacturer: text,
          userEmail: text,
          deviceSpaceName: text,
          search: fc
            .string({ minLength: 1, maxLength: 12 })
            .filter((value) => value.trim() !== '' && !/^[\d\s().+-]+$/.test(value.trim())),
          osVersionAtLeast: version,
        }),
        (values) => {
          const filter: DeviceFilterModel = { ...values, osVersionBelow: '99.999999.999999.999999' };
          if (compareVersions(values.osVersionAtLeast, filter.osVersionBelow!) >= 0) return;
          let query: string;
          try {
            ({ query } = compileDeviceFilter(filter));
          } catch (error) {
            // Escaped values can push a filter past EPMM's 255 characters: refused, never truncated.
            expect((error as GatewayError).message).toMatch(/255/);
            return;
          }
          const benign = compileDeviceFilter({
            manufacturer: 'm',
            userEmail: 'e',
            deviceSpaceName: 'd',
            search: 'x',
            osVersionAtLeast: '10',
            osVersionBelow: filter.osVersionBelow,
          });
          const tree = parseAdvancedQuery(query, anyField);
          expect(shape(tree)).toBe(shape(parseAdvancedQuery(benign.query, anyField)));
          const search = values.search.trim();
          expect(comparisons(tree)).toEqual([
            { field: 'common.manufacturer', op: '=', value: values.manufacturer },
            { field: 'user.email_address', op: '=', value: values.userEmail },
            { field: 'common.device_space_name', op: '=', value: values.deviceSpaceName },
            { field: 'common.os_version', op: '>=', value: values.osVersionAtLeast },
            { field: 'common.os_version', op: '<', value: filter.osVersionBelow },
            ...TEXT_FIELDS.map((field) => ({ field, op: 'contains', value: search })),
          ]);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a phone-like search searches the phone number by its digits instead of the user name, OR-ed with the other fields', () => {
    const { query } = compileDeviceFilter({ search: ' +1 (408) 555 ', compliant: true });
    const tree = parseAdvancedQuery(query, anyField);
    expect(tree?.kind).toBe('and');
    expect(comparisons(tree).slice(1)).toEqual([
      ...TEXT_FIELDS.filter((field) => field !== 'user.display_name').map((field) => ({
        field,
        op: 'contains',
        value: '+1 (408) 555',
      })),
      { field: 'common.current_phone_number', op: 'contains', value: '1408555' },
    ]);
    // The OR group is one operand of the AND, not a sibling of it.
    expect(tree?.kind === 'and' && tree.right.kind).toBe('or');
  });

  it('a blank search filters nothing', () => {
    expect(compileDeviceFilter({ search: '   ' })).toEqual({ query: '' });
  });

  it('any string as a version bound is either refused or compiled as one quoted value', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (bound) => {
        let query: string;
        try {
          ({ query } = compileDeviceFilter({ osVersionBelow: bound }));
        } catch (error) {
          expect(error).toBeInstanceOf(GatewayError);
          expect((error as GatewayError).code).toBe('BAD_USER_INPUT');
          return;
        }
        expect(comparisons(parseAdvancedQuery(query, anyField))).toEqual([
          { field: 'common.os_version', op: '<', value: bound.trim() },
        ]);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses one-digit majors and empty version ranges with BAD_USER_INPUT', () => {
    expect(() => compileDeviceFilter({ osVersionAtLeast: '9' })).toThrow(/two-digit major/);
    expect(() => compileDeviceFilter({ osVersionBelow: '17 OR x' })).toThrow(/two-digit major/);
    expect(() => compileDeviceFilter({ osVersionAtLeast: '17.4', osVersionBelow: '17.4.0' })).toThrow(/range is empty/);
    expect(compileDeviceFilter({ osVersionAtLeast: '16.7', osVersionBelow: '17.10' }).query).toBe(
      '"common.os_version" >= "16.7" AND "common.os_version" < "17.10"',
    );
  });

  it('compares versions numerically, component by component', () => {
    expect(compareVersions('17.10', '17.4')).toBeGreaterThan(0);
    expect(compareVersions('17', '17.0.0')).toBe(0);
    expect(compareVersions('10.0.19045', '10.0.22631')).toBeLessThan(0);
  });

  it('refuses labelId combined with the new conditions too (EPMM answers an empty page)', () => {
    expect(() => compileDeviceFilter({ labelId: 3, search: 'ipad' })).toThrow(/labelId/);
    expect(() => compileDeviceFilter({ labelId: 3, osVersionAtLeast: '17' })).toThrow(/labelId/);
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
    expect(compileDeviceOrder({ field: 'LAST_CHECK_IN', direction: 'DESC' })).toEqual({
      sortField: 'common.last_connected_at',
      sortOrder: 'DESC',
    });
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
