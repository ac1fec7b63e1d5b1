import { GatewayError } from '../../errors.js';
import type { GatewayContext } from '../../context.js';
import type { QueryDevicesArgs, QueryResolvers } from '../../generated/resolvers-types.js';
import { notSupported } from '../../loaders/groups.js';
import type { DeviceConnectionModel } from '../../models/connection.js';
import { mergeDevicePages, mergeOrderTag } from '../../models/device-merge.js';
import { encodeMergedCursor, mergedPositionAfter, offsetAfter, pageSize } from '../../pagination.js';
import { compileDeviceFilter, compileDeviceOrder } from '../../upstream/epmm/device-filter.js';
import { compileNeuronsDeviceFilter, compileNeuronsDeviceOrder } from '../../upstream/neurons/device-filter.js';
import { epmmProjection, selectedConnectionDeviceFields } from '../device-projection.js';

export const devices: QueryResolvers['devices'] = async (_parent, args, context, info) => {
  const { source } = args;
  // Projection: EPMM is asked only for the fields the selection needs (plus the uuid and the merge's sort key).
  const fields = epmmProjection(context.config, selectedConnectionDeviceFields(info), args.orderBy?.field);
  if (source === 'EPMM') return epmmDevices(args, context, fields);
  if (source === 'NEURONS') {
    if (!context.loaders.neuronsConfigured) throw notSupported('source: NEURONS');
    return neuronsDevices(args, context);
  }
  return context.loaders.neuronsConfigured ? mergedDevices(args, context, fields) : epmmDevices(args, context, fields);
};

async function epmmDevices({ first, after, filter, orderBy }: QueryDevicesArgs, { loaders, config }: GatewayContext, fields: readonly string[] | undefined): Promise<DeviceConnectionModel> {
  const limit = pageSize(first, config.maxPageSize);
  const offset = offsetAfter(after);
  const page = await loaders.devicePage({ ...compileDeviceFilter(filter), ...compileDeviceOrder(orderBy), offset, limit, fields });
  return { nodes: page.devices, offset, totalCount: page.totalCount, hasNextPage: offset + page.devices.length < page.totalCount };
}

async function neuronsDevices({ first, after, filter, orderBy }: QueryDevicesArgs, { loaders, config }: GatewayContext): Promise<DeviceConnectionModel> {
  const limit = pageSize(first, config.maxPageSize);
  const offset = offsetAfter(after);
  const page = await loaders.neuronsDevicePage({ fq: compileNeuronsDeviceFilter(filter), ...compileNeuronsDeviceOrder(orderBy), offset, limit });
  return { nodes: page.devices, offset, totalCount: page.totalCount, hasNextPage: offset + page.devices.length < page.totalCount };
}

/**
 * One search per source per page: each source is read from its own position for a full page, and the merge takes
 * the page's devices from their heads. Filters either source cannot apply are refused (see docs/decisions.md).
 */
async function mergedDevices({ first, after, filter, orderBy }: QueryDevicesArgs, { loaders, config }: GatewayContext, fields: readonly string[] | undefined): Promise<DeviceConnectionModel> {
  const limit = pageSize(first, config.maxPageSize);
  const order = mergeOrderTag(orderBy);
  const start = mergedPositionAfter(after, order);
  const epmmCriteria = compileDeviceFilter(filter);
  const fq = compileNeuronsDeviceFilter(filter);
  const [epmm, neurons] = await Promise.all([
    loaders.devicePage({ ...epmmCriteria, ...compileDeviceOrder(orderBy), offset: start.epmm, limit, fields }),
    loaders.neuronsDevicePage({ fq, ...compileNeuronsDeviceOrder(orderBy), offset: start.neurons, limit }).catch(noDevicesIfRefused),
  ]);
  const merged = mergeDevicePages(epmm.devices, neurons.devices, start, limit, orderBy);
  const totalCount = epmm.totalCount + neurons.totalCount;
  const end = merged.positions.at(-1) ?? start;
  return {
    nodes: merged.devices,
    offset: start.epmm + start.neurons,
    totalCount,
    hasNextPage: end.epmm + end.neurons < totalCount,
    cursors: merged.positions.map((position) => encodeMergedCursor(order, position)),
  };
}

/**
 * In the merged list, a caller Neurons refuses (an EPMM help-desk admin who is not a Neurons tenant admin) can see
 * no Neurons devices: their list is the EPMM one, as it would be without Neurons. Any other failure (unavailable,
 * timeout) is an error, never silently a shorter list. `source: NEURONS` still reports the refusal.
 */
function noDevicesIfRefused(error: unknown): { devices: []; totalCount: 0 } {
  if (error instanceof GatewayError && (error.extensions.code === 'FORBIDDEN' || error.extensions.code === 'UNAUTHENTICATED')) return { devices: [], totalCount: 0 };
  throw error;
}
