// Idempotency keys for mutations: the same caller, operation and key within the TTL (24 h by default) returns
// the first result without a second upstream call; the same key with a different input is an error. Entries
// hold the promise, so a retry that arrives while the first attempt is still running joins it.
// Two stores keep this contract: in-process (below; one replica) and Redis (src/cache/redis-idempotency.ts;
// REDIS_URL, shared by every replica). createMutationServices picks one (docs/mutations.md).
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { GatewayError } from '../errors.js';

/** What identifies one idempotent request: never shared across callers or operations. */
export interface IdempotencyScope {
  callerScope: string;
  operation: string;
  key: string;
  /** Compared by digest: the same key with another input is refused. */
  input: unknown;
  /** Epoch ms: the operation's deadline, which bounds waiting for another attempt of the same key. */
  deadline?: number;
}

export interface IdempotencyStore {
  /**
   * Runs `perform` once per (scope, operation, key) within the TTL and answers its value to every retry
   * (`replayed: true`). A failed attempt (an error thrown, not item failures) is forgotten so that the client
   * may retry it.
   */
  once<T>(scope: IdempotencyScope, perform: () => Promise<T>): Promise<{ value: T; replayed: boolean }>;
}

/** The answer to a key reused with another input, whichever store noticed it. */
export function idempotencyKeyReused(key: string): GatewayError {
  return new GatewayError(
    'BAD_USER_INPUT',
    `The idempotency key '${key.slice(0, 64)}' was already used with a different input.`,
    { field: ['input', 'idempotencyKey'] },
  );
}

interface Entry {
  inputDigest: string;
  result: Promise<unknown>;
}

export class InProcessIdempotencyStore implements IdempotencyStore {
  private readonly entries: LRUCache<string, Entry>;

  constructor(options: { ttlMs: number; maxEntries: number }) {
    this.entries = new LRUCache<string, Entry>({ max: Math.max(1, options.maxEntries), ttl: options.ttlMs });
  }

  async once<T>(scope: IdempotencyScope, perform: () => Promise<T>): Promise<{ value: T; replayed: boolean }> {
    const id = JSON.stringify([scope.callerScope, scope.operation, scope.key]);
    const inputDigest = inputDigestOf(scope.input);
    const existing = this.entries.get(id);
    if (existing) {
      if (existing.inputDigest !== inputDigest) {
        throw idempotencyKeyReused(scope.key);
      }
      return { value: (await existing.result) as T, replayed: true };
    }
    const result = perform();
    this.entries.set(id, { inputDigest, result });
    try {
      return { value: await result, replayed: false };
    } catch (error) {
      this.entries.delete(id);
      throw error;
    }
  }
}

/** A digest of the input with object keys sorted, so key order in the client's JSON does not matter. */
export function inputDigestOf(value: unknown): string {
  return createHash('sha256').update(canonical(value)).digest('hex');
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
