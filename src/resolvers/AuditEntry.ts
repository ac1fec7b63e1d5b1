import type { AuditEntryConnectionResolvers, AuditEntryResolvers } from '../generated/resolvers-types.js';
import { connectionEdges, connectionPageInfo } from './connection.js';

export const AuditEntry: AuditEntryResolvers = {
  items: (entry) => entry.items.map((item) => item.id),
};

export const AuditEntryConnection: AuditEntryConnectionResolvers = {
  edges: connectionEdges,
  pageInfo: connectionPageInfo,
};
