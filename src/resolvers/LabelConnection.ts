import type { LabelConnectionResolvers } from '../generated/resolvers-types.js';
import { connectionEdges, connectionPageInfo } from './connection.js';

export const LabelConnection: LabelConnectionResolvers = {
  edges: connectionEdges,
  pageInfo: connectionPageInfo,
};
