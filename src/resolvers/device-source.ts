// The one rule for Device fields that only some MDMs can answer. A device from a source without a reader for the
// field answers null with no error (the field does not apply: `Device.capabilities` lists those that do; errors
// are for failures, so a mixed list renders under a client's default error policy). It returns before any loader
// runs, so an EPMM-only field never sends a Neurons device's UUID to EPMM (where its EPMM twin, or nothing, would
// answer). A twin in the merged list is its EPMM record, so EPMM-only fields read EPMM for it (docs/data-loading.md).
import type { GatewayContext } from '../context.js';
import type { ResolverFn } from '../generated/resolvers-types.js';
import type { DeviceModel } from '../models/device.js';

type DeviceFieldResolver<Result, Args> = ResolverFn<Result, DeviceModel, GatewayContext, Args>;

/** A Device field answered per source; a source missing from `readers` does not serve the field (null). */
export function bySource<Result, Args>(
  readers: Partial<Record<DeviceModel['source'], DeviceFieldResolver<Result, Args>>>,
): DeviceFieldResolver<Result | null, Args> {
  return (device, args, context, info) => {
    const read = readers[device.source];
    if (!read) return null;
    return read(device, args, context, info);
  };
}

/** A Device field only EPMM serves. */
export function epmmOnly<Result, Args>(
  read: DeviceFieldResolver<Result, Args>,
): DeviceFieldResolver<Result | null, Args> {
  return bySource({ EPMM: read });
}
