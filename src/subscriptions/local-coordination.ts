// The in-process coordination of one gateway (no REDIS_URL): this process always holds every lease, and each
// scope's events live in a bounded ring. Ids are `<epoch>-<sequence>`: the sequence grows by one per scope, and
// the epoch (random per process) makes an id from before a restart read as "not retained" rather than resume at
// a wrong place in a new sequence (docs/subscriptions.md, "Retention and resumption").
import { randomBytes } from 'node:crypto';
import type { PollLease, ScopeEventLog, StoredEvent, SubscriptionCoordination } from './coordination.js';

interface ScopeRing {
  events: StoredEvent[];
  /** The sequence of the last event appended (0: none yet). */
  last: number;
  followers: Set<(event: StoredEvent) => void>;
}

export class LocalEventLog implements ScopeEventLog {
  private readonly epoch = randomBytes(4).toString('hex');
  private readonly rings = new Map<string, ScopeRing>();
  /** Scopes nobody follows, oldest first: kept for resumption, but only the last `maxIdleScopes` of them. */
  private readonly idle = new Set<string>();

  /** `retention`: events kept per scope for resumption. */
  constructor(
    private readonly retention: number,
    private readonly maxIdleScopes = 1000,
  ) {}

  private ring(scopeKey: string): ScopeRing {
    let ring = this.rings.get(scopeKey);
    if (!ring) {
      ring = { events: [], last: 0, followers: new Set() };
      this.rings.set(scopeKey, ring);
    }
    return ring;
  }

  async append(scopeKey: string, payload: string): Promise<string> {
    const ring = this.ring(scopeKey);
    ring.last += 1;
    const event = { id: `${this.epoch}-${ring.last}`, payload };
    ring.events.push(event);
    if (ring.events.length > this.retention) ring.events.splice(0, ring.events.length - this.retention);
    for (const follower of ring.followers) follower(event);
    return event.id;
  }

  async readAfter(scopeKey: string, afterId: string): Promise<{ events: StoredEvent[]; complete: boolean }> {
    const ring = this.rings.get(scopeKey);
    const after = this.sequenceOf(afterId);
    if (!ring || after === undefined || after > ring.last)
      return { events: ring?.events.slice() ?? [], complete: false };
    const events = ring.events.filter((event) => (this.sequenceOf(event.id) ?? 0) > after);
    // Complete when the first retained event follows `afterId` directly, or nothing was appended since.
    const first = events[0] ? this.sequenceOf(events[0].id) : ring.last + 1;
    return { events, complete: first === after + 1 };
  }

  async follow(scopeKey: string, onEvent: (event: StoredEvent) => void): Promise<() => Promise<void>> {
    const ring = this.ring(scopeKey);
    ring.followers.add(onEvent);
    this.idle.delete(scopeKey);
    return async () => {
      ring.followers.delete(onEvent);
      if (ring.followers.size > 0) return;
      // Callers come and go (every credential is a scope): an idle ring stays for a client that reconnects soon,
      // and the oldest idle ones go, so memory is bounded by maxIdleScopes × retention.
      this.idle.add(scopeKey);
      for (const oldest of this.idle) {
        if (this.idle.size <= this.maxIdleScopes) break;
        this.idle.delete(oldest);
        this.rings.delete(oldest);
      }
    };
  }

  /** The sequence of an id of this process, or undefined (malformed, or another process's epoch). */
  private sequenceOf(id: string): number | undefined {
    const [epoch, sequence] = id.split('-');
    if (epoch !== this.epoch || !/^\d{1,15}$/.test(sequence ?? '')) return undefined;
    return Number(sequence);
  }
}

/**
 * One process polls everything it is asked to: the lease is always granted. No checkpoint is kept: no other
 * process ever takes a scope over, and a group that starts again after its last subscriber left starts afresh.
 */
export class LocalPollLease implements PollLease {
  async hold(): Promise<boolean> {
    return true;
  }

  async release(): Promise<void> {}

  async checkpoint(): Promise<string | undefined> {
    return undefined;
  }

  async saveCheckpoint(): Promise<boolean> {
    return false;
  }
}

export function createLocalCoordination(retention: number): SubscriptionCoordination {
  return { lease: new LocalPollLease(), log: new LocalEventLog(retention), close: async () => undefined };
}
