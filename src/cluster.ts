// WORKERS=N (or `serve --workers N`): N gateway processes share one port through node:cluster, the primary
// accepting connections and handing them to the workers in turn, so one machine's cores all serve. The
// primary serves nothing itself; it runs the embedded simulator (once, not per worker), restarts a worker that
// dies, and on SIGINT/SIGTERM stops the workers (each finishes its in-flight requests) before exiting.
// State that must be one for all workers lives in the primary, which workers ask over IPC: idempotency keys
// without Redis (src/cluster-idempotency.ts) and the metrics sum (src/cluster-metrics.ts). Without Redis the
// primary also relays cache invalidations between workers (src/cluster-cache.ts), and each worker takes 1/N of
// the upstream rate limit (docs/decisions.md "Cache, rate limit and audit file across workers").
import cluster, { type Worker } from 'node:cluster';
import type { Scope } from './auth/caller.js';
import { relayInvalidationsBetweenWorkers } from './cluster-cache.js';
import { serveIdempotencyToWorkers } from './cluster-idempotency.js';
import { serveMetricsToWorkers } from './cluster-metrics.js';

/** How a worker learns of the simulator its primary runs (not a setting: set only by the primary, as JSON). */
const EMBEDDED_SIMULATOR_ENV = 'MDMGRAPH_EMBEDDED_SIMULATOR';
/** How a worker learns how many workers its primary runs (not a setting either: set only by the primary). */
const WORKER_COUNT_ENV = 'MDMGRAPH_CLUSTER_WORKERS';

/** What a worker needs of the primary's embedded simulator: where it is and its admins' scopes. */
export interface EmbeddedSimulatorRef {
  url: string;
  passThroughScopes: Readonly<Record<string, readonly Scope[]>>;
}

/** A dead worker is replaced after this pause, so a worker that crashes at start does not spin the primary. */
const RESTART_DELAY_MS = 1_000;

/**
 * A worker that cannot listen (the address is taken or not allowed) exits with this code, having printed why; the
 * primary then stops and exits 1 instead of restarting it every second. 78 is sysexits' EX_CONFIG.
 */
export const LISTEN_FAILED_EXIT_CODE = 78;

export function isClusterWorker(): boolean {
  return cluster.isWorker;
}

/** The embedded simulator when this process is a worker of a primary that runs one. */
export function embeddedSimulatorFromPrimary(): EmbeddedSimulatorRef | undefined {
  const text = cluster.isWorker ? process.env[EMBEDDED_SIMULATOR_ENV] : undefined;
  return text ? (JSON.parse(text) as EmbeddedSimulatorRef) : undefined;
}

/** How many workers this process is one of, as its primary says; undefined outside a cluster worker. */
export function clusterWorkerCount(): number | undefined {
  const count = cluster.isWorker ? Number(process.env[WORKER_COUNT_ENV]) : NaN;
  return Number.isInteger(count) && count >= 1 ? count : undefined;
}

/** What the primary keeps for its workers. */
export interface PrimaryServices {
  /** Idempotency keys, when the workers have no Redis to share them (the in-process store's TTL and bound). */
  idempotency?: { ttlMs: number; maxEntries: number };
  /** Relay each worker's cache invalidations to the others, when no Redis does it. */
  relayInvalidations?: boolean;
}

export function superviseWorkers(
  count: number,
  simulator: EmbeddedSimulatorRef | undefined,
  onStopped: () => Promise<void>,
  services: PrimaryServices = {},
): void {
  let stopping = false;
  // Before the first fork, so that no worker's first request finds nobody answering.
  if (services.idempotency) serveIdempotencyToWorkers(services.idempotency);
  serveMetricsToWorkers();
  if (services.relayInvalidations) relayInvalidationsBetweenWorkers();
  const env = {
    [WORKER_COUNT_ENV]: String(count),
    ...(simulator ? { [EMBEDDED_SIMULATOR_ENV]: JSON.stringify(simulator) } : {}),
  };
  const alive = new Set<Worker>();
  const fork = () => {
    if (!stopping) alive.add(cluster.fork(env));
  };
  let exitCode = 0;
  const finish = () => void onStopped().then(() => process.exit(exitCode));
  for (let i = 0; i < count; i++) fork();
  cluster.on('exit', (worker: Worker, code: number | null, signal: string | null) => {
    alive.delete(worker);
    if (stopping) {
      if (alive.size === 0) finish();
      return;
    }
    if (code === LISTEN_FAILED_EXIT_CODE) {
      exitCode = 1;
      return stop();
    }
    console.error(`mdmgraph: worker ${worker.process.pid} exited (${signal ?? `code ${code}`}); starting another`);
    setTimeout(fork, RESTART_DELAY_MS);
  });
  const stop = () => {
    if (stopping) return;
    stopping = true;
    console.log(`mdmgraph: stopping ${alive.size} workers`);
    if (alive.size === 0) finish();
    for (const worker of alive) worker.process.kill('SIGTERM');
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
