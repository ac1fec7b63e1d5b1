// The one rule for Device fields that only some MDMs can answer. A device from a source without a reader for the
// field gets NOT_SUPPORTED_BY_SOURCE on that field (data for the rest), thrown before any loader runs, so an
// EPMM-only field never sends a Neurons device's UUID to EPMM (where its EPMM twin, or nothing, would answer).
import type { GatewayContext } from '../context.js';
import { GatewayError } from '../errors.js';
import type { ResolverFn } from '../generated/resolvers-types.js';
import type { DeviceModel } from '../models/device.js';

type DeviceFieldResolver<Result, Args> = ResolverFn<Result, DeviceModel, GatewayContext, Args>;

const PRODUCT: Record<DeviceModel['source'], string> = { EPMM: 'Ivanti EPMM', NEURONS: 'Neurons for MDM' };

/** A Device field answered per source; a source missing from `readers` does not serve the field. */
export function bySource<Result, Args>(readers: Partial<Record<DeviceModel['source'], DeviceFieldResolver<Result, Args>>>): DeviceFieldResolver<Result, Args> {
  return (device, args, context, info) => {
    const read = readers[device.source];
    if (!read) throw new GatewayError('NOT_SUPPORTED_BY_SOURCE', `\`${info.fieldName}\` is not available for ${PRODUCT[device.source]} devices.`);
    return read(device, args, context, info);
  };
}

/** A Device field only EPMM serves. */
export function epmmOnly<Result, Args>(read: DeviceFieldResolver<Result, Args>): DeviceFieldResolver<Result, Args> {
  return bySource({ EPMM: read });
}
