import type { AlertConnectionResolvers } from '../generated/resolvers-types.js';
import { connectionEdges, connectionPageInfo } from './connection.js';

export const AlertConnection: AlertConnectionResolvers = {
  edges: connectionEdges,
  pageInfo: connectionPageInfo,
};
