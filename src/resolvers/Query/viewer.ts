import type { QueryResolvers } from '../../generated/resolvers-types.js';

export const viewer: QueryResolvers['viewer'] = (_parent, _args, { viewer: current }) => current;
