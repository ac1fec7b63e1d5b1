import type { QueryResolvers } from '../../generated/resolvers-types.js';
import { GatewayError } from '../../errors.js';
import { UUID } from '../../models/uuid.js';
import { epmmProjection, selectedDeviceFields } from '../device-projection.js';

export const device: QueryResolvers['device'] = (_parent, { uuid }, { loaders, config }, info) => {
  if (!UUID.test(uuid)) throw new GatewayError('BAD_USER_INPUT', '`uuid` must be a device UUID.', { field: ['uuid'] });
  const fields = epmmProjection(config, selectedDeviceFields(info));
  return (fields ? loaders.deviceByUuidWith(fields) : loaders.deviceByUuid).load(uuid.toLowerCase());
};
