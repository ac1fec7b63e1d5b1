// Who polls a scope when replicas share Redis: a key per scope holding the holder's random token. Taking it is
// `SET NX PX`, so exactly one replica succeeds; holding it is a renewal that extends the expiry only while the key
// still holds our token, and giving it up deletes it only then. A holder that dies (or stops renewing) loses the
// lease when the key expires, and the next replica to ask takes it (docs/decisions.md "Subscriptions across
// replicas"). Beside the lease, a checkpoint key holds what the holder's poller last saw; it outlives the lease by
// one more lease period, so the replica that takes over continues from it instead of starting with a baseline.
import { randomUUID } from 'node:crypto';
import type { Result } from 'ioredis';
import type { RedisConnection } from '../cache/redis-connection.js';
import type { PollLease } from './coordination.js';

declare module 'ioredis' {
  interface RedisCommander<Context> {
    mdmgraphLeaseRenew(
      key: string,
      checkpointKey: string,
      token: string,
      ttlMs: number,
      checkpointTtlMs: number,
    ): Result<number, Context>;
    mdmgraphLeaseRelease(key: string, token: string): Result<number, Context>;
    mdmgraphCheckpointSave(
      key: string,
      checkpointKey: string,
      token: string,
      checkpoint: string,
      ttlMs: number,
    ): Result<number, Context>;
  }
}

// Compare-and-renew and compare-and-delete: a holder whose lease expired and was taken by another replica must
// neither extend nor remove the new holder's key, nor overwrite its checkpoint. Renewing also keeps the checkpoint,
// which the poller rewrites only when it changes.
const RENEW_SCRIPT = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('PEXPIRE', KEYS[2], ARGV[3])
return redis.call('PEXPIRE', KEYS[1], ARGV[2])
`;
const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
return redis.call('DEL', KEYS[1])
`;
const SAVE_SCRIPT = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
return 1
`;

/**
 * A checkpoint is kept this many lease periods after its holder's last renewal: the lease expires after one, and the
 * replica taking over asks again within one of its intervals, each shorter than a lease (src/subscriptions/hub.ts).
 */
const CHECKPOINT_LEASES = 2;

export class RedisPollLease implements PollLease {
  /** The token of each lease this replica took, by scope key. */
  private readonly tokens = new Map<string, string>();

  constructor(
    private readonly redis: RedisConnection,
    private readonly keyOf: (scopeKey: string) => string,
    private readonly checkpointKeyOf: (scopeKey: string) => string,
  ) {
    redis.client.defineCommand('mdmgraphLeaseRenew', { numberOfKeys: 2, lua: RENEW_SCRIPT });
    redis.client.defineCommand('mdmgraphLeaseRelease', { numberOfKeys: 1, lua: RELEASE_SCRIPT });
    redis.client.defineCommand('mdmgraphCheckpointSave', { numberOfKeys: 2, lua: SAVE_SCRIPT });
  }

  /**
   * With Redis unreachable the answer is true: every replica then polls for its own subscribers and delivers in
   * process (src/subscriptions/redis-event-log.ts), like the per-process rate limiter, rather than nobody polling.
   */
  async hold(scopeKey: string, ttlMs: number): Promise<boolean> {
    const key = this.keyOf(scopeKey);
    try {
      const token = this.tokens.get(scopeKey);
      const renewed =
        token !== undefined &&
        (await this.redis.client.mdmgraphLeaseRenew(
          key,
          this.checkpointKeyOf(scopeKey),
          token,
          ttlMs,
          ttlMs * CHECKPOINT_LEASES,
        )) === 1;
      if (renewed) {
        this.redis.recovered();
        return true;
      }
      const fresh = randomUUID();
      const taken = (await this.redis.client.set(key, fresh, 'PX', ttlMs, 'NX')) === 'OK';
      this.redis.recovered();
      if (taken) this.tokens.set(scopeKey, fresh);
      else this.tokens.delete(scopeKey);
      return taken;
    } catch (error) {
      this.redis.degraded('subscription poll lease', error);
      return true;
    }
  }

  async release(scopeKey: string): Promise<void> {
    const token = this.tokens.get(scopeKey);
    if (token === undefined) return;
    this.tokens.delete(scopeKey);
    // Not taken by Redis: the key expires after its ttl and another replica takes over then.
    await this.redis.client
      .mdmgraphLeaseRelease(this.keyOf(scopeKey), token)
      .catch((error: unknown) => this.redis.degraded('subscription poll lease', error));
  }

  /** Redis unreachable: none, so the poller starts with a baseline, as a replica polling on its own would. */
  async checkpoint(scopeKey: string): Promise<string | undefined> {
    try {
      const checkpoint = await this.redis.client.get(this.checkpointKeyOf(scopeKey));
      this.redis.recovered();
      return checkpoint ?? undefined;
    } catch (error) {
      this.redis.degraded('subscription poll lease', error);
      return undefined;
    }
  }

  async saveCheckpoint(scopeKey: string, checkpoint: string, ttlMs: number): Promise<boolean> {
    const token = this.tokens.get(scopeKey);
    if (token === undefined) return false;
    try {
      const saved = await this.redis.client.mdmgraphCheckpointSave(
        this.keyOf(scopeKey),
        this.checkpointKeyOf(scopeKey),
        token,
        checkpoint,
        ttlMs * CHECKPOINT_LEASES,
      );
      this.redis.recovered();
      return saved === 1;
    } catch (error) {
      this.redis.degraded('subscription poll lease', error);
      return false;
    }
  }

  /** Gives up every lease this replica holds (the process stops): the other replicas take over at once. */
  async releaseAll(): Promise<void> {
    await Promise.all([...this.tokens.keys()].map((scopeKey) => this.release(scopeKey)));
  }
}
