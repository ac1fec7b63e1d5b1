// The merged EPMM + Neurons device cursor (docs/data-loading.md, "One device, one row"): the EPMM offset and each
// Neurons partition's position, round-tripped; earlier-format cursors accepted only while they are equivalent.
import { describe, expect, it } from 'vitest';
import type { DeviceModel } from '../../src/models/device.js';
import { mergeDevicePages, mergedPartitionPositions, neuronsRowsFrom } from '../../src/models/device-merge.js';
import {
  encodeMergedCursor,
  encodeMergedPartitionCursor,
  mergedNeuronsStart,
  mergedPartitionPositionAfter,
} from '../../src/pagination.js';

const code = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    const failure = error as { code?: string; extensions?: { code?: string } };
    return failure.code ?? failure.extensions?.code;
  }
  return 'no error';
};

describe('merged cursors', () => {
  it('round-trips the EPMM offset and every partition position', () => {
    const position = {
      epmm: 412,
      neurons: new Map([
        [7, 0],
        [2, 613],
        [31, 9],
      ]),
    };
    const cursor = encodeMergedPartitionCursor('NAME.ASC', position);
    expect(Buffer.from(cursor, 'base64url').toString('utf8')).toBe('merged:v2:NAME.ASC:412:2.613,7.0,31.9');
    const decoded = mergedPartitionPositionAfter(cursor, 'NAME.ASC');
    expect(decoded.epmm).toBe(412);
    expect([...decoded.neurons]).toEqual([
      [2, 613],
      [7, 0],
      [31, 9],
    ]);
    expect(encodeMergedPartitionCursor('NAME.ASC', decoded)).toBe(cursor);
    expect(mergedNeuronsStart(decoded, [31, 7, 2])).toBe(decoded.neurons);
  });

  it('starts every partition at 0 without a cursor, or from a cursor that read no Neurons', () => {
    const none = mergedPartitionPositionAfter(null, 'ID');
    expect(none).toEqual({ epmm: 0, neurons: new Map() });
    expect([...mergedNeuronsStart(none, [1, 2, 3])]).toEqual([
      [1, 0],
      [2, 0],
      [3, 0],
    ]);
    const refused = encodeMergedPartitionCursor('ID', { epmm: 5, neurons: new Map() });
    expect(Buffer.from(refused, 'base64url').toString('utf8')).toBe('merged:v2:ID:5:');
    expect(mergedPartitionPositionAfter(refused, 'ID')).toEqual({ epmm: 5, neurons: new Map() });
  });

  it('accepts an earlier (v1) cursor at Neurons offset 0 and refuses one past it', () => {
    const atZero = mergedPartitionPositionAfter(encodeMergedCursor('MODEL.ASC', { epmm: 30, neurons: 0 }), 'MODEL.ASC');
    expect(atZero).toEqual({ epmm: 30, neurons: new Map() });
    const deep = encodeMergedCursor('MODEL.ASC', { epmm: 30, neurons: 600 });
    expect(code(() => mergedPartitionPositionAfter(deep, 'MODEL.ASC'))).toBe('BAD_USER_INPUT');
    expect(() => mergedPartitionPositionAfter(deep, 'MODEL.ASC')).toThrow(/earlier version/);
  });

  it('refuses forged cursors, another order and another set of partitions', () => {
    const forged = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
    for (const text of ['merged:v2:ID:-1:', 'merged:v2:ID:1:2.3,1.0', 'merged:v2:ID:1:1.0,1.2', 'merged:v2:ID:1:1.x']) {
      expect(code(() => mergedPartitionPositionAfter(forged(text), 'ID'))).toBe('BAD_USER_INPUT');
    }
    const cursor = encodeMergedPartitionCursor('NAME.ASC', { epmm: 1, neurons: new Map([[1, 2]]) });
    expect(() => mergedPartitionPositionAfter(cursor, 'NAME.DESC')).toThrow(/orderBy/);
    const position = mergedPartitionPositionAfter(cursor, 'NAME.ASC');
    expect(() => mergedNeuronsStart(position, [1, 2])).toThrow(/other Neurons partitions/);
  });
});

describe('per-partition positions of a merged page', () => {
  const row = (partitionId: number, id: number, name: string, source: 'EPMM' | 'NEURONS' = 'NEURONS') =>
    ({ source, name, uuid: `${partitionId}-${id}`, neurons: { partitionId, id } }) as unknown as DeviceModel;
  // Every Neurons row in merge order (by name) over partitions 1 and 2.
  const all = [row(1, 1, 'a'), row(2, 1, 'b'), row(2, 2, 'c'), row(1, 2, 'd'), row(2, 3, 'e'), row(1, 3, 'f')];

  it('splits every row at the positions, and pages to the end visiting each row once', () => {
    const split = neuronsRowsFrom(
      all,
      new Map([
        [1, 1],
        [2, 2],
      ]),
    );
    expect(split.before.map((device) => device.name)).toEqual(['a', 'b', 'c']);
    expect(split.rows.map((device) => device.name)).toEqual(['d', 'e', 'f']);
    expect(split.after.map((positions) => [...positions])).toEqual([
      [
        [1, 2],
        [2, 2],
      ],
      [
        [1, 2],
        [2, 3],
      ],
      [
        [1, 3],
        [2, 3],
      ],
    ]);
    const seen: string[] = [];
    let start = {
      epmm: 0,
      neurons: new Map([
        [1, 0],
        [2, 0],
      ]) as ReadonlyMap<number, number>,
    };
    const epmm = [row(0, 1, 'bb', 'EPMM'), row(0, 2, 'ee', 'EPMM')];
    for (let page = 0; page < 10; page += 1) {
      const { rows, after } = neuronsRowsFrom(all, start.neurons);
      const merged = mergeDevicePages(epmm.slice(start.epmm), rows, { epmm: start.epmm, neurons: 0 }, 3, {
        field: 'NAME',
      });
      if (merged.devices.length === 0) break;
      seen.push(...merged.devices.map((device) => device.name!));
      const positions = mergedPartitionPositions(merged, start, after);
      const cursor = encodeMergedPartitionCursor('NAME.ASC', positions.at(-1)!);
      start = mergedPartitionPositionAfter(cursor, 'NAME.ASC');
    }
    expect(seen).toEqual(['a', 'b', 'bb', 'c', 'd', 'e', 'ee', 'f']);
  });
});
