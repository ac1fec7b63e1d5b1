import { describe, it, expect } from 'vitest';
import {
  SearchSyntaxError,
  compilePredicate,
  exactUuidLookup,
  parseAdvancedQuery,
  tokenize,
  type FieldValue,
  type QueryNode,
} from '../../src/simulator/search/index.js';

const ALIASES: Record<string, string> = {
  'common.uuid': 'common.uuid',
  uuid: 'common.uuid',
  'common.manufacturer': 'common.manufacturer',
  manufacturer: 'common.manufacturer',
  'details.APNS Capable': 'details.APNS Capable',
  a: 'a',
  b: 'b',
  c: 'c',
  test: 'test',
};
const resolve = (name: string): string | undefined => ALIASES[name];
const parse = (text: string): QueryNode | null => parseAdvancedQuery(text, resolve);
const cmp = (field: string, op: string, value: string | number): QueryNode =>
  ({ kind: 'cmp', field, op, value }) as QueryNode;

function syntaxError(run: () => unknown): SearchSyntaxError {
  try {
    run();
  } catch (error) {
    if (error instanceof SearchSyntaxError) return error;
    throw error;
  }
  throw new Error('expected a SearchSyntaxError');
}
const errorOf = (text: string): [string, number] => {
  const e = syntaxError(() => parse(text));
  return [e.token, e.position];
};

describe('lexer', () => {
  it('tags every token with kind, text and start position', () => {
    const tokens = tokenize('"common.uuid"="x" AND (b >= -5)');
    expect(tokens.map((t) => [t.kind, t.text, t.position])).toEqual([
      ['string', 'common.uuid', 0],
      ['op', '=', 13],
      ['string', 'x', 14],
      ['and', 'AND', 18],
      ['lparen', '(', 22],
      ['word', 'b', 23],
      ['op', '>=', 25],
      ['word', '-5', 28],
      ['rparen', ')', 30],
      ['eof', '<EOF>', 31],
    ]);
  });

  it('reads keywords case-insensitively and `starts with` across any whitespace', () => {
    const tokens = tokenize('x STARTS \n\t With y or z And w Contains v');
    expect(tokens.map((t) => t.kind)).toEqual([
      'word',
      'startsWith',
      'word',
      'or',
      'word',
      'and',
      'word',
      'contains',
      'word',
      'eof',
    ]);
    expect(tokens[1]).toMatchObject({ position: 2, value: 'starts with' });
  });

  it('keeps `starts` without `with` (and `startswith`) as plain words', () => {
    expect(tokenize('starts = startswith').map((t) => t.kind)).toEqual(['word', 'op', 'word', 'eof']);
  });

  it('unescapes \\" and \\\\ but keeps other backslashes literal', () => {
    const [token] = tokenize('"a \\"q\\" \\\\ DOMAIN\\user"');
    expect(token.value).toBe('a "q" \\ DOMAIN\\user');
  });

  it('rejects an unterminated string at its opening quote', () => {
    const e = syntaxError(() => tokenize('a = "abc\\"'));
    expect([e.token, e.position]).toEqual(['abc\\"', 4]);
  });

  it('rejects stray characters and a lone `!`', () => {
    expect(errorOf('a # 1')).toEqual(['#', 2]);
    expect(errorOf('a ! 1')).toEqual(['!', 2]);
  });
});

describe('parseAdvancedQuery: documented examples', () => {
  it('answers the bare word `test` with <EOF> at 4, known field or not', () => {
    const e = syntaxError(() => parse('test'));
    expect(e.token).toBe('<EOF>');
    expect(e.position).toBe(4);
    expect(e.message).toBe("Unrecognized token '<EOF>' at position 4");
    expect(e).toBeInstanceOf(Error);
    const unknown = syntaxError(() => parseAdvancedQuery('test', () => undefined));
    expect([unknown.token, unknown.position]).toEqual(['<EOF>', 4]);
  });

  it('parses a quoted uuid comparison written without spaces', () => {
    expect(parse('"common.uuid"="c592e4f3-4e76-4148-a91e-c62da8464968"')).toEqual(
      cmp('common.uuid', '=', 'c592e4f3-4e76-4148-a91e-c62da8464968'),
    );
  });

  it('parses `starts with`', () => {
    expect(parse('"common.manufacturer" starts with "Appl"')).toEqual(
      cmp('common.manufacturer', 'starts with', 'Appl'),
    );
  });

  it('resolves a bare alias to its canonical name', () => {
    expect(parse('manufacturer contains "Apple"')).toEqual(cmp('common.manufacturer', 'contains', 'Apple'));
  });

  it('returns null for an empty or blank query', () => {
    expect(parse('')).toBeNull();
    expect(parse(' \n\t ')).toBeNull();
  });

  it('accepts a quoted field name containing a space', () => {
    expect(parse('"details.APNS Capable" = true')).toEqual(cmp('details.APNS Capable', '=', 'true'));
  });
});

