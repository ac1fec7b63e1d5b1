// One subscriber's events between the scope's log and its transport, bounded: a client that reads more slowly than
// events come loses the oldest ones, and is then told once how many it lost, before the events it still gets
// (docs/subscriptions.md, "Drop policy"). Memory per subscriber is therefore at most `limit` events.

/** Why events were lost (the schema's MissedEventsReason). */
export type MissedReason = 'SLOW_CONSUMER' | 'RETENTION';

export type QueueItem<T> =
  | { eventId: string; value: T; final: boolean }
  /** Stands for lost events; `eventId` is the last lost one's, so a resumption continues after them. */
  | { eventId: string; missed: { count: number | null; reason: MissedReason }; final: false };

export class SubscriberQueue<T> implements AsyncIterableIterator<QueueItem<T>> {
  private readonly items: QueueItem<T>[] = [];
  private dropped = 0;
  private lastDroppedId = '';
  private waiting: ((result: IteratorResult<QueueItem<T>>) => void) | undefined;
  private closed = false;
  /** Set once the final event was handed out: the stream ends after it. */
  private ended = false;
  private released = false;

  constructor(
    private readonly limit: number,
    private readonly onDrop: (count: number) => void,
    private readonly onClose: () => void,
  ) {}

  /** Events waiting to be read (for tests and bounds: never above `limit`). */
  get size(): number {
    return this.items.length;
  }

  push(item: QueueItem<T>): void {
    if (this.closed || this.ended) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      this.handOut(item, resolve);
      return;
    }
    this.items.push(item);
    if (this.items.length > this.limit) {
      const oldest = this.items.shift() as QueueItem<T>;
      // A notice already queued (resumption past retention) counts among the lost.
      this.dropped += 'missed' in oldest ? (oldest.missed.count ?? 1) : 1;
      this.lastDroppedId = oldest.eventId;
      this.onDrop(1);
    }
  }

  next(): Promise<IteratorResult<QueueItem<T>>> {
    if (this.ended || this.closed) return Promise.resolve({ done: true, value: undefined });
    if (this.dropped > 0) {
      const missed = { count: this.dropped, reason: 'SLOW_CONSUMER' as const };
      this.dropped = 0;
      return Promise.resolve({ done: false, value: { eventId: this.lastDroppedId, missed, final: false } });
    }
    const item = this.items.shift();
    if (item) return new Promise((resolve) => this.handOut(item, resolve));
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  private handOut(item: QueueItem<T>, resolve: (result: IteratorResult<QueueItem<T>>) => void): void {
    if (item.final) this.ended = true;
    resolve({ done: false, value: item });
    // The stream ends after its final event; the transport asks for the next one and gets `done`.
    if (item.final) this.release();
  }

  /** Tells the owner once that this subscriber is gone (its final event handed out, or the client left). */
  private release(): void {
    if (this.released) return;
    this.released = true;
    this.onClose();
  }

  return(): Promise<IteratorResult<QueueItem<T>>> {
    this.close();
    return Promise.resolve({ done: true, value: undefined });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.items.length = 0;
    this.waiting?.({ done: true, value: undefined });
    this.waiting = undefined;
    this.release();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
