// The lenient decoders of docs/decisions.md "Tolerant decoding": times in four formats, numeric strings, null
// counts, unknown enum values, masked placeholders, field-name variants, and one bad record that does not lose
// the page but is reported by path.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { neuronsDeviceToModel } from '../../src/models/neurons-device.js';
import {
  decodeLenient,
  describePath,
  EPOCH_MS_MIN,
  isMasked,
  oncePerPath,
  toEpochMillis,
  type DecodeWarning,
  type DecodeWarningKind,
} from '../../src/upstream/decode-warnings.js';
import { decodeEpmmDeviceRows } from '../../src/upstream/epmm/dto.js';
import { DeviceGroupPage, DeviceSearchResult } from '../../src/upstream/neurons/dto.js';
import { parseNeurons } from '../../src/upstream/neurons/parse.js';

const MILLIS = 1596024109907;
const ISO = new Date(MILLIS).toISOString();

function collector() {
  const warnings: Array<{ path: string; kind: DecodeWarningKind; at?: string }> = [];
  const report = (path: string, kind: DecodeWarningKind, at?: string) => {
    warnings.push(at ? { path, kind, at } : { path, kind });
  };
  return { warnings, report };
}

function device(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 7,
    guid: '9b0da853-9f9b-483c-97ef-f4b5457299cf',
    deviceName: 'iPhone',
    deviceModel: 'iPhone6,2',
    prettyModel: 'iPhone 5S',
    manufacturer: 'Apple Inc.',
    platformType: 'IOS',
    platformVersion: '8.1.2',
    lastCheckin: MILLIS,
    lastRegistrationTime: MILLIS,
    registrationState: 'ACTIVE',
    displayName: 'Jane Roe',
    uid: 'jane@example.com',
    emailAddress: 'jane@example.com',
    imei: null,
    serialNumber: 'F2LLMEE9FFG8',
    complianceState: true,
    ownershipType: 'COMPANY',
    ownerId: 11,
    violatedPolicies: [],
    ...overrides,
  };
}

const search = (result: object, report: (path: string, kind: DecodeWarningKind, at?: string) => void) =>
  parseNeurons(DeviceSearchResult, { errors: null, result }, 'device search', report);

function page(records: unknown[], facets: Record<string, Record<string, number | null>> = {}) {
  return { totalCount: records.length, searchResults: records, offset: 0, limit: 50, facetedResults: facets };
}

describe('toEpochMillis', () => {
  it.each([
    ['epoch millis', MILLIS],
    ['epoch seconds', Math.floor(MILLIS / 1000) + 0.907],
    ['a numeric string', String(MILLIS)],
    ['ISO-8601', ISO],
  ])('reads %s', (_, value) => {
    expect(toEpochMillis(value)).toBeCloseTo(MILLIS, -1);
  });

  it('reads a numeric string of epoch seconds, and gives null for what it cannot read', () => {
    expect(toEpochMillis('1596024109')).toBe(1596024109000);
    expect(toEpochMillis('yesterday')).toBeNull();
    expect(toEpochMillis(0)).toBeNull();
    expect(toEpochMillis(null)).toBeNull();
  });
});

