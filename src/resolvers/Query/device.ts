import type { QueryResolvers } from '../../generated/resolvers-types.js';
import { GatewayError } from '../../errors.js';
import { UUID } from '../../models/uuid.js';


export const device: QueryResolvers['device'] = (_parent, { uuid }, { loaders }) => {
  if (!UUID.test(uuid)) throw new GatewayError('BAD_USER_INPUT', '`uuid` must be a device UUID.', { field: ['uuid'] });
  return loaders.deviceByUuid.load(uuid.toLowerCase());
};
