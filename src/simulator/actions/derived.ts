import { SeededRandom, hashString } from '../fleet/random.js';
import type { SimDevice } from '../fleet/types.js';

/**
 * A stream seeded by the device uuid and a salt: data the World does not store (eSIMs, app violations) is
 * recomputed on demand, so the same device always reports the same values and 100k devices cost nothing.
 */
export function deviceRandom(device: SimDevice, salt: string): SeededRandom {
  return new SeededRandom(hashString(`${device.uuid}/${salt}`));
}
