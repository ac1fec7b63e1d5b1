import type { DeviceConnectionResolvers } from '../generated/resolvers-types.js';
import { connectionEdges, connectionPageInfo } from './connection.js';

export const DeviceConnection: DeviceConnectionResolvers = {
  edges: connectionEdges,
  pageInfo: connectionPageInfo,
  // Only the merged EPMM + Neurons list can estimate (docs/data-loading.md, "One device, one row"); every other
  // device connection counts one MDM's answer.
  totalCountIsEstimate: (connection) =>
    'totalCountIsEstimate' in connection && connection.totalCountIsEstimate === true,
};
