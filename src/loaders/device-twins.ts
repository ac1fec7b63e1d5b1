// One device, one row, outside the merged list (docs/data-loading.md, "One device, one row"): a Device read from
// one MDM (`node`, `device(uuid)`, `source: EPMM`) learns its twin in the other MDM only when `sources`, `epmm`,
// `neurons` or `capabilities` is selected. The merged list attaches both records (`DeviceModel.records`) instead.
import DataLoader from 'dataloader';
import type { GatewayContext } from '../context.js';
import { GatewayError } from '../errors.js';
import type { DeviceModel, DeviceRecords } from '../models/device.js';
import { EPMM_SERIAL_FIELD, epmmKeysOf, epmmTwinUuid, joinableSerial, joinableUuid } from '../models/device-merge.js';
import { chunkedEqualsQueries } from '../upstream/epmm/search-query.js';
import { fqAny, fqEq } from '../upstream/neurons/fq.js';
import { compileNeuronsDeviceOrder } from '../upstream/neurons/device-filter.js';

type Loaders = GatewayContext['loaders'];

/** Serial numbers per NG13 search (about 40 characters each inside `fq`'s 4,000, as loaders/groups.ts does). */
const SERIALS_PER_SEARCH = 50;

interface TwinLoaders {
  neuronsTwin: DataLoader<DeviceModel, DeviceModel | null, string>;
  epmmTwin: DataLoader<DeviceModel, DeviceModel | null, string>;
}

/** Per request: the loaders object is created per request, so it keys the request's twin loaders. */
const perRequest = new WeakMap<Loaders, TwinLoaders>();

/** A refused or unconfigured MDM holds nothing the caller may see: no twin, not an error. */
function noneIfRefused(error: unknown): null {
  const code = error instanceof GatewayError ? error.code : '';
  if (['FORBIDDEN', 'UNAUTHENTICATED', 'NOT_SUPPORTED_BY_SOURCE'].includes(code)) return null;
  throw error;
}

function twinLoaders(loaders: Loaders): TwinLoaders {
  let found = perRequest.get(loaders);
  if (found) return found;
  found = {
    // NG13 cannot search by UUID: the EPMM device's serial number, matched back by UUID (or serial without one).
    neuronsTwin: new DataLoader(
      async (devices) => {
        if (!loaders.neuronsConfigured) return devices.map(() => null);
        const serials = [...new Set(devices.map((device) => joinableSerial(device.serialNumber)))].filter(
          (serial): serial is string => serial !== null,
        );
        const rows: DeviceModel[] = [];
        const chunks: string[][] = [];
        for (let index = 0; index < serials.length; index += SERIALS_PER_SEARCH) {
          chunks.push(serials.slice(index, index + SERIALS_PER_SEARCH));
        }
        await Promise.all(
          chunks.map(async (chunk) => {
            const fq = fqAny(chunk.map((serial) => fqEq('SERIALNUMBER', serial)));
            const request = { fq, ...compileNeuronsDeviceOrder(null), offset: 0, limit: chunk.length * 2 };
            const page = await loaders.neuronsDevicePage(request).catch(noneIfRefused);
            rows.push(...(page?.devices ?? []));
          }),
        );
        return devices.map((device) => {
          const keys = epmmKeysOf([device]);
          return rows.find((row) => epmmTwinUuid(keys, row) !== null) ?? null;
        });
      },
      { cacheKeyFn: (device) => device.uuid },
    ),
    // EPMM by UUID (4 per search, cached rows answer; every field, as `epmm { … }` may select any), else by serial.
    epmmTwin: new DataLoader(
      async (devices) =>
        Promise.all(
          devices.map(async (device) => {
            const uuid = joinableUuid(device.uuid);
            if (uuid) return loaders.deviceByUuid.load(uuid).catch(noneIfRefused);
            const serial = joinableSerial(device.serialNumber);
            if (!serial) return null;
            const [chunk] = chunkedEqualsQueries(EPMM_SERIAL_FIELD, [serial]);
            const page = await loaders.devicePage({ query: chunk.query, offset: 0, limit: 2 }).catch(noneIfRefused);
            const matches = page?.devices.filter((row) => joinableSerial(row.serialNumber) === serial) ?? [];
            return matches.length === 1 ? matches[0] : null;
          }),
        ),
      { cacheKeyFn: (device) => (device.neurons ? `${device.neurons.partitionId}:${device.neurons.id}` : device.uuid) },
    ),
  };
  perRequest.set(loaders, found);
  return found;
}

/** Both records of the device: attached by the merged list, else looked up in the other MDM. */
export async function recordsOf(device: DeviceModel, loaders: Loaders): Promise<DeviceRecords> {
  if (device.records) return device.records;
  const twins = twinLoaders(loaders);
  if (device.source === 'EPMM') return { epmm: device, neurons: await twins.neuronsTwin.load(device) };
  return { epmm: await twins.epmmTwin.load(device), neurons: device };
}

/** A record as a Device of its own that still knows its twin (so `epmm { sources }` costs nothing more). */
export function withRecords(record: DeviceModel | null, records: DeviceRecords): DeviceModel | null {
  return record ? { ...record, records } : null;
}
