// Per-device state that only v1 calls change and the World does not model (roaming switches, locate requests,
// profile re-pushes). Kept beside the World, keyed by the World's own device objects,
// so it lives exactly as long as that World and costs nothing for devices nobody touched.
import type { SimDevice } from '../fleet/types.js';

export interface V1DeviceState {
  /** E21; undefined until set, in which case the device reports its own roaming setting. */
  voiceRoaming?: boolean;
  dataRoaming?: boolean;
  /** E19/E20 `locatenow=true`: when a fresh location was requested (epoch ms). */
  locateRequestedAt?: number;
  /** E29: when each profile (`<profileType>/<id>`) was last pushed (epoch ms). */
  profilePushedAt: Map<string, number>;
}

const STATES = new WeakMap<SimDevice, V1DeviceState>();

/** The device's v1 state, created on first use. */
export function v1DeviceState(device: SimDevice): V1DeviceState {
  let state = STATES.get(device);
  if (!state) {
    state = { profilePushedAt: new Map() };
    STATES.set(device, state);
  }
  return state;
}

/** Read without creating. */
export function peekV1DeviceState(device: SimDevice): V1DeviceState | undefined {
  return STATES.get(device);
}
