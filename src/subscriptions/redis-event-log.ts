// Each scope's events as a Redis stream shared by the replicas: appended by whichever replica polls the scope,
// trimmed to about `retention` entries (MAXLEN ~), followed live by every replica's stream reader, and read back
// from a client's Last-Event-ID on reconnection, whichever replica it reaches. Each entry also records the id of
// the entry before it (`prev`), so that after trimming the oldest retained entry tells exactly whether the event
// following a client's id is still kept (docs/decisions.md "Subscriptions across replicas").
// Redis unreachable: an appended event goes to this process's followers only, with an id of this process (one
// that Redis never issues, so resuming from it reads as "not retained"); resumption answers nothing retained.
import { randomBytes } from 'node:crypto';
import type { Result } from 'ioredis';
import type { RedisConnection } from '../cache/redis-connection.js';
import type { ScopeEventLog, StoredEvent } from './coordination.js';
import { compareStreamIds, entryField, parseStreamId } from './redis-stream-ids.js';
import type { RedisStreamReader } from './redis-stream-reader.js';

declare module 'ioredis' {
  interface RedisCommander<Context> {
    mdmgraphEventAppend(key: string, retention: number, payload: string, expiryMs: number): Result<string, Context>;
  }
}

// One step, so that `prev` is the entry just before the new one even when replicas append at once.
const APPEND_SCRIPT = `
local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
local prev = ''
if last[1] then prev = last[1][1] end
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'payload', ARGV[2], 'prev', prev)
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return id
`;

/**
 * A scope nobody has appended to for this long loses its stream (callers come and go: every credential is a
 * scope). A client resuming later is told that events may be missing.
 */
const IDLE_EXPIRY_MS = 86_400_000;

type Entry = [id: string, fields: string[]];

export class RedisEventLog implements ScopeEventLog {
  /** Ids of events delivered in process while Redis was unreachable: `local-<process>-<n>`, never a stream id. */
  private readonly localPrefix = `local-${randomBytes(4).toString('hex')}-`;
  private localSequence = 0;

  constructor(
    private readonly redis: RedisConnection,
    private readonly reader: RedisStreamReader,
    private readonly keyOf: (scopeKey: string) => string,
    /** Entries kept per scope, at least (Redis trims whole nodes of entries, so slightly more may stay). */
    private readonly retention: number,
  ) {
    redis.client.defineCommand('mdmgraphEventAppend', { numberOfKeys: 1, lua: APPEND_SCRIPT });
  }

  async append(scopeKey: string, payload: string): Promise<string> {
    const key = this.keyOf(scopeKey);
    try {
      const id = await this.redis.client.mdmgraphEventAppend(key, this.retention, payload, IDLE_EXPIRY_MS);
      this.redis.recovered();
      return id;
    } catch (error) {
      this.redis.degraded('subscription events', error);
      const event = { id: `${this.localPrefix}${++this.localSequence}`, payload };
      this.reader.deliverLocally(key, event);
      return event.id;
    }
  }

  /**
   * Like the in-process log (src/subscriptions/local-coordination.ts): an id this log cannot place (not a stream
   * id, or later than its last entry: another log's, or one from before Redis lost the stream) answers every event
   * retained, incomplete. Redis unreachable: nothing, incomplete.
   */
  async readAfter(scopeKey: string, afterId: string): Promise<{ events: StoredEvent[]; complete: boolean }> {
    const key = this.keyOf(scopeKey);
    const placed = parseStreamId(afterId) !== undefined;
    try {
      // One transaction: the bounds and the events agree even while another replica appends and trims.
      const replies = await this.redis.client
        .multi()
        .xrange(key, '-', '+', 'COUNT', 1)
        .xrevrange(key, '+', '-', 'COUNT', 1)
        .xrange(key, placed ? `(${afterId}` : '-', '+')
        .exec();
      const [first, last, range] = (replies ?? []).map(([error, value]) => {
        if (error) throw error;
        return value as Entry[];
      });
      this.redis.recovered();
      const oldest = first?.[0];
      const newest = last?.[0];
      if (!oldest || !newest) return { events: [], complete: false };
      if (!placed) return { events: range.map(toEvent), complete: false };
      if (compareStreamIds(afterId, newest[0]) > 0) {
        const all = await this.redis.client.xrange(key, '-', '+');
        return { events: all.map(toEvent), complete: false };
      }
      // Nothing after `afterId` was trimmed when the client's id is retained or later, or when the entry before the
      // oldest one kept is the client's id or earlier. An oldest entry with no `prev` began the stream: an earlier
      // id is from before this stream (one Redis lost or expired), whose later events may be gone.
      const prev = entryField(oldest[1], 'prev');
      const complete =
        compareStreamIds(afterId, oldest[0]) >= 0 || (prev !== '' && compareStreamIds(afterId, prev) >= 0);
      return { events: range.map(toEvent), complete };
    } catch (error) {
      this.redis.degraded('subscription events', error);
      return { events: [], complete: false };
    }
  }

  /**
   * Starts after the stream's last entry at the time of the call. With Redis unreachable, after the current
   * time: what is appended once it is back has later ids (they count Redis's clock, in milliseconds).
   */
  async follow(scopeKey: string, onEvent: (event: StoredEvent) => void): Promise<() => Promise<void>> {
    const key = this.keyOf(scopeKey);
    let after: string;
    try {
      const [last] = await this.redis.client.xrevrange(key, '+', '-', 'COUNT', 1);
      after = last?.[0] ?? '0-0';
    } catch (error) {
      this.redis.degraded('subscription events', error);
      after = `${Date.now()}-0`;
    }
    const stop = this.reader.follow(key, after, onEvent);
    return async () => stop();
  }
}

function toEvent([id, fields]: Entry): StoredEvent {
  return { id, payload: entryField(fields, 'payload') };
}
