// A closed-loop load driver: `concurrency` workers each run one operation after another until the time is up
// (and at least `minOperations` have run), timing every operation with performance.now(). Sub-millisecond
// latencies matter here (0 ms upstream), which is why it is used for the latency rows instead of autocannon.
export interface DriveOptions {
  concurrency: number;
  durationMs: number;
  minOperations: number;
  operation: (index: number) => Promise<void>;
  /** Runs before each operation, untimed (the cold gateway empties its cache here). */
  prepare?: () => Promise<void>;
}

export interface DriveResult {
  operations: number;
  wallMs: number;
  /** Sorted ascending, milliseconds. */
  latencies: number[];
}

export async function drive(options: DriveOptions): Promise<DriveResult> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const deadline = started + options.durationMs;
  const worker = async () => {
    while (performance.now() < deadline || next < options.minOperations) {
      const index = next++;
      await options.prepare?.();
      const begun = performance.now();
      await options.operation(index);
      latencies.push(performance.now() - begun);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  latencies.sort((a, b) => a - b);
  return { operations: latencies.length, wallMs: performance.now() - started, latencies };
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
