import type { QueryResolvers } from '../../generated/resolvers-types.js';
import { GatewayError } from '../../errors.js';

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export const device: QueryResolvers['device'] = (_parent, { uuid }, { loaders }) => {
  if (!UUID.test(uuid)) throw new GatewayError('BAD_USER_INPUT', '`uuid` must be a device UUID.', { field: ['uuid'] });
  return loaders.deviceByUuid.load(uuid.toLowerCase());
};
