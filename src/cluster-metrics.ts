// /metrics with WORKERS > 1: whichever worker a scrape reaches answers the sum over all workers, so that a counter
// never goes backwards between scrapes handed to different workers. The primary serves no HTTP, so the worker
// asks it over cluster IPC; the primary asks every serving worker for its registry (as JSON) and merges them with
// prom-client's AggregatorRegistry.aggregate, each metric by its `aggregator` (sum unless set: metrics.ts).
// Not AggregatorRegistry.clusterMetrics(): it asks every connected worker, a starting one too, and a worker that
// has not yet installed its listener stalls every scrape for 5 s.
import cluster, { type Worker } from 'node:cluster';
import { AggregatorRegistry, type Registry } from 'prom-client';
import { answerPrimary, answerWorkers, requestPrimary, requestWorker } from './cluster-ipc.js';

const METRICS_REQUEST = 'metrics';
const SHARE_REQUEST = 'metrics.share';
/** A worker's share comes from memory; a worker that takes longer is stuck, and the scrape fails (a gap). */
const SHARE_TIMEOUT_MS = 3_000;
const METRICS_TIMEOUT_MS = 5_000;

/**
 * In the primary: answers a worker's "metrics please" with the aggregate. Only workers that listen take part (one
 * still starting has counted nothing yet). A serving worker that does not answer fails the scrape rather than
 * leave its counts out: a sum that drops and comes back reads as a counter reset and a spike.
 */
export function serveMetricsToWorkers(): void {
  const serving = new Set<Worker>();
  cluster.on('listening', (worker: Worker) => serving.add(worker));
  cluster.on('exit', (worker: Worker) => serving.delete(worker));
  answerWorkers(METRICS_REQUEST, async () => {
    const ask = (worker: Worker) => requestWorker(worker, SHARE_REQUEST, null, SHARE_TIMEOUT_MS);
    const shares = await Promise.all([...serving].map(ask));
    return AggregatorRegistry.aggregate(shares as object[]).metrics();
  });
}

/** In a worker: lets the primary read this worker's registry. */
export function shareMetricsWithPrimary(registry: Registry): void {
  answerPrimary(SHARE_REQUEST, () => registry.getMetricsAsJSON());
}

/** In a worker: the metrics of every worker, summed (text exposition format). */
export async function clusterMetrics(): Promise<string> {
  return String(await requestPrimary(METRICS_REQUEST, null, METRICS_TIMEOUT_MS));
}
