import type { DeviceConnectionResolvers } from '../generated/resolvers-types.js';
import { connectionEdges, connectionPageInfo } from './connection.js';

export const DeviceConnection: DeviceConnectionResolvers = {
  edges: connectionEdges,
  pageInfo: connectionPageInfo,
};
