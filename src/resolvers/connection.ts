// The one implementation of connection fields for every connection whose model is a ConnectionModel<T>, and paging
// of lists the gateway holds whole (reference data read in one upstream call).
import type { ConnectionModel, EdgeModel } from '../models/connection.js';
import { encodeCursor } from '../pagination.js';

export interface PageInfoModel {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

function cursorAt<T>(page: ConnectionModel<T>, index: number): string {
  return page.cursors?.[index] ?? encodeCursor(page.offset + index);
}

export function connectionEdges<T>(page: ConnectionModel<T>): EdgeModel<T>[] {
  return page.nodes.map((node, index) => ({ cursor: cursorAt(page, index), node }));
}

export function connectionPageInfo<T>(page: ConnectionModel<T>): PageInfoModel {
  return {
    hasNextPage: page.hasNextPage,
    hasPreviousPage: page.offset > 0,
    startCursor: page.nodes.length > 0 ? cursorAt(page, 0) : null,
    endCursor: page.nodes.length > 0 ? cursorAt(page, page.nodes.length - 1) : null,
  };
}

// Paging of in-memory lists lives with the connection model, so that loaders page the same way.
export { offsetPage, pageOfList } from '../models/connection.js';
