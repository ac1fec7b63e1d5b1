// BATCHING=off switches the true-batch loaders (one upstream call for many keys) to one key per call. It exists
// for the benchmark's no-batching baseline (bench/), to show what batching saves; production leaves it on.
import type DataLoader from 'dataloader';

export interface BatchingSetting {
  /** False only with BATCHING=off; absent means on. */
  batching?: boolean;
}

export function batchingOptions<K, V, C = K>(
  deps: BatchingSetting,
  options: DataLoader.Options<K, V, C>,
): DataLoader.Options<K, V, C> {
  return deps.batching === false ? { ...options, batch: false } : options;
}
