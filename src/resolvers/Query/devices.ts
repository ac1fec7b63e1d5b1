import type { QueryResolvers } from '../../generated/resolvers-types.js';
import { deviceFilterOf } from '../../models/filter-inputs.js';
import { epmmProjection, selectedConnectionDeviceFields } from '../device-projection.js';

/** One source, or both merged: the loaders plan the query (src/loaders/device-connection.ts, docs/data-loading.md). */
export const devices: QueryResolvers['devices'] = async (_parent, args, context, info) => {
  const { first, after, filter, orderBy, source } = args;
  // Projection: EPMM is asked only for the fields the selection needs (plus the uuid and the merge's sort key).
  const fields = epmmProjection(context.config, selectedConnectionDeviceFields(info), orderBy?.field);
  const page = { first, after, maxPageSize: context.config.maxPageSize, fields };
  return context.loaders.deviceConnection(deviceFilterOf(filter), orderBy, page, source);
};
