import type { QueryResolvers } from '../../generated/resolvers-types.js';
import { GatewayError } from '../../errors.js';

export const user: QueryResolvers['user'] = (_parent, { principal }, { loaders }) => {
  if (principal.trim() === '')
    throw new GatewayError('BAD_USER_INPUT', '`principal` must not be empty.', { field: ['principal'] });
  return loaders.users.account(principal.trim());
};
