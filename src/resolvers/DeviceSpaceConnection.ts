import type { DeviceSpaceConnectionResolvers } from '../generated/resolvers-types.js';
import { connectionEdges, connectionPageInfo } from './connection.js';

export const DeviceSpaceConnection: DeviceSpaceConnectionResolvers = {
  edges: connectionEdges,
  pageInfo: connectionPageInfo,
};