describe('parseAdvancedQuery: structure and values', () => {
  it('binds AND tighter than OR', () => {
    expect(parse('a = "1" OR b = "2" AND c = "3"')).toEqual({
      kind: 'or',
      left: cmp('a', '=', '1'),
      right: { kind: 'and', left: cmp('b', '=', '2'), right: cmp('c', '=', '3') },
    });
    expect(parse('a = "1" AND b = "2" OR c = "3"')).toEqual({
      kind: 'or',
      left: { kind: 'and', left: cmp('a', '=', '1'), right: cmp('b', '=', '2') },
      right: cmp('c', '=', '3'),
    });
  });

  it('is left-associative', () => {
    expect(parse('a = 1 or b = 2 or c = 3')).toEqual({
      kind: 'or',
      left: { kind: 'or', left: cmp('a', '=', 1), right: cmp('b', '=', 2) },
      right: cmp('c', '=', 3),
    });
  });

  it('lets parentheses override precedence, nested too', () => {
    expect(parse('((a = 1 OR b = 2)) AND c = 3')).toEqual({
      kind: 'and',
      left: { kind: 'or', left: cmp('a', '=', 1), right: cmp('b', '=', 2) },
      right: cmp('c', '=', 3),
    });
  });

  it('round-trips escapes in values', () => {
    expect(parse('a = "a \\"quoted\\" \\\\ value"')).toEqual(cmp('a', '=', 'a "quoted" \\ value'));
  });

  it('maps every operator', () => {
    const ops = ['=', '!=', '<', '>', '<=', '>='] as const;
    for (const op of ops) expect(parse(`a${op}1`)).toEqual(cmp('a', op, 1));
  });

  it('types values: bare numbers become numbers, everything else stays a string', () => {
    const value = (text: string): unknown => {
      const node = parse(`a = ${text}`);
      return node?.kind === 'cmp' ? node.value : undefined;
    };
    expect(value('42')).toBe(42);
    expect(value('-1.5')).toBe(-1.5);
    expect(value('"42"')).toBe('42');
    expect(value('true')).toBe('true');
    expect(value('2024-01-31')).toBe('2024-01-31');
    expect(value('89014103211118510720')).toBe('89014103211118510720');
  });
});

describe('parseAdvancedQuery: errors at the offending token', () => {
  it.each([
    ['missing value', 'a =', '<EOF>', 3],
    ['keyword as value', 'a = AND b = 1', 'AND', 4],
    ['missing operator', 'a "1"', '1', 2],
    ['dangling AND', 'a = 1 AND', '<EOF>', 9],
    ['dangling OR', 'a = 1 OR ', '<EOF>', 9],
    ['leading OR', 'OR a = 1', 'OR', 0],
    ['operator as field', '= 1', '=', 0],
    ['unclosed parenthesis', '(a = 1', '<EOF>', 6],
    ['extra closing parenthesis', 'a = 1)', ')', 5],
    ['empty parentheses', '()', ')', 1],
    ['trailing word', 'a = 1 b', 'b', 6],
    ['trailing string, reported without quotes', 'a = 1 "junk"', 'junk', 6],
    ['unknown bare field', 'nope contains "x"', 'nope', 0],
    ['unknown quoted field', 'a = 1 AND "no.such" = 1', 'no.such', 10],
  ])('%s', (_label, text, token, position) => {
    expect(errorOf(text)).toEqual([token, position]);
  });

  it('puts token and position in the message', () => {
    expect(syntaxError(() => parse('a = 1 "blargle"')).message).toBe("Unrecognized token 'blargle' at position 6");
  });
});

