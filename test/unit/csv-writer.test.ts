import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from '../../src/export/csv-writer.js';
import { parseCsv } from '../../src/upstream/epmm/device-actions-dto.js';

describe('CSV writer', () => {
  it.each(['=HYPERLINK("http://evil","x")', '+1+2', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])(
    'neutralises the formula starter of %j with a quote',
    (value) => {
      const cell = parseCsv(`${csvLine([value])}`, 'test').columns[0];
      expect(cell).toBe(`'${value}`);
    },
  );

  it('leaves ordinary text alone and quotes what RFC 4180 needs quoted', () => {
    expect(csvCell('iPhone 15')).toBe('iPhone 15');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvLine(['x', '', 'y'])).toBe('x,,y\r\n');
  });

  it('round-trips any text through a CSV reader (apart from the added quote)', () => {
    const values = ['plain', 'comma, inside', 'line\nbreak', '"quoted"', '=1+1', ''];
    const parsed = parseCsv(csvLine(values) + csvLine(values), 'test');
    expect(parsed.columns).toEqual(values.map((value) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value)));
  });
});
