// One blocking reader per process for every scope stream its subscribers follow: a dedicated connection (a
// blocked XREAD holds its connection) issues `XREAD BLOCK` over all followed streams at once, each from the last
// id it delivered, and hands every entry, in stream order, to the followers of that stream in this process.
// Following one more stream wakes the blocked read through a small stream of this process's own that is part of
// every XREAD: an entry added there before or during the read ends it, so no follow waits for the block to time out.
// With Redis unreachable the reader logs once (RedisConnection.degraded) and keeps retrying; it resumes from the
// last id it delivered, so events appended meanwhile and still retained arrive late but in order.
import type { Redis } from 'ioredis';
import type { RedisConnection } from '../cache/redis-connection.js';
import type { Logger } from '../observability/logger.js';
import type { StoredEvent } from './coordination.js';
import { compareStreamIds, entryField } from './redis-stream-ids.js';

/** How long one XREAD blocks before it is issued again (also how soon a dead connection is noticed). */
const BLOCK_MS = 5_000;
/** Entries read per stream per XREAD. */
const BATCH = 100;
/** Pause after a failed read; with Redis away the next read also waits in the connection's offline queue. */
const RETRY_MS = 1_000;
/** The wake stream outlives its last use by this much, so a stopped process leaves nothing behind for long. */
const WAKE_EXPIRY_MS = 60_000;

interface Follower {
  /** The id of the last event handed to this follower (or the position it started from). */
  after: string;
  onEvent: (event: StoredEvent) => void;
}

interface FollowedStream {
  /** Where the next XREAD of this stream starts: no follower needs anything at or before it. */
  cursor: string;
  followers: Set<Follower>;
}

export class RedisStreamReader {
  private connection: Redis | undefined;
  private readonly streams = new Map<string, FollowedStream>();
  private wakeId = '0-0';
  private running: Promise<void> | undefined;
  /** Ends the reader's current pause (nothing followed, or waiting to retry). */
  private nudge: (() => void) | undefined;
  private closed = false;

  constructor(
    private readonly redis: RedisConnection,
    private readonly logger: Logger,
    /** This process's wake stream: unique per reader. */
    private readonly wakeKey: string,
  ) {}

  /**
   * Delivers to `onEvent` every entry of the stream `key` after the id `after`, in order, until the returned
   * function is called.
   */
  follow(key: string, after: string, onEvent: (event: StoredEvent) => void): () => void {
    if (this.closed) return () => undefined;
    const follower: Follower = { after, onEvent };
    let stream = this.streams.get(key);
    if (!stream) {
      stream = { cursor: after, followers: new Set() };
      this.streams.set(key, stream);
      this.wake();
    } else if (compareStreamIds(after, stream.cursor) < 0) {
      // The new follower starts before what was read already: read that part again (the others skip it).
      stream.cursor = after;
      this.wake();
    }
    stream.followers.add(follower);
    const followed = stream;
    this.running ??= this.run();
    return () => {
      followed.followers.delete(follower);
      if (followed.followers.size === 0 && this.streams.get(key) === followed) this.streams.delete(key);
    };
  }

  /** Hands an event that never reached Redis to this process's followers of `key` (Redis unreachable). */
  deliverLocally(key: string, event: StoredEvent): void {
    for (const follower of this.streams.get(key)?.followers ?? []) this.call(follower, event);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.nudge?.();
    this.streams.clear();
    this.connection?.disconnect();
    await this.running;
  }

  private async run(): Promise<void> {
    while (!this.closed) {
      if (this.streams.size === 0) {
        await this.pause();
        continue;
      }
      const snapshot = [...this.streams].map(([key, stream]) => ({ key, stream, cursor: stream.cursor }));
      let reply: Array<[key: string, items: Array<[id: string, fields: string[]]>]> | null;
      try {
        reply = await this.reader().xread(
          'COUNT',
          BATCH,
          'BLOCK',
          BLOCK_MS,
          'STREAMS',
          this.wakeKey,
          ...snapshot.map((entry) => entry.key),
          this.wakeId,
          ...snapshot.map((entry) => entry.cursor),
        );
      } catch (error) {
        if (this.closed) break;
        this.redis.degraded('subscription events', error);
        await this.pause(RETRY_MS);
        continue;
      }
      this.redis.recovered();
      for (const [key, items] of reply ?? []) {
        if (key === this.wakeKey) {
          this.wakeId = items.at(-1)?.[0] ?? this.wakeId;
          continue;
        }
        const read = snapshot.find((entry) => entry.key === key);
        // Unfollowed, followed anew or rewound while the read was out: the next read starts from the right place.
        if (!read || this.streams.get(key) !== read.stream || read.stream.cursor !== read.cursor) continue;
        for (const [id, fields] of items) {
          read.stream.cursor = id;
          const event = { id, payload: entryField(fields, 'payload') };
          for (const follower of read.stream.followers) {
            if (compareStreamIds(id, follower.after) <= 0) continue;
            follower.after = id;
            this.call(follower, event);
          }
        }
      }
    }
  }

  private call(follower: Follower, event: StoredEvent): void {
    try {
      follower.onEvent(event);
    } catch (error) {
      // One subscriber's failure must not stop delivery to the others, nor the reader.
      this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'subscription follower failed');
    }
  }

  /** The reader's own connection, opened on the first follow: a gateway nobody subscribes to holds none. */
  private reader(): Redis {
    if (this.connection) return this.connection;
    const grace = Math.max(this.redis.client.options.commandTimeout ?? 0, 1_000);
    // The offline queue holds a read until the connection is (back) up, instead of failing it at once in a loop;
    // the blocking timeout (block plus grace) replaces the command timeout, which a blocked read would exceed.
    this.connection = this.redis.client.duplicate({
      connectionName: 'mdmgraph-events',
      enableOfflineQueue: true,
      commandTimeout: undefined,
      blockingTimeout: BLOCK_MS + grace,
      blockingTimeoutGrace: grace,
    });
    this.connection.on('error', (error: Error) => this.redis.degraded('subscription events', error));
    return this.connection;
  }

  /** Ends a blocked read early so that it is issued again with the streams followed now. */
  private wake(): void {
    if (this.nudge) {
      this.nudge();
      return;
    }
    this.redis.client
      .multi()
      .xadd(this.wakeKey, 'MAXLEN', '1', '*', 'wake', '1')
      .pexpire(this.wakeKey, WAKE_EXPIRY_MS)
      .exec()
      // Redis away: the reader is retrying and reads the new stream on its next attempt.
      .catch((error: unknown) => this.redis.degraded('subscription events', error));
  }

  /** Waits for `ms`, or until nudged (a follow or close); no `ms`: until nudged. */
  private pause(ms?: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.nudge = undefined;
        resolve();
      };
      const timer = ms === undefined ? undefined : setTimeout(done, ms);
      this.nudge = done;
      if (this.closed) done();
    });
  }
}
