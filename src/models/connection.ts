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
