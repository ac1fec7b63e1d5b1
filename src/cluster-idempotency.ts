// The idempotency store of WORKERS > 1 without Redis: the primary holds the one map of keys, and every worker
// claims, finishes and replays keys through it over cluster IPC (src/cluster-ipc.ts). Without it each worker
// kept its own keys, and a client's retry handed to the other worker ran the action a second time.
// Same contract and protocol as the Redis store (src/cache/redis-idempotency.ts): a key is claimed as "pending"
// with the input digest before the action runs, then holds the outcome for the rest of the TTL; a worker that
// finds "pending" waits for the outcome up to the operation's deadline and never runs the action itself. The
// primary not answering refuses the keyed mutation (docs/decisions.md "Idempotency keys across workers").
import cluster, { type Worker } from 'node:cluster';
import { createHash, randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { answerWorkers, requestPrimary } from './cluster-ipc.js';
import { GatewayError, type ErrorCode, type GatewayErrorDetails } from './errors.js';
import {
  idempotencyKeyReused,
  inputDigestOf,
  type IdempotencyScope,
  type IdempotencyStore,
} from './mutations/idempotency.js';
import type { Logger } from './observability/logger.js';

export const IDEMPOTENCY_REQUEST = 'idempotency';

/**
 * What a key holds once its attempt is over: a value, or an error the pipeline chose to keep (replayed as the
 * same error). The store keeps whatever outcome it is given; which failures release the key is the worker's
 * decision (ClusterIdempotencyStore.perform), not the primary's.
 */
export type StoredOutcome =
  | { ok: true; value: unknown }
  | { ok: false; error: { code: ErrorCode; message: string; details: GatewayErrorDetails } };

export type IdempotencyRequest =
  | { op: 'claim'; id: string; input: string; claim: string }
  | { op: 'finish'; id: string; claim: string; outcome: StoredOutcome }
  | { op: 'release'; id: string; claim: string };

export type ClaimAnswer =
  | { state: 'claimed' }
  | { state: 'mismatch' }
  | { state: 'done'; outcome: StoredOutcome }
  | { state: 'pending'; startedAt: number }
  /** Its worker exited while the attempt ran: whether the action was sent is unknown. */
  | { state: 'abandoned'; startedAt: number };

type Entry =
  | { state: 'pending'; input: string; claim: string; startedAt: number; owner: number | undefined }
  | { state: 'done'; input: string; outcome: StoredOutcome }
  | { state: 'abandoned'; input: string; startedAt: number };

const KEEP_TTL = { noUpdateTTL: true };

/** The primary's map: one per cluster, bounded (LRU) and expiring (TTL from the claim, as in process). */
export class PrimaryIdempotencyMap {
  private readonly entries: LRUCache<string, Entry>;

  constructor(options: { ttlMs: number; maxEntries: number }) {
    this.entries = new LRUCache<string, Entry>({ max: Math.max(1, options.maxEntries), ttl: options.ttlMs });
  }

  /** `owner`: the asking worker's id, so that its claims are known abandoned when it exits. */
  handle(request: IdempotencyRequest, owner: number | undefined): ClaimAnswer | { changed: boolean } {
    const entry = this.entries.get(request.id);
    switch (request.op) {
      case 'claim':
        if (!entry) {
          const { input, claim } = request;
          this.entries.set(request.id, { state: 'pending', input, claim, startedAt: Date.now(), owner });
          return { state: 'claimed' };
        }
        if (entry.input !== request.input) return { state: 'mismatch' };
        if (entry.state === 'done') return { state: 'done', outcome: entry.outcome };
        return { state: entry.state, startedAt: entry.startedAt };
      // Both act only while the key holds this attempt's claim, so a late message never overwrites another's.
      case 'finish':
        if (entry?.state !== 'pending' || entry.claim !== request.claim) return { changed: false };
        this.entries.set(request.id, { state: 'done', input: entry.input, outcome: request.outcome }, KEEP_TTL);
        return { changed: true };
      case 'release':
        if (entry?.state !== 'pending' || entry.claim !== request.claim) return { changed: false };
        this.entries.delete(request.id);
        return { changed: true };
    }
  }

  /**
   * A worker exited: its pending attempts will never report. They are not forgotten (the action may have been
   * sent, and a retry must not send it again) but answered as abandoned, so that a retry learns it at once.
   */
  workerGone(owner: number): void {
    const gone: Array<[string, Entry & { state: 'pending' }]> = [];
    this.entries.forEach((entry, id) => {
      if (entry.state === 'pending' && entry.owner === owner) gone.push([id, entry]);
    });
    for (const [id, entry] of gone) {
      this.entries.set(id, { state: 'abandoned', input: entry.input, startedAt: entry.startedAt }, KEEP_TTL);
    }
  }
}

/** In the primary: holds the map and answers the workers' idempotency requests. */
export function serveIdempotencyToWorkers(options: { ttlMs: number; maxEntries: number }): PrimaryIdempotencyMap {
  const map = new PrimaryIdempotencyMap(options);
  answerWorkers(IDEMPOTENCY_REQUEST, (payload, from) => map.handle(payload as IdempotencyRequest, from?.id));
  cluster.on('exit', (worker: Worker) => map.workerGone(worker.id));
  return map;
}

/** In a worker: the store whose keys the primary holds (serveIdempotencyToWorkers). */
export function clusterIdempotencyStore(logger: Logger, options: ClusterIdempotencyOptions): ClusterIdempotencyStore {
  const ask = (request: IdempotencyRequest, timeoutMs: number) =>
    requestPrimary(IDEMPOTENCY_REQUEST, request, timeoutMs);
  return new ClusterIdempotencyStore(ask, logger, options);
}

export interface ClusterIdempotencyOptions {
  /** The operation deadline: the longest a waiter waits outside an operation; twice it, a claim is stale. */
  operationDeadlineMs: number;
  /** How long one request to the primary may take before the keyed mutation is refused. */
  requestTimeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** The primary answers from memory at once; this only bounds a primary that is gone or stuck. */
const REQUEST_TIMEOUT_MS = 5_000;
const POLL_FIRST_MS = 20;
const POLL_MAX_MS = 250;

/** In a worker: the IdempotencyStore whose keys live in the primary. */
export class ClusterIdempotencyStore implements IdempotencyStore {
  private readonly sleep: (ms: number) => Promise<void>;

  /** `ask` sends one request to the primary (requestPrimary in production; a direct call in unit tests). */
  constructor(
    private readonly ask: (request: IdempotencyRequest, timeoutMs: number) => Promise<unknown>,
    private readonly logger: Logger,
    private readonly options: ClusterIdempotencyOptions,
  ) {
    this.sleep = options.sleep ?? ((ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  }

  async once<T>(scope: IdempotencyScope, perform: () => Promise<T>): Promise<{ value: T; replayed: boolean }> {
    // Hashed: bounded size, and the client's key never reaches the primary. The caller scope is part of it.
    const id = createHash('sha256')
      .update(JSON.stringify([scope.callerScope, scope.operation, scope.key]))
      .digest('hex');
    const input = inputDigestOf(scope.input);
    const deadline = scope.deadline ?? Date.now() + this.options.operationDeadlineMs;
    for (let pause = POLL_FIRST_MS; ; pause = Math.min(pause * 2, POLL_MAX_MS)) {
      // The claim token is the worker's, so that a claim whose answer was lost can still be released.
      const claim = randomUUID();
      let answer: ClaimAnswer;
      try {
        answer = (await this.request({ op: 'claim', id, input, claim })) as ClaimAnswer;
      } catch (error) {
        void this.request({ op: 'release', id, claim }).catch(() => undefined);
        throw error;
      }
      switch (answer.state) {
        case 'claimed':
          return { value: await this.perform(id, claim, perform), replayed: false };
        case 'mismatch':
          throw idempotencyKeyReused(scope.key);
        case 'done':
          return { value: replay(answer.outcome) as T, replayed: true };
        case 'abandoned':
          throw unfinished(scope.key, answer.startedAt);
        case 'pending':
          if (Date.now() - answer.startedAt > 2 * this.options.operationDeadlineMs) {
            throw unfinished(scope.key, answer.startedAt);
          }
          if (Date.now() + pause > deadline) throw stillRunning(scope.key);
          await this.sleep(pause);
      }
    }
  }

  /** Runs the action under this attempt's claim and stores its outcome, or releases the claim if it threw. */
  private async perform<T>(id: string, claim: string, perform: () => Promise<T>): Promise<T> {
    let value: T;
    try {
      value = await perform();
    } catch (error) {
      // Nothing to replay: a retry may run. If the primary does not take the release, the claim stays pending
      // and retries are refused (stillRunning, then unfinished), never re-run.
      await this.request({ op: 'release', id, claim }).catch(() => this.warnRetriesRefused('release'));
      throw error;
    }
    const outcome: StoredOutcome = { ok: true, value };
    await this.request({ op: 'finish', id, claim, outcome }).catch(() => this.warnRetriesRefused('finish'));
    return value;
  }

  /** The attempt's own caller still gets its outcome; only retries of the key are affected. */
  private warnRetriesRefused(step: 'finish' | 'release'): void {
    this.logger.warn({ step }, 'idempotency: the primary did not take an outcome; retries of the key are refused');
  }

  /** One request to the primary; no answer refuses the keyed mutation rather than running it unkeyed. */
  private async request(request: IdempotencyRequest): Promise<unknown> {
    try {
      return await this.ask(request, this.options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS);
    } catch (error) {
      const err = error instanceof Error ? error.message : String(error);
      this.logger.warn({ op: request.op, err }, 'idempotency: no answer from the cluster primary');
      throw new GatewayError(
        'UPSTREAM_UNAVAILABLE',
        'Idempotency keys cannot be honoured right now (the cluster primary holding them did not answer). ' +
          'Retry later, or send the mutation without idempotencyKey to accept that a retry may repeat it.',
        { field: ['input', 'idempotencyKey'] },
      );
    }
  }
}

/** A stored outcome as the first attempt's caller saw it: its value, or the same error. */
function replay(outcome: StoredOutcome): unknown {
  if (outcome.ok) return outcome.value;
  throw new GatewayError(outcome.error.code, outcome.error.message, outcome.error.details);
}

/** A GatewayError as a StoredOutcome, for a pipeline that keeps an error outcome under its key. */
export function errorOutcome(error: GatewayError): StoredOutcome {
  return { ok: false, error: { code: error.code, message: error.message, details: error.details } };
}

/** The first attempt is still running: a later retry gets its result. */
function stillRunning(key: string): GatewayError {
  return new GatewayError(
    'RATE_LIMITED',
    `The first request with idempotency key '${key.slice(0, 64)}' is still running; ` +
      'retry later to get its result.',
    { field: ['input', 'idempotencyKey'], retryAfter: '1' },
  );
}

/** The attempt's worker exited, or its outcome never arrived: whether it was applied is unknown. */
function unfinished(key: string, startedAt: number): GatewayError {
  return new GatewayError(
    'BAD_USER_INPUT',
    `The request with idempotency key '${key.slice(0, 64)}' started at ${new Date(startedAt).toISOString()} ` +
      'and never reported a result, so whether it was applied is unknown. ' +
      'Check the audit log and the items, then use a new key.',
    { field: ['input', 'idempotencyKey'] },
  );
}
