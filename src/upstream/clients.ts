// Every upstream client, built once per gateway (src/server.ts) and handed to the loaders and the mutations.
// The EPMM ones share one UpstreamHttp, so every call shares its pool, breaker, rate limit, deadline and
// per-operation accounting.
import { EpmmClient } from './epmm/client.js';
import { EpmmDeviceSpacesClient } from './epmm/device-spaces-client.js';
import { EpmmV1AdminClient } from './epmm/v1-admin-client.js';
import { EpmmV1DevicesClient } from './epmm/v1-devices-client.js';
import { EpmmV2DevicesClient } from './epmm/v2-devices-client.js';
import type { UpstreamHttp } from './http.js';
import { NeuronsClient } from './neurons/client.js';

export interface EpmmClients {
  /** v2 device search, device details, search fields and the caller's own device spaces. */
  search: EpmmClient;
  /** Device spaces: list, policy restrictions, settings and their changes (DS01, DS03-DS11). */
  deviceSpaces: EpmmDeviceSpacesClient;
  /** The other v2 device endpoints: actions, labels, compliance, SIM details, registration, the export. */
  v2Devices: EpmmV2DevicesClient;
  /** v1 devices: reads, actions, registration, locate, profiles, labels, countries and operators. */
  v1Devices: EpmmV1DevicesClient;
  /** v1 administration: accounts, LDAP users, alerts, policies, app settings, ActiveSync. */
  v1Admin: EpmmV1AdminClient;
}

export interface UpstreamClients {
  epmm: EpmmClients;
  /** Absent when Neurons is not configured: its fields then answer NOT_SUPPORTED_BY_SOURCE. */
  neurons: NeuronsClient | undefined;
}

export function createUpstreamClients(epmm: UpstreamHttp, neurons: UpstreamHttp | undefined): UpstreamClients {
  return {
    epmm: {
      search: new EpmmClient(epmm),
      deviceSpaces: new EpmmDeviceSpacesClient(epmm),
      v2Devices: new EpmmV2DevicesClient(epmm),
      v1Devices: new EpmmV1DevicesClient(epmm),
      v1Admin: new EpmmV1AdminClient(epmm),
    },
    neurons: neurons ? new NeuronsClient(neurons) : undefined,
  };
}
