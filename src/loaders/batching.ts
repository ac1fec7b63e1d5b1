// BATCHING=off switches the true-batch loaders (one upstream call for many keys) to one key per call. It exists
// for the benchmark's no-batching baseline (bench/), to show what batching saves; production leaves it on.
import DataLoader from 'dataloader';

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

/**
 * Fan-out loaders (one upstream call per key: the vendor has no multi-key read) dispatch at most this many keys at a
 * time, bounding a request's concurrent calls (docs/data-loading.md).
 */
export const FAN_OUT_MAX_BATCH = 10;

/**
 * The one fan-out loader: `load` once per key, FAN_OUT_MAX_BATCH keys at a time; a failure fails only its own key.
 * BATCHING=off changes nothing here, as these loaders never combine keys.
 */
export function fanOutLoader<K, V, C = K>(
  load: (key: K) => Promise<V>,
  options: Pick<DataLoader.Options<K, V, C>, 'cacheKeyFn'> = {},
): DataLoader<K, V, C> {
  return new DataLoader<K, V, C>(
    (keys) =>
      Promise.all(
        keys.map((key) =>
          load(key).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))),
        ),
      ),
    { ...options, maxBatchSize: FAN_OUT_MAX_BATCH },
  );
}
