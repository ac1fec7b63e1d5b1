// Idempotency keys for mutations: the same caller, operation and key within the TTL (24 h by default) returns
// the first result without a second upstream call; the same key with a different input is an error. Entries
// hold the promise, so a retry that arrives while the first attempt is still running joins it.
// In-process: with several replicas, a client must retry against the same one (docs/decisions.md).
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { GatewayError } from '../errors.js';

interface Entry {
  inputDigest: string;
  result: Promise<unknown>;
}

export class IdempotencyStore {
  private readonly entries: LRUCache<string, Entry>;

  constructor(options: { ttlMs: number; maxEntries: number }) {
    this.entries = new LRUCache<string, Entry>({ max: Math.max(1, options.maxEntries), ttl: options.ttlMs });
  }

  /**
   * Runs `perform` once per (scope, operation, key). A failed attempt (an error thrown, not item failures)
   * is forgotten so that the client may retry it.
   */
  async once<T>(scope: { callerScope: string; operation: string; key: string; input: unknown }, perform: () => Promise<T>): Promise<{ value: T; replayed: boolean }> {
    const id = JSON.stringify([scope.callerScope, scope.operation, scope.key]);
    const inputDigest = digest(scope.input);
    const existing = this.entries.get(id);
    if (existing) {
      if (existing.inputDigest !== inputDigest) {
        throw new GatewayError('BAD_USER_INPUT', `The idempotency key '${scope.key.slice(0, 64)}' was already used with a different input.`, { field: 'idempotencyKey' });
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
function digest(value: unknown): string {
  return createHash('sha256').update(canonical(value)).digest('hex');
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
