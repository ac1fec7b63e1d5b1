import type { PolicyConnectionResolvers } from '../generated/resolvers-types.js';
import { connectionEdges, connectionPageInfo } from './connection.js';

export const PolicyConnection: PolicyConnectionResolvers = {
  edges: connectionEdges,
  pageInfo: connectionPageInfo,
};
