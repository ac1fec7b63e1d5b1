// The one pagination helper: offset cursors (every upstream pages by offset) and `first` validation.
import { GatewayError } from './errors.js';

const CURSOR_PREFIX = 'offset:';

export function encodeCursor(offset: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${offset}`, 'utf8').toString('base64url');
}

/** Returns the offset of the item after the cursor (0 without a cursor). */
export function offsetAfter(after: string | null | undefined): number {
  if (after === null || after === undefined) return 0;
  const text = Buffer.from(after, 'base64url').toString('utf8');
  const offset = text.startsWith(CURSOR_PREFIX) ? Number(text.slice(CURSOR_PREFIX.length)) : NaN;
  if (!Number.isSafeInteger(offset) || offset < 0 || encodeCursor(offset) !== after) {
    throw new GatewayError('BAD_USER_INPUT', 'The `after` cursor is not valid.', { field: ['after'] });
  }
  return offset + 1;
}

export const DEFAULT_PAGE_SIZE = 50;

export function pageSize(first: number | null | undefined, max: number): number {
  if (first === null || first === undefined) return Math.min(DEFAULT_PAGE_SIZE, max);
  if (!Number.isInteger(first) || first < 0 || first > max) {
    throw new GatewayError('BAD_USER_INPUT', `\`first\` must be between 0 and ${max}.`, { field: ['first'] });
  }
  return first;
}

/** How far a merged (EPMM + Neurons) device connection has read into each source. */
export interface MergedPosition {
  epmm: number;
  neurons: number;
}

const MERGED_PREFIX = 'merged:v1:';

/**
 * A merged connection's cursor: the devices consumed from each source after this edge, and the order they were
 * merged in. Both sources are sorted, so these two offsets are all a merge needs to continue exactly; the order
 * is carried so that a cursor is never continued under another `orderBy`, which would skip or repeat devices.
 */
export function encodeMergedCursor(order: string, position: MergedPosition): string {
  return Buffer.from(`${MERGED_PREFIX}${order}:${position.epmm}:${position.neurons}`, 'utf8').toString('base64url');
}

/** The position after the cursor ({0, 0} without one). */
export function mergedPositionAfter(after: string | null | undefined, order: string): MergedPosition {
  if (after === null || after === undefined) return { epmm: 0, neurons: 0 };
  const text = Buffer.from(after, 'base64url').toString('utf8');
  const match = /^merged:v1:([A-Z_]+(?:\.(?:ASC|DESC))?):(\d{1,15}):(\d{1,15})$/.exec(text);
  const position = match ? { epmm: Number(match[2]), neurons: Number(match[3]) } : undefined;
  if (!match || !position || encodeMergedCursor(match[1], position) !== after) {
    throw new GatewayError(
      'BAD_USER_INPUT',
      'The `after` cursor is not valid for a merged EPMM + Neurons device list.',
      { field: ['after'] },
    );
  }
  if (match[1] !== order) {
    throw new GatewayError(
      'BAD_USER_INPUT',
      'The `after` cursor was made for another `orderBy`; start again without `after`.',
      { field: ['after'] },
    );
  }
  return position;
}

/** How far a Neurons device connection has read into each partition: partition id → devices consumed there. */
export type PartitionPositions = ReadonlyMap<number, number>;

const PARTITIONS_PREFIX = 'neurons-partitions:v1:';
const PARTITION_ENTRY = String.raw`\d{1,15}\.\d{1,15}`;
/** The order (`<sortField>.<ASC|DESC>`), then up to 100 `<partition>.<offset>` entries. */
const PARTITION_CURSOR = new RegExp(
  String.raw`^neurons-partitions:v1:([A-Za-z]{1,64}\.(?:ASC|DESC)):` +
    `(${PARTITION_ENTRY}(?:,${PARTITION_ENTRY}){0,99})$`,
);

/**
 * A Neurons device connection's cursor (docs/data-loading.md, Neurons partitions): the order and, for every partition
 * the caller holds, the devices consumed there after this edge. Each partition is sorted on its own, so these
 * offsets are all a k-way merge needs to continue exactly once; the order is carried as for merged cursors.
 */
export function encodePartitionCursor(order: string, positions: PartitionPositions): string {
  const map = [...positions.entries()]
    .sort(([a], [b]) => a - b)
    .map(([id, offset]) => `${id}.${offset}`)
    .join(',');
  return Buffer.from(`${PARTITIONS_PREFIX}${order}:${map}`, 'utf8').toString('base64url');
}

/**
 * The positions after the cursor (every partition at 0 without one). A cursor made for another set of partitions
 * (the admin's partitions changed) cannot be continued without skipping or repeating devices, so it is refused.
 */
