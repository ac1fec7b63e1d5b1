import type { QueryResolvers } from '../../generated/resolvers-types.js';
import { GatewayError } from '../../errors.js';
import { decodeIdOf, oneOfIdOrKey } from '../../ids.js';
import { UUID } from '../../models/uuid.js';
import { epmmProjection, selectedDeviceFields } from '../device-projection.js';
import { loadDevice } from './node.js';

/**
 * By global id (either MDM's device) or by UUID (an EPMM device, the key the MDM's own screens show): the same read
 * as `node`, so both answer the same device from the same cache entries.
 */
export const device: QueryResolvers['device'] = (_parent, args, context, info) => {
  const named = oneOfIdOrKey(args, 'uuid');
  if ('key' in named && !UUID.test(named.key))
    throw new GatewayError('BAD_USER_INPUT', '`uuid` must be a device UUID.', { field: ['uuid'] });
  const decoded =
    'id' in named
      ? decodeIdOf(named.id, 'Device', ['id'])
      : { type: 'Device' as const, source: 'EPMM' as const, key: named.key };
  const selected = selectedDeviceFields(info);
  return loadDevice(decoded, context, epmmProjection(context.config, selected), selected.has('details'));
};
