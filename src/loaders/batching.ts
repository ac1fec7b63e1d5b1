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
 * The one fan-out loader (one upstream call per key: the vendor has no multi-key read): every key of a tick is
 * loaded at once, and a failure fails only its own key. Nothing here bounds the concurrency: the upstream pool is
 * sized for the largest fan-out the gateway plans (EPMM_CONNECTIONS, a page of 200 devices) so that a page's calls
 * go out in one wave, and UPSTREAM_RATE_LIMIT is the one brake (docs/data-loading.md). BATCHING=off changes
 * nothing here, as these loaders never combine keys.
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
    options,
  );
}