export function partitionPositionsAfter(
  after: string | null | undefined,
  order: string,
  partitionIds: readonly number[],
): PartitionPositions {
  if (after === null || after === undefined) return new Map(partitionIds.map((id) => [id, 0]));
  const refuse = (message: string) => new GatewayError('BAD_USER_INPUT', message, { field: ['after'] });
  const invalid = () => refuse('The `after` cursor is not valid for a Neurons device list.');
  const text = Buffer.from(after, 'base64url').toString('utf8');
  const match = PARTITION_CURSOR.exec(text);
  if (!match) throw invalid();
  const positions = new Map(match[2].split(',').map((entry) => entry.split('.').map(Number) as [number, number]));
  if (encodePartitionCursor(match[1], positions) !== after) throw invalid();
  if (match[1] !== order) {
    throw refuse('The `after` cursor was made for another `orderBy`; start again without `after`.');
  }
  if (positions.size !== partitionIds.length || partitionIds.some((id) => !positions.has(id))) {
    throw refuse('The `after` cursor was made for other Neurons partitions; start again without `after`.');
  }
  return positions;
}

/**
 * The merged connection's position (docs/data-loading.md, "One device, one row"): the EPMM devices consumed, and the
 * Neurons records consumed in each partition, so a page continues each partition's search where it stopped.
 * `neurons` is empty when Neurons was not read (a caller Neurons refuses): every partition is then at 0.
 */
export interface MergedPartitionPosition {
  epmm: number;
  neurons: PartitionPositions;
}

const MERGED_V2_PREFIX = 'merged:v2:';
/** The order, the EPMM offset, then up to 100 `<partition>.<offset>` entries (none when Neurons was not read). */
const MERGED_V2_CURSOR = new RegExp(
  String.raw`^merged:v2:([A-Z_]+(?:\.(?:ASC|DESC))?):(\d{1,15}):` +
    `((?:${PARTITION_ENTRY}(?:,${PARTITION_ENTRY}){0,99})?)$`,
);
const MERGED_V1_CURSOR = /^merged:v1:([A-Z_]+(?:\.(?:ASC|DESC))?):(\d{1,15}):(\d{1,15})$/;

export function encodeMergedPartitionCursor(order: string, position: MergedPartitionPosition): string {
  const map = [...position.neurons.entries()].sort(([a], [b]) => a - b).map(([id, offset]) => `${id}.${offset}`);
  return Buffer.from(`${MERGED_V2_PREFIX}${order}:${position.epmm}:${map.join(',')}`, 'utf8').toString('base64url');
}

/**
 * The position after a merged cursor ({0, no partition} without one). The partitions are checked against the
 * caller's when Neurons is read (`mergedNeuronsStart`). A cursor of the earlier format (`merged:v1:`, one Neurons
 * offset over the merge of every partition) is accepted while it has consumed no Neurons record (its equivalent is
 * every partition at 0); past that its per-partition positions are unknown without replaying the merge, so it is
 * refused and the client starts again.
 */
export function mergedPartitionPositionAfter(after: string | null | undefined, order: string): MergedPartitionPosition {
  if (after === null || after === undefined) return { epmm: 0, neurons: new Map() };
  const refuse = (message: string) => new GatewayError('BAD_USER_INPUT', message, { field: ['after'] });
  const invalid = () => refuse('The `after` cursor is not valid for a merged EPMM + Neurons device list.');
  const text = Buffer.from(after, 'base64url').toString('utf8');
  let position: MergedPartitionPosition;
  let cursorOrder: string;
  const v2 = MERGED_V2_CURSOR.exec(text);
  const v1 = v2 ? null : MERGED_V1_CURSOR.exec(text);
  if (v2) {
    const entries = v2[3] === '' ? [] : v2[3].split(',').map((entry) => entry.split('.').map(Number));
    position = { epmm: Number(v2[2]), neurons: new Map(entries as Array<[number, number]>) };
    cursorOrder = v2[1];
    if (encodeMergedPartitionCursor(cursorOrder, position) !== after) throw invalid();
  } else if (v1) {
    position = { epmm: Number(v1[2]), neurons: new Map() };
    cursorOrder = v1[1];
    if (encodeMergedCursor(cursorOrder, { epmm: position.epmm, neurons: Number(v1[3]) }) !== after) throw invalid();
    if (Number(v1[3]) !== 0) {
      throw refuse('The `after` cursor was made by an earlier version of the gateway; start again without `after`.');
    }
  } else {
    throw invalid();
  }
  if (cursorOrder !== order) {
    throw refuse('The `after` cursor was made for another `orderBy`; start again without `after`.');
  }
  return position;
}

/**
 * Each of the caller's partitions' Neurons position from a merged cursor: every partition at 0 when the cursor names
 * none; refused when it names another set (the admin's partitions changed), which would skip or repeat devices.
 */
export function mergedNeuronsStart(
  position: MergedPartitionPosition,
  partitionIds: readonly number[],
): PartitionPositions {
  const { neurons } = position;
  if (neurons.size === 0) return new Map(partitionIds.map((id) => [id, 0]));
  if (neurons.size !== partitionIds.length || partitionIds.some((id) => !neurons.has(id))) {
    const message = 'The `after` cursor was made for other Neurons partitions; start again without `after`.';
    throw new GatewayError('BAD_USER_INPUT', message, { field: ['after'] });
  }
  return neurons;
}
