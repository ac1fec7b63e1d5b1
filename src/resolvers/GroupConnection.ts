import type { GroupConnectionResolvers } from '../generated/resolvers-types.js';
import { encodeCursor } from '../pagination.js';

export const GroupConnection: GroupConnectionResolvers = {
  edges: (page) => page.nodes.map((node, index) => ({ cursor: encodeCursor(page.offset + index), node })),
  pageInfo: (page) => ({
    hasNextPage: page.hasNextPage,
    hasPreviousPage: page.offset > 0,
    startCursor: page.nodes.length > 0 ? encodeCursor(page.offset) : null,
    endCursor: page.nodes.length > 0 ? encodeCursor(page.offset + page.nodes.length - 1) : null,
  }),
};
