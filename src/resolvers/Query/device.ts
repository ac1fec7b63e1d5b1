import type { QueryResolvers } from '../../generated/resolvers-types.js';
import { GatewayError } from '../../errors.js';
import { UUID } from '../../models/uuid.js';
import { epmmProjection, selectedDeviceFields } from '../device-projection.js';

export const device: QueryResolvers['device'] = (_parent, { uuid }, { loaders, config }, info) => {
  if (!UUID.test(uuid)) throw new GatewayError('BAD_USER_INPUT', '`uuid` must be a device UUID.', { field: ['uuid'] });
  const selected = selectedDeviceFields(info);
  const fields = epmmProjection(config, selected);
  const key = uuid.toLowerCase();
  if (!fields) return loaders.deviceByUuid.load(key);
  // `details` reads V09 anyway: the device is read from that answer when it carries the selection's fields.
  return selected.has('details')
    ? loaders.deviceThroughDetails(key, fields)
    : loaders.deviceByUuidWith(fields).load(key);
};
