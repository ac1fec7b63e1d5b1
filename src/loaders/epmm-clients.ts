// The EPMM clients beside the search client (v1 devices, v1 administration, v2 device actions). server.ts builds
// them once over the same UpstreamHttp as the search client, so every call shares its pool, breaker, rate limit,
// deadline and per-operation accounting, and registers them here under the search client that loaders receive.
import type { EpmmClient } from '../upstream/epmm/client.js';
import type { EpmmDeviceActionsClient } from '../upstream/epmm/device-actions-client.js';
import type { EpmmV1AdminClient } from '../upstream/epmm/v1-admin-client.js';
import type { EpmmV1DevicesClient } from '../upstream/epmm/v1-devices-client.js';

export interface EpmmClients {
  v1Devices: EpmmV1DevicesClient;
  v1Admin: EpmmV1AdminClient;
  deviceActions: EpmmDeviceActionsClient;
}

const registered = new WeakMap<EpmmClient, EpmmClients>();

export function registerEpmmClients(client: EpmmClient, clients: EpmmClients): void {
  registered.set(client, clients);
}

export function epmmClients(client: EpmmClient): EpmmClients {
  const clients = registered.get(client);
  if (!clients) throw new Error('EPMM clients were not registered for this search client (createGateway does it)');
  return clients;
}
