import { offsetAfter, pageSize } from '../pagination.js';
import type { DeviceModel } from './device.js';

/** What a connection resolver returns: the page already fetched, with its position in the whole list. */
export interface ConnectionModel<T> {
  nodes: T[];
  /** Zero-based index of nodes[0] in the whole result. */
  offset: number;
  totalCount: number;
  hasNextPage: boolean;
  /** Each node's cursor, when they are not plain offsets (the merged EPMM + Neurons device connection). */
  cursors?: readonly string[];
}

export interface EdgeModel<T> {
  cursor: string;
  node: T;
}

export type DeviceConnectionModel = ConnectionModel<DeviceModel>;
export type DeviceEdgeModel = EdgeModel<DeviceModel>;

/** One page of a list already in memory, with the same cursors and `first` rules as upstream-paged lists. */
export function pageOfList<T>(
  items: readonly T[],
  first: number | null | undefined,
  after: string | null | undefined,
  maxPageSize: number,
): ConnectionModel<T> {
  const limit = pageSize(first, maxPageSize);
  const offset = offsetAfter(after);
  return offsetPage(items.slice(offset, offset + limit), offset, items.length);
}

/**
 * A page an upstream cut at `offset` of `totalCount` items (offset cursors). `consumed`: how many positions of the
 * whole list the page covers, when some were dropped from `nodes` (a static group member that no longer exists).
 */
export function offsetPage<T>(
  nodes: T[],
  offset: number,
  totalCount: number,
  consumed: number = nodes.length,
): ConnectionModel<T> {
  return { nodes, offset, totalCount, hasNextPage: offset + consumed < totalCount };
}
