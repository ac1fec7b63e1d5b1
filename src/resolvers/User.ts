import type { UserResolvers } from '../generated/resolvers-types.js';
import { encodeId } from '../ids.js';

export const User: UserResolvers = {
  id: (user) => encodeId('User', user.source, user.principal),
};
