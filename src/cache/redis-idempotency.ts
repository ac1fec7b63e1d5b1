// The idempotency store shared by every replica (REDIS_URL): a client's retry of a keyed mutation that lands on
// another replica answers the first result instead of sending the action again. One Redis key per (caller scope,
// operation, idempotency key), claimed atomically (SET NX PX) as "pending" with the input digest before the
// action runs, then replaced by the result (JSON; results are plain data) for the rest of the TTL. A replica that
// finds "pending" waits for the result, up to the operation's deadline, and never runs the action itself.
// Redis unreachable: keyed mutations are refused (docs/decisions.md "Idempotency keys across replicas").
import { createHash, randomUUID } from 'node:crypto';
import type { Result } from 'ioredis';
import { GatewayError } from '../errors.js';
import {
  idempotencyKeyReused,
  inputDigestOf,
  type IdempotencyScope,
  type IdempotencyStore,
} from '../mutations/idempotency.js';
import type { Logger } from '../observability/logger.js';
import type { RedisConnection } from './redis-connection.js';

declare module 'ioredis' {
  interface RedisCommander<Context> {
    mdmgraphIdempotencyFinish(key: string, claim: string, done: string): Result<number, Context>;
    mdmgraphIdempotencyRelease(key: string, claim: string): Result<number, Context>;
  }
}

// Both act only while the key still holds this attempt's claim (its token is part of the value), so an attempt
// that outlived its claim can never overwrite or delete another attempt's entry. The result keeps the claim's
// expiry: the TTL counts from the first request, as in process.
const FINISH_SCRIPT = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL')
return 1
`;
const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
return redis.call('DEL', KEYS[1])
`;

type Entry =
  | { state: 'pending'; input: string; claim: string; startedAt: number }
  | { state: 'done'; input: string; result: unknown };

export interface RedisIdempotencyOptions {
  ttlMs: number;
  /** The operation deadline: the longest a waiter waits outside an operation, and the age after which a claim is stale. */
  operationDeadlineMs: number;
  sleep?: (ms: number) => Promise<void>;
}

const POLL_FIRST_MS = 20;
const POLL_MAX_MS = 250;

export class RedisIdempotencyStore implements IdempotencyStore {
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly redis: RedisConnection,
    private readonly logger: Logger,
    private readonly options: RedisIdempotencyOptions,
  ) {
    this.sleep = options.sleep ?? ((ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    redis.client.defineCommand('mdmgraphIdempotencyFinish', { numberOfKeys: 1, lua: FINISH_SCRIPT });
    redis.client.defineCommand('mdmgraphIdempotencyRelease', { numberOfKeys: 1, lua: RELEASE_SCRIPT });
  }

  async once<T>(scope: IdempotencyScope, perform: () => Promise<T>): Promise<{ value: T; replayed: boolean }> {
    const key = this.keyOf(scope);
    const input = inputDigestOf(scope.input);
    const deadline = scope.deadline ?? Date.now() + this.options.operationDeadlineMs;
    for (let pause = POLL_FIRST_MS; ; pause = Math.min(pause * 2, POLL_MAX_MS)) {
      const claim = randomUUID();
      const pending = JSON.stringify({ state: 'pending', input, claim, startedAt: Date.now() } satisfies Entry);
      if ((await this.command(() => this.redis.client.set(key, pending, 'PX', this.options.ttlMs, 'NX'))) === 'OK') {
        return { value: await this.perform(key, pending, input, perform), replayed: false };
      }
      const entry = parseEntry(await this.command(() => this.redis.client.get(key)));
      // Gone between the two commands (the attempt failed and was released, or expired): claim it again.
      if (!entry) continue;
      if (entry.input !== input) throw idempotencyKeyReused(scope.key);
      if (entry.state === 'done') return { value: entry.result as T, replayed: true };
      if (Date.now() - entry.startedAt > 2 * this.options.operationDeadlineMs)
        throw unfinished(scope.key, entry.startedAt);
      if (Date.now() + pause > deadline) throw stillRunning(scope.key);
      await this.sleep(pause);
    }
  }

  /** Runs the action under this attempt's claim and records its result, or releases the claim if it threw. */
  private async perform<T>(key: string, pending: string, input: string, perform: () => Promise<T>): Promise<T> {
    let value: T;
    try {
      value = await perform();
    } catch (error) {
      // Nothing to replay: a retry may run. If Redis does not take the release, the claim stays (see unfinished()).
      await this.redis.client
        .mdmgraphIdempotencyRelease(key, pending)
        .catch((releaseError: unknown) => this.redis.degraded('idempotency release', releaseError));
      throw error;
    }
    try {
      const done = JSON.stringify({ state: 'done', input, result: value } satisfies Entry);
      await this.redis.client.mdmgraphIdempotencyFinish(key, pending, done);
      this.redis.recovered();
    } catch (error) {
      // The action ran: its caller gets the result. Retries find the claim pending and are refused, never re-run.
      this.logger.warn(
        { err: error instanceof Error ? error.message : String(error) },
        'idempotency: the result of a keyed mutation could not be stored in redis; retries of its key will be refused',
      );
    }
    return value;
  }

  /** Hashed: bounded length, and the client's key never appears in Redis key names. The caller scope is part of it. */
  private keyOf(scope: IdempotencyScope): string {
    const id = createHash('sha256')
      .update(JSON.stringify([scope.callerScope, scope.operation, scope.key]))
      .digest('hex');
    return `${this.redis.keyPrefix}idem:${id}`;
  }

  /** A Redis command whose failure refuses the keyed mutation: without the shared store, at-most-once cannot be promised. */
  private async command<R>(run: () => Promise<R>): Promise<R> {
    try {
      const result = await run();
      this.redis.recovered();
      return result;
    } catch (error) {
      this.redis.degraded('idempotency store', error);
      throw new GatewayError(
        'UPSTREAM_UNAVAILABLE',
        'Idempotency keys cannot be honoured right now (the shared idempotency store is unreachable). Retry later, or send the mutation without idempotencyKey to accept that a retry may repeat it.',
        { field: ['input', 'idempotencyKey'] },
      );
    }
  }
}

function parseEntry(text: string | null): Entry | undefined {
  if (text === null) return undefined;
  try {
    const entry = JSON.parse(text) as Entry;
    if ((entry.state === 'pending' || entry.state === 'done') && typeof entry.input === 'string') return entry;
  } catch {
    // Falls through: the key is taken by something this build cannot read, which must not be run over.
  }
  throw new GatewayError(
    'INTERNAL_SERVER_ERROR',
    'The stored state of this idempotency key is unreadable; use a new key.',
    { field: ['input', 'idempotencyKey'] },
  );
}

/** The first attempt is still running: a later retry gets its result. */
function stillRunning(key: string): GatewayError {
  return new GatewayError(
    'RATE_LIMITED',
    `The first request with idempotency key '${key.slice(0, 64)}' is still running on another replica; retry later to get its result.`,
    { field: ['input', 'idempotencyKey'], retryAfter: '1' },
  );
}

/** A claim older than any operation may run: its replica stopped, or Redis missed the outcome. Waiting is useless. */
function unfinished(key: string, startedAt: number): GatewayError {
  return new GatewayError(
    'BAD_USER_INPUT',
    `The request with idempotency key '${key.slice(0, 64)}' started at ${new Date(startedAt).toISOString()} and never reported a result, so whether it was applied is unknown. Check the audit log and the items, then use a new key.`,
    { field: ['input', 'idempotencyKey'] },
  );
}