describe('compilePredicate', () => {
  type Item = Record<string, FieldValue>;
  const matches = (query: string, item: Item): boolean =>
    compilePredicate<Item>(parse(query), (it, field) => it[field] ?? null)(item);

  it('matches everything for a null query', () => {
    expect(compilePredicate<Item>(null, () => null)({})).toBe(true);
  });

  it('compares strings case-insensitively with = and !=', () => {
    expect(matches('a = "APPLE"', { a: 'Apple' })).toBe(true);
    expect(matches('a = "Appl"', { a: 'Apple' })).toBe(false);
    expect(matches('a != "apple"', { a: 'Apple' })).toBe(false);
    expect(matches('a != "pear"', { a: 'Apple' })).toBe(true);
  });

  it('handles contains and starts with case-insensitively', () => {
    expect(matches('a contains "PPL"', { a: 'Apple Inc.' })).toBe(true);
    expect(matches('a contains "pear"', { a: 'Apple Inc.' })).toBe(false);
    expect(matches('a starts with "aPP"', { a: 'Apple Inc.' })).toBe(true);
    expect(matches('a starts with "ple"', { a: 'Apple Inc.' })).toBe(false);
  });

  it('compares booleans as text', () => {
    expect(matches('a = true', { a: true })).toBe(true);
    expect(matches('a = "TRUE"', { a: true })).toBe(true);
    expect(matches('a = true', { a: false })).toBe(false);
    expect(matches('a != false', { a: true })).toBe(true);
  });

  it('compares numbers numerically when the value is numeric', () => {
    expect(matches('a = 50.0', { a: 50 })).toBe(true);
    expect(matches('a = "50"', { a: 50 })).toBe(true);
    expect(matches('a = 51', { a: 50 })).toBe(false);
    expect(matches('a = "fifty"', { a: 50 })).toBe(false);
    expect(matches('a > 9', { a: 10 })).toBe(true);
    expect(matches('a <= 9', { a: 10 })).toBe(false);
    expect(matches('a >= 10', { a: 10 })).toBe(true);
    expect(matches('a < 10', { a: 10 })).toBe(false);
  });

  it('orders numeric-looking strings as numbers, not text', () => {
    // As text "10" < "9"; numerically it is greater.
    expect(matches('a > 9', { a: '10' })).toBe(true);
  });

  it('orders ISO-8601 strings as instants, including date-only and offsets', () => {
    expect(matches('a > 2024-01-31', { a: '2024-02-01T00:00:00.000Z' })).toBe(true);
    expect(matches('a < "2024-01-31"', { a: '2024-01-30T23:59:59.999Z' })).toBe(true);
    expect(matches('a >= 2024-01-31', { a: '2024-01-30T23:59:59.999Z' })).toBe(false);
    // 00:30+01:00 is 23:30 UTC the day before; a text comparison would say otherwise.
    expect(matches('a < 2024-01-31', { a: '2024-01-31T00:30:00+01:00' })).toBe(true);
    expect(matches('a < "2024-01-31T00:00:00Z"', { a: '2024-01-31 00:30:00+0100' })).toBe(true);
  });

  it('falls back to case-insensitive text ordering', () => {
    expect(matches('a < "b"', { a: 'Alpha' })).toBe(true);
    expect(matches('a >= "B"', { a: 'beta' })).toBe(true);
    expect(matches('a > "c"', { a: 'Beta' })).toBe(false);
  });

  it('matches arrays if any element does, and != if none does', () => {
    const item = { a: ['Lost', 'Jailbroken'] };
    expect(matches('a = "jailbroken"', item)).toBe(true);
    expect(matches('a = "jail"', item)).toBe(false);
    expect(matches('a contains "BROK"', item)).toBe(true);
    expect(matches('a contains "x"', item)).toBe(false);
    expect(matches('a != "lost"', item)).toBe(false);
    expect(matches('a != "stolen"', item)).toBe(true);
    expect(matches('a = "lost"', { a: [] })).toBe(false);
    expect(matches('a != "lost"', { a: [] })).toBe(true);
  });

  it('lets null and missing values match only !=', () => {
    const items: Item[] = [{ a: null }, {}];
    for (const item of items) {
      expect(matches('a = "x"', item)).toBe(false);
      expect(matches('a contains ""', item)).toBe(false);
      expect(matches('a starts with ""', item)).toBe(false);
      expect(matches('a < 1', item)).toBe(false);
      expect(matches('a >= 1', item)).toBe(false);
      expect(matches('a != "x"', item)).toBe(true);
    }
  });

  it('combines with AND, OR and parentheses', () => {
    const item = { a: 'x', b: 'y', c: 'z' };
    expect(matches('a = "x" OR b = "no" AND c = "no"', item)).toBe(true);
    expect(matches('(a = "x" OR b = "no") AND c = "no"', item)).toBe(false);
    expect(matches('a = "no" OR b = "y" AND c = "z"', item)).toBe(true);
  });
});

describe('exactUuidLookup', () => {
  const lookup = (text: string): string[] | null => exactUuidLookup(parse(text), 'common.uuid');

  it('returns the value of a single uuid equality, lowercased like = compares', () => {
    expect(lookup('"common.uuid"="C592E4F3-4E76-4148-A91E-C62DA8464968"')).toEqual([
      'c592e4f3-4e76-4148-a91e-c62da8464968',
    ]);
  });

  it('collects an OR-tree of uuid equalities without duplicates', () => {
    expect(lookup('uuid = "a" OR (uuid = "b" OR "common.uuid" = "A")')).toEqual(['a', 'b']);
  });

  it.each([
    ['an empty query', ''],
    ['an AND', 'uuid = "a" AND uuid = "b"'],
    ['an OR with another field', 'uuid = "a" OR manufacturer = "b"'],
    ['!=', 'uuid != "a"'],
    ['contains', 'uuid contains "a"'],
    ['another field', 'manufacturer = "a"'],
  ])('returns null for %s', (_label, text) => {
    expect(lookup(text)).toBeNull();
  });
});
