import type { QueryResolvers } from '../../generated/resolvers-types.js';
import { GatewayError } from '../../errors.js';
import { decodeIdOf, oneOfIdOrKey } from '../../ids.js';

/** A User id's key is the login name (src/resolvers/User.ts), so both arguments end in the same lookup. */
export const user: QueryResolvers['user'] = (_parent, args, { loaders }) => {
  const named = oneOfIdOrKey(args, 'principal');
  const principal = 'id' in named ? decodeIdOf(named.id, 'User', ['id']).key : named.key.trim();
  if (principal === '')
    throw new GatewayError('BAD_USER_INPUT', '`principal` must not be empty.', { field: ['principal'] });
  return loaders.users.account(principal);
};
