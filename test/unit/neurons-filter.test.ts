// The Neurons filter language: the simulator's parser/evaluator and the gateway's fq builder agree, and a
// value can never change an expression's structure.
import { describe, expect, it } from 'vitest';
import { FilterSyntaxError } from '../../src/simulator/neurons/filter/ast.js';
import { checkFields, compileFilter, toTreeView } from '../../src/simulator/neurons/filter/evaluate.js';
import { parseFilter } from '../../src/simulator/neurons/filter/parse.js';
import { GatewayError } from '../../src/errors.js';
import { fqAll, fqAny, fqEq, fqFromTreeView, fqLeaf, fqQuote } from '../../src/upstream/neurons/fq.js';

type Row = Record<string, string[]>;
const values = (row: Row, field: string) => row[field] ?? [];
const matches = (expression: string, row: Row) => compileFilter(parseFilter(expression), values)(row);

describe('parseFilter / compileFilter', () => {
  it('reads every expression the documents show', () => {
    expect(parseFilter("OSVERSION EQ '5.0'")).toEqual({
      kind: 'leaf',
      field: 'OSVERSION',
      operator: 'EQ',
      value: '5.0',
    });
    expect(parseFilter("PRETTYMODEL EQ 'HTC One X' ")).toEqual({
      kind: 'leaf',
      field: 'PRETTYMODEL',
      operator: 'EQ',
      value: 'HTC One X',
    });
    expect(parseFilter("ACCOUNTGROUP EQ 'All Users'")).toMatchObject({ value: 'All Users' });
    expect(parseFilter('')).toBeNull();
    expect(parseFilter('   ')).toBeNull();
  });

  it('combines with AND/OR (AND binds tighter) and parentheses', () => {
    const row = { PLATFORMTYPE: ['IOS'], OWNERSHIPTYPE: ['EMPLOYEE'] };
    expect(matches("PLATFORMTYPE EQ 'IOS' AND OWNERSHIPTYPE EQ 'COMPANY'", row)).toBe(false);
    expect(matches("PLATFORMTYPE EQ 'ANDROID' OR PLATFORMTYPE EQ 'IOS' AND OWNERSHIPTYPE EQ 'EMPLOYEE'", row)).toBe(
      true,
    );
    expect(matches("(PLATFORMTYPE EQ 'ANDROID' OR PLATFORMTYPE EQ 'IOS') AND OWNERSHIPTYPE NEQ 'COMPANY'", row)).toBe(
      true,
    );
    expect(matches("platformtype eq 'ios'", row)).toBe(true); // case-insensitive words and values
  });

  it('matches multi-valued fields on any value, NEQ on none', () => {
    const row = { ACCOUNTGROUP: ['All Users', 'Managers'] };
    expect(matches("ACCOUNTGROUP EQ 'managers'", row)).toBe(true);
    expect(matches("ACCOUNTGROUP NEQ 'Managers'", row)).toBe(false);
  });

  it('rejects malformed expressions with a position', () => {
    for (const bad of [
      "PLATFORMTYPE EQ 'IOS",
      "PLATFORMTYPE LIKE 'IOS'",
      'PLATFORMTYPE EQ IOS',
      "(PLATFORMTYPE EQ 'IOS'",
      "PLATFORMTYPE EQ 'IOS' 'x'",
      "PLATFORMTYPE EQ 'IOS' AND",
      '= x',
    ]) {
      expect(() => parseFilter(bad), bad).toThrow(FilterSyntaxError);
    }
    let caught: unknown;
    try {
      parseFilter("PLATFORMTYPE EQ 'IOS' )");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(FilterSyntaxError);
    expect((caught as FilterSyntaxError).position).toBe(22);
  });

  it('checks fields against an allow-list, with the _# numeric custom-attribute suffix', () => {
    expect(() => checkFields(parseFilter("SHOESIZE EQ '9'"), new Set(['PLATFORMTYPE']))).toThrow(FilterSyntaxError);
    expect(() => checkFields(parseFilter("COST_CENTER_# EQ '9'"), new Set(['COST_CENTER_#']))).not.toThrow();
  });

  it('gives LEAF tree views like the samples, and AND/OR nodes with children', () => {
    expect(toTreeView(parseFilter("PRETTYMODEL EQ 'iPad' "))).toEqual({
      operator: 'LEAF',
      rule: { field: 'PRETTYMODEL', cfAttributeName: null, operator: 'EQ', values: ['iPad'] },
      children: null,
    });
    expect(toTreeView(parseFilter("A EQ '1' OR B EQ '2'"))).toMatchObject({
      operator: 'OR',
      rule: null,
      children: [{ operator: 'LEAF' }, { operator: 'LEAF' }],
    });
  });
});

describe('fq builder', () => {
  it('quotes and escapes values so the simulator reads back exactly the value', () => {
    for (const value of ["O'Brien", 'back\\slash', "' OR PLATFORMTYPE NEQ '", 'plain', '']) {
      const node = parseFilter(fqEq('DISPLAYNAME', value).text);
      expect(node).toEqual({ kind: 'leaf', field: 'DISPLAYNAME', operator: 'EQ', value });
    }
    expect(fqQuote("a'b")).toBe("'a\\'b'");
  });

  it('refuses field names outside the language', () => {
    expect(() => fqLeaf("PLATFORMTYPE EQ 'IOS' OR X", 'EQ', 'y')).toThrow(GatewayError);
    expect(() => fqEq('platformType', 'IOS')).toThrow(GatewayError);
  });

  it('joins with parentheses, which parse back to the same structure', () => {
    const text = fqAll([
      fqAny([fqEq('PLATFORMTYPE', 'IOS'), fqEq('PLATFORMTYPE', 'OSX')]),
      fqEq('OWNERSHIPTYPE', 'COMPANY'),
    ]).text;
    expect(text).toBe("((PLATFORMTYPE EQ 'IOS') OR (PLATFORMTYPE EQ 'OSX')) AND (OWNERSHIPTYPE EQ 'COMPANY')");
    expect(matches(text, { PLATFORMTYPE: ['OSX'], OWNERSHIPTYPE: ['COMPANY'] })).toBe(true);
    expect(matches(text, { PLATFORMTYPE: ['OSX'], OWNERSHIPTYPE: ['EMPLOYEE'] })).toBe(false);
    expect(() => fqAll([])).toThrow(GatewayError);
  });

  it('turns a treeView into fq (the NG11 recipe): several values are alternatives, null is no filter', () => {
    expect(fqFromTreeView(null)).toBeNull();
    const tree = {
      operator: 'LEAF',
      rule: { field: 'PLATFORMTYPE', cfAttributeName: null, operator: 'EQ', values: ['IOS', 'OSX'] },
      children: null,
    };
    expect(fqFromTreeView(tree)?.text).toBe("(PLATFORMTYPE EQ 'IOS') OR (PLATFORMTYPE EQ 'OSX')");
    const roundTrip = toTreeView(parseFilter("(A EQ '1') AND (B NEQ 'x''y')".replace("'x''y'", "'x\\'y'")));
    expect(fqFromTreeView(roundTrip)?.text).toBe("(A EQ '1') AND (B NEQ 'x\\'y')");
    expect(() =>
      fqFromTreeView({ operator: 'LEAF', rule: { field: 'A', operator: 'GT', values: ['1'] }, children: null }),
    ).toThrow(GatewayError);
  });
});