describe('decodeLenient through parseNeurons (NG13 device search)', () => {
  it('a record that fits costs nothing and reports nothing', () => {
    const { warnings, report } = collector();
    const result = search(page([device()]), report);
    expect(result.searchResults[0].lastCheckin).toBe(MILLIS);
    expect(warnings).toEqual([]);
  });

  it('reads times in four formats to epoch millis, reported by path', () => {
    const { warnings, report } = collector();
    const records = [
      device({ id: 1 }),
      device({ id: 2, lastCheckin: Math.floor(MILLIS / 1000) }),
      device({ id: 3, lastCheckin: String(MILLIS) }),
      device({ id: 4, lastCheckin: ISO }),
    ];
    const result = search(page(records), report);
    const seconds = Math.floor(MILLIS / 1000) * 1000;
    expect(result.searchResults.map((record) => record.lastCheckin)).toEqual([MILLIS, seconds, MILLIS, MILLIS]);
    const seen = new Set(warnings.map((warning) => `${warning.path} ${warning.kind}`));
    expect(seen).toEqual(new Set(['searchResults[].lastCheckin type']));
  });

  it('reads numeric strings as numbers and null facet counts as null', () => {
    const { warnings, report } = collector();
    const facets = { PLATFORMTYPE: { IOS: null, cloud: '2' as unknown as number } };
    const result = search(page([device({ id: '42', ownerId: '11' })], facets), report);
    expect(result.searchResults[0]).toMatchObject({ id: 42, ownerId: 11 });
    expect(result.facetedResults?.PLATFORMTYPE).toEqual({ IOS: null, cloud: 2 });
    // A facet term is data: the path names the map, never its keys.
    expect(warnings).toContainEqual({ path: 'facetedResults.*.*', kind: 'type' });
    expect(warnings).toContainEqual({ path: 'searchResults[].id', kind: 'type' });
  });

  it('never makes a masked placeholder an id or a key', () => {
    const { warnings, report } = collector();
    const records = [
      device({ id: 1, guid: '<guid>' }),
      device({ id: 2, guid: '*****', uid: '*****' }),
      device({ id: '*****' }),
    ];
    const result = search(page(records), report);
    expect(result.searchResults.map((record) => record.id)).toEqual([1, 2]);
    const models = result.searchResults.map((record) => neuronsDeviceToModel(record, 1));
    expect(models.map((model) => model.uuid)).toEqual(['1', '2']);
    expect(models[1].user).toBeNull();
    expect(warnings).toContainEqual({ path: 'searchResults[].guid', kind: 'masked' });
    expect(warnings).toContainEqual({ path: 'searchResults[].uid', kind: 'masked' });
    expect(warnings).toContainEqual({ path: 'searchResults[]', kind: 'dropped', at: 'searchResults[2]' });
  });

  it('maps a variant name to its field: entityName is the deviceName of an abridged record', () => {
    const { warnings, report } = collector();
    const abridged = { id: 9, entityName: 'DESKTOP-B76IV6U', platformType: 'WINDOWS', lastCheckin: MILLIS };
    const result = search(page([abridged]), report);
    const model = neuronsDeviceToModel(result.searchResults[0], 1);
    const expected = { name: 'DESKTOP-B76IV6U', uuid: '9', platform: 'WINDOWS', status: 'UNKNOWN', serialNumber: null };
    expect(model).toMatchObject(expected);
    expect(warnings).toContainEqual({ path: 'searchResults[].deviceName', kind: 'variant' });
    expect(warnings).toContainEqual({ path: 'searchResults[].serialNumber', kind: 'missing' });
  });

  it('one record that cannot be decoded is dropped and reported; the page survives', () => {
    const { warnings, report } = collector();
    const records = [device({ id: 1 }), device({ id: 'not-a-number' }), 'not a record', device({ id: 3 })];
    const result = search(page(records), report);
    expect(result.searchResults.map((record) => record.id)).toEqual([1, 3]);
    const dropped = warnings.filter((warning) => warning.kind === 'dropped').map((warning) => warning.at);
    expect(dropped.sort()).toEqual(['searchResults[1]', 'searchResults[2]']);
  });

  it('keeps the envelope and the paging fields strict, reporting which one failed', () => {
    const { warnings, report } = collector();
    expect(() => search({ ...page([device()]), totalCount: '1' }, report)).toThrow(/unexpected device search response/);
    expect(warnings).toEqual([{ path: 'totalCount', kind: 'rejected' }]);
  });

  it('device groups: ISO times and a null member count', () => {
    const { warnings, report } = collector();
    const group = {
      id: 5,
      createdAt: ISO,
      createdBy: null,
      modifiedAt: String(MILLIS),
      modifiedBy: null,
      dmPartitionId: 1,
      name: 'All',
      description: null,
      type: 'DEVICE',
      definition: null,
      mutable: false,
      memberCount: null,
      treeView: null,
      actionExceptionCodes: null,
      assignedConfigs: null,
    };
    const body = { errors: null, result: { searchResults: [group], totalCount: 1, offset: 0, limit: 50 } };
    const result = parseNeurons(DeviceGroupPage, body, 'groups', report);
    expect(result.searchResults[0]).toMatchObject({ createdAt: MILLIS, modifiedAt: MILLIS, memberCount: null });
    const paths = warnings.map((warning) => warning.path).sort();
    expect(paths).toEqual(['searchResults[].createdAt', 'searchResults[].modifiedAt']);
  });
});

