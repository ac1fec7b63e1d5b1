import type { UserConnectionResolvers } from '../generated/resolvers-types.js';
import { connectionEdges, connectionPageInfo } from './connection.js';

export const UserConnection: UserConnectionResolvers = {
  edges: connectionEdges,
  pageInfo: connectionPageInfo,
};
