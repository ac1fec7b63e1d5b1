import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from '../../src/export/csv-writer.js';
import { exportColumns, GRAPHQL_COLUMN_NAMES } from '../../src/export/export-columns.js';
import { encodeId } from '../../src/ids.js';
import { EPMM_FIELDS_BY_DEVICE_FIELD } from '../../src/models/epmm-device-projection.js';
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

/** User field -> the EPMM column its mapper reads (src/models/epmm-device.ts). */
const USER_FIELDS_OF_ROW: Record<string, string> = {
  principal: 'user.user_id',
  displayName: 'user.display_name',
  email: 'user.email_address',
  firstName: 'user.first_name',
  lastName: 'user.last_name',
};

describe('export columns', () => {
  const row = { 'common.uuid': 'u-1', 'common.platform': '=iOS', 'android.foo': 'x', 'user.user_id': 'ann' };
  const vendorColumns = Object.keys(row);

  it('name columns as the Device fields, lead with the global id and the source, and keep unread EPMM names', () => {
    const columns = exportColumns(vendorColumns, 'graphql');
    expect(columns.header).toEqual(['id', 'source', 'uuid', 'platform', 'android.foo', 'user.principal']);
    expect(columns.cells(row)).toEqual([encodeId('Device', 'EPMM', 'u-1'), 'EPMM', 'u-1', '=iOS', 'x', 'ann']);
    // The writer still neutralises what a spreadsheet would run, whatever the naming.
    expect(csvLine(columns.cells(row))).toContain(",'=iOS,");
  });

  it("keep EPMM's names with the vendor naming, and a source column", () => {
    const columns = exportColumns(vendorColumns, 'vendor');
    expect(columns.header).toEqual(['source', ...vendorColumns]);
    expect(columns.cells({ 'common.uuid': 'u-1' })).toEqual(['EPMM', 'u-1', '', '', '']);
  });

  it('leave the id out when the export carries no uuid (USER alone)', () => {
    expect(exportColumns(['user.user_id'], 'graphql').header).toEqual(['source', 'user.principal']);
  });

  it('rename only columns the named Device field reads (src/models/epmm-device-projection.ts)', () => {
    for (const [vendor, graphql] of Object.entries(GRAPHQL_COLUMN_NAMES)) {
      if (graphql === 'uuid') continue;
      const [field, userField] = graphql.split('.');
      const reads = EPMM_FIELDS_BY_DEVICE_FIELD[field];
      expect(reads, graphql).toContain(vendor);
      if (userField) expect(USER_FIELDS_OF_ROW[userField], graphql).toBe(vendor);
    }
    expect(new Set(Object.values(GRAPHQL_COLUMN_NAMES)).size).toBe(Object.keys(GRAPHQL_COLUMN_NAMES).length);
  });
});
