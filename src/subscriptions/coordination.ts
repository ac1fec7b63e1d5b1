// What the subscription pollers need from their surroundings, whether one process or several replicas: who polls
// a scope (a lease), and an ordered, bounded log of each scope's events that every replica follows and that a
// reconnecting client resumes from (Last-Event-ID). The in-process implementation serves a single gateway; the
// Redis one (REDIS_URL) lets one replica poll a scope while every replica delivers its events
// (docs/subscriptions.md).

/** One event of a scope, as stored: `id` orders events within the scope and is what Last-Event-ID carries. */
export interface StoredEvent {
  id: string;
  /** The event's JSON payload (what the poller produced; subscribers filter and map it). */
  payload: string;
}

/** Who polls a scope. A holder that stops renewing loses the lease after `ttlMs`, and another replica takes over. */
export interface PollLease {
  /** Takes or renews the lease on `scopeKey` for `ttlMs`; true while this replica holds it. */
  hold(scopeKey: string, ttlMs: number): Promise<boolean>;
  /** Gives the lease up at once (the last subscriber left, or the process stops). */
  release(scopeKey: string): Promise<void>;
  /**
   * The checkpoint the scope's pollers last saved, while it is kept: what a replica that has just taken the lease
   * continues from, so that changes made since the last holder's last poll are reported rather than taken as its
   * baseline (docs/subscriptions.md "One poller per scope").
   */
  checkpoint(scopeKey: string): Promise<string | undefined>;
  /** Saves this holder's checkpoint, only while it still holds the lease; true when saved. */
  saveCheckpoint(scopeKey: string, checkpoint: string, ttlMs: number): Promise<boolean>;
}

/** A bounded, ordered log of each scope's events, followed live and read back for resumption. */
export interface ScopeEventLog {
  /** Appends an event; answers its id. Old events beyond the retention bound are dropped. */
  append(scopeKey: string, payload: string): Promise<string>;
  /** The events after `afterId` still retained, oldest first; `complete` is false when some were already dropped. */
  readAfter(scopeKey: string, afterId: string): Promise<{ events: StoredEvent[]; complete: boolean }>;
  /** Calls `onEvent` for every event appended from now on (by any replica), in order; answers a stop function. */
  follow(scopeKey: string, onEvent: (event: StoredEvent) => void): Promise<() => Promise<void>>;
}

export interface SubscriptionCoordination {
  lease: PollLease;
  log: ScopeEventLog;
  close(): Promise<void>;
}