describe('decodeLenient (generic)', () => {
  it('maps an unknown enum value to OTHER or UNKNOWN', () => {
    const { warnings, report } = collector();
    const platform = z.enum(['IOS', 'ANDROID', 'OTHER']);
    const item = z.object({ id: z.number(), platform, state: z.enum(['ON', 'UNKNOWN']) });
    const schema = z.object({ items: z.array(item) });
    const outcome = decodeLenient(schema, { items: [{ id: 1, platform: 'TVOS', state: 'SLEEPING' }] }, report);
    expect(outcome).toEqual({ success: true, data: { items: [{ id: 1, platform: 'OTHER', state: 'UNKNOWN' }] } });
    expect(warnings).toEqual([
      { path: 'items[].platform', kind: 'enum' },
      { path: 'items[].state', kind: 'enum' },
    ]);
  });

  it('describes paths by names only', () => {
    const schema = z.object({ a: z.array(z.object({ b: z.record(z.string(), z.number()) })) });
    expect(describePath(schema, ['a', 3, 'b', 'jane@example.com'])).toBe('a[].b.*');
    expect(describePath(schema, ['a', 0, 'unknownKey'])).toBe('a[].*');
  });

  it('knows a masked placeholder', () => {
    expect(['*****', '<guid>', '<uuid>'].every(isMasked)).toBe(true);
    expect(['', 'a*b', '9b0da853-0000-0000-0000-f4b5457299cf', 'UIDVALUE'].some(isMasked)).toBe(false);
    expect(EPOCH_MS_MIN).toBeGreaterThan(Date.UTC(1972, 0, 1));
  });
});

describe('EPMM v2 rows', () => {
  it('removes masked ids and keys and converts epoch seconds; ISO times are left to the mapper', () => {
    const { warnings, report } = collector();
    const rows: Array<Record<string, unknown>> = [
      { 'common.uuid': '*****', 'user.user_id': '*****', 'common.last_connected_at': '2020-11-09T07:38:22.000Z' },
      { 'common.uuid': 'a', 'common.registration_date': 1604906302 },
    ];
    decodeEpmmDeviceRows(rows, report);
    expect(rows[0]).toEqual({ 'common.last_connected_at': '2020-11-09T07:38:22.000Z' });
    expect(rows[1]['common.registration_date']).toBe(1604906302000);
    expect(warnings).toEqual([
      { path: 'results[].common.uuid', kind: 'masked' },
      { path: 'results[].user.user_id', kind: 'masked' },
      { path: 'results[].common.registration_date', kind: 'type' },
    ]);
  });
});

describe('oncePerPath', () => {
  it('counts every warning and logs each (route, path, kind) once', () => {
    const logged: DecodeWarning[] = [];
    let counted = 0;
    const sink = oncePerPath(
      (warning) => logged.push(warning),
      () => counted++,
    );
    const warning: DecodeWarning = { route: 'GET /api/v1/device', path: 'searchResults[].lastCheckin', kind: 'type' };
    sink(warning);
    sink({ ...warning });
    sink({ ...warning, kind: 'missing' });
    expect(counted).toBe(3);
    expect(logged).toHaveLength(2);
  });
});
