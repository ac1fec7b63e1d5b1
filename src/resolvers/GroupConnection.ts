import type { GroupConnectionResolvers } from '../generated/resolvers-types.js';
import { connectionEdges, connectionPageInfo } from './connection.js';

export const GroupConnection: GroupConnectionResolvers = {
  edges: connectionEdges,
  pageInfo: connectionPageInfo,
};
