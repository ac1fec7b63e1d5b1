// The subscription hub: subscribers grouped by scope and normalised arguments, one poller per group. The poller
// holds the group's lease, polls the MDM as the group's caller (through a fresh context, so the same credentials,
// device space and loaders as a query), and appends what changed to the group's event log; each subscriber follows
// the log through its own bounded queue. With a shared coordination (Redis) the replica holding the lease polls and
// every replica delivers; the poller saves a checkpoint beside the lease, so a replica taking the group over
// continues where the last poll stopped. Why each piece: docs/subscriptions.md.
import type { GatewayContext } from '../context.js';
import type { CacheScope } from '../cache/shared-cache.js';
import type { DeviceLoaderDeps } from '../loaders/devices.js';
import type { EpmmClients } from '../upstream/clients.js';
import type { CallRecord } from '../upstream/http.js';
import type { GatewayMetrics } from '../observability/metrics.js';
import type { Logger } from '../observability/logger.js';
import type { SharedCache } from '../cache/shared-cache.js';
import type { StoredEvent, SubscriptionCoordination } from './coordination.js';
import { SubscriberQueue, type QueueItem } from './subscriber-queue.js';

export type SubscriptionField = 'alertRaised' | 'deviceChanged' | 'actionProgress';

/** What a poll works with: the group's caller as a query would be, and loader dependencies for fresh reads. */
export interface PollInput {
  context: GatewayContext;
  loaderDeps: DeviceLoaderDeps;
  now(): number;
}

/** One group's upstream reader and differ; it keeps what it saw last between polls. */
export interface PollSource {
  /** Polls once: the payloads to append, oldest first; `finished` when the source will report nothing more. */
  poll(input: PollInput): Promise<{ payloads: unknown[]; finished?: boolean }>;
  /** What another poller needs to continue from this one's last poll (small, JSON); undefined before the baseline. */
  checkpoint(): unknown;
  /** Continues from another poller's checkpoint instead of a baseline; one it cannot read is ignored. */
  resume(checkpoint: unknown): void;
}

export interface GroupSpec {
  field: SubscriptionField;
  scope: CacheScope;
  /** The normalised arguments that decide what is polled (subscribers with equal ones share a poller). */
  args: unknown;
  createSource(): PollSource;
}

export interface SubscribeOptions<T> {
  group: GroupSpec;
  /** The subscriber's request: a poll authenticates as it. */
  request: Request;
  /** Resume after this event (SSE Last-Event-ID). */
  lastEventId?: string;
  /** What this subscriber receives of a stored payload; undefined when the event is not for it. */
  accept(payload: unknown, eventId: string): { value: T; final: boolean } | undefined;
}

/** Timers and time, injectable so tests poll on demand (`pollAll`) rather than wait for a timer. */
export interface HubClock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const SYSTEM_CLOCK: HubClock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => {
    const handle = setTimeout(run, ms);
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface HubOptions {
  makeContext(request: Request): Promise<GatewayContext>;
  epmm: EpmmClients;
  cache: SharedCache;
  batching: boolean;
  coordination: SubscriptionCoordination;
  metrics: GatewayMetrics;
  logger: Logger;
  clock?: HubClock;
  settings: { pollMs: number; maxPollMs: number; actionPollMs: number; queue: number };
}

interface Subscriber {
  request: Request;
  deliver(event: StoredEvent): void;
}

interface Group {
  key: string;
  scopeKey: string;
  spec: GroupSpec;
  source: PollSource;
  subscribers: Set<Subscriber>;
  interval: number;
  timer: unknown;
  running: Promise<void> | undefined;
  finished: boolean;
  stopped: boolean;
  /** Whether this replica held the lease at its last poll: false until it first does, and after another took it. */
  holding: boolean;
  /** The checkpoint this replica last saved: an unchanged one is not written again. */
  checkpoint: string | undefined;
}

export class SubscriptionHub {
  private readonly groups = new Map<string, Group>();
  /** Action watches per scope: while any runs, the scope's pollers use the action interval. */
  private readonly actionWatches = new Map<string, number>();
  private readonly clock: HubClock;
  private subscriberTotal = 0;
  private readonly countWaiters = new Set<{ count: number; resolve: () => void }>();

  constructor(private readonly options: HubOptions) {
    this.clock = options.clock ?? SYSTEM_CLOCK;
  }

  /** Open subscriptions in this process. */
  get subscriberCount(): number {
    return this.subscriberTotal;
  }

  /** Pollers running in this process. */
  get pollerCount(): number {
    return this.groups.size;
  }

  /** Each poller of this process and its next wait, as back-off leaves it (tests and operators read this). */
  pollers(): Array<{ field: SubscriptionField; intervalMs: number }> {
    return [...this.groups.values()].map((group) => ({ field: group.spec.field, intervalMs: this.intervalOf(group) }));
  }

  /** Settles once exactly `count` subscriptions are open (tests wait on this instead of on time). */
  whenSubscribers(count: number): Promise<void> {
    if (this.subscriberTotal === count) return Promise.resolve();
    return new Promise((resolve) => this.countWaiters.add({ count, resolve }));
  }

  private notifyCount(): void {
    for (const waiter of this.countWaiters) {
      if (this.subscriberTotal !== waiter.count) continue;
      this.countWaiters.delete(waiter);
      waiter.resolve();
    }
  }

  /**
   * Polls every group once now, after any poll in flight, and awaits the appends: how tests (and an operator's
   * tooling) drive the pollers deterministically. The regular schedule continues afterwards.
   */
  async pollAll(): Promise<void> {
    await Promise.all(
      [...this.groups.values()].map(async (group) => {
        await group.running;
        if (group.stopped || group.finished) return;
        this.clock.clearTimeout(group.timer);
        await this.run(group);
      }),
    );
  }

  async subscribe<T>(options: SubscribeOptions<T>): Promise<SubscriberQueue<T>> {
    const { spec, field } = { spec: options.group, field: options.group.field };
    const key = groupKey(spec);
    const { log } = this.options.coordination;
    const { metrics } = this.options;
    let subscriber: Subscriber | undefined;
    let group: Group | undefined;
    let stopFollowing: (() => Promise<void>) | undefined;
    const queue: SubscriberQueue<T> = new SubscriberQueue<T>(
      this.options.settings.queue,
      (count) => metrics.eventsDropped.inc({ field }, count),
      () => {
        void stopFollowing?.();
        if (group && subscriber) this.leave(group, subscriber);
      },
    );
    const push = (event: StoredEvent) => {
      const accepted = options.accept(JSON.parse(event.payload), event.id);
      if (accepted) queue.push({ eventId: event.id, value: accepted.value, final: accepted.final });
    };
    // Follow first and hold live events back while the missed ones are replayed, so none falls in between.
    let held: StoredEvent[] | undefined = options.lastEventId ? [] : undefined;
    stopFollowing = await log.follow(key, (event) => (held ? held.push(event) : push(event)));
    if (options.lastEventId) {
      const { events, complete } = await log.readAfter(key, options.lastEventId);
      if (!complete)
        queue.push({ eventId: options.lastEventId, missed: { count: null, reason: 'RETENTION' }, final: false });
      const replayed = new Set(events.map((event) => event.id));
      for (const event of events) push(event);
      for (const event of held ?? []) if (!replayed.has(event.id)) push(event);
      held = undefined;
    }
    subscriber = { request: options.request, deliver: push };
    group = this.join(key, spec, subscriber);
    return queue;
  }

  /** The cache scope a context reads in: the group key's first part, as the shared cache keys it. */
  scopeOf(context: GatewayContext): CacheScope {
    return {
      upstream: this.options.epmm.search.origin,
      credentialScope: context.caller.cacheScope,
      deviceSpaceId: context.epmm.adminDeviceSpaceId,
    };
  }

  /** A new context for the subscriber's request: fresh loaders and deadline for resolving one event's fields. */
  freshContext(request: Request): Promise<GatewayContext> {
    return this.options.makeContext(request);
  }

  /** Counts a delivered event (the transports call this as they send). */
  delivered(field: SubscriptionField): void {
    this.options.metrics.eventsDelivered.inc({ field });
  }

  private join(key: string, spec: GroupSpec, subscriber: Subscriber): Group {
    let group = this.groups.get(key);
    if (!group) {
      group = {
        key,
        scopeKey: JSON.stringify([spec.scope.upstream, spec.scope.credentialScope, spec.scope.deviceSpaceId]),
        spec,
        source: spec.createSource(),
        subscribers: new Set(),
        interval: this.options.settings.pollMs,
        timer: undefined,
        running: undefined,
        finished: false,
        stopped: false,
        holding: false,
        checkpoint: undefined,
      };
      this.groups.set(key, group);
      this.options.metrics.pollers.inc({ field: spec.field });
      if (spec.field === 'actionProgress') this.countActionWatch(group.scopeKey, 1);
      // The first poll is the baseline every later one is compared with; it starts at once.
      group.subscribers.add(subscriber);
      void this.run(group);
    } else group.subscribers.add(subscriber);
    this.subscriberTotal += 1;
    this.options.metrics.subscribers.inc({ field: spec.field });
    this.notifyCount();
    return group;
  }

  private leave(group: Group, subscriber: Subscriber): void {
    if (!group.subscribers.delete(subscriber)) return;
    this.subscriberTotal -= 1;
    this.options.metrics.subscribers.dec({ field: group.spec.field });
    if (group.subscribers.size === 0) this.stop(group);
    this.notifyCount();
  }

  /**
   * The last subscriber left, or the source finished (an action settled): the poller stops and gives its lease up.
   * A finished group's subscribers still read the events it appended; a new subscriber starts a new group.
   */
  private stop(group: Group): void {
    if (group.stopped) return;
    group.stopped = true;
    this.clock.clearTimeout(group.timer);
    if (this.groups.get(group.key) === group) this.groups.delete(group.key);
    this.options.metrics.pollers.dec({ field: group.spec.field });
    if (group.spec.field === 'actionProgress') this.countActionWatch(group.scopeKey, -1);
    void this.options.coordination.lease.release(group.key).catch(() => undefined);
  }

  private countActionWatch(scopeKey: string, by: 1 | -1): void {
    const count = (this.actionWatches.get(scopeKey) ?? 0) + by;
    if (count > 0) this.actionWatches.set(scopeKey, count);
    else this.actionWatches.delete(scopeKey);
  }

  private run(group: Group): Promise<void> {
    const running = this.pollOnce(group).finally(() => {
      if (group.running === running) group.running = undefined;
      if (!group.stopped && !group.finished) {
        group.timer = this.clock.setTimeout(() => void this.run(group), this.intervalOf(group));
      }
    });
    group.running = running;
    return running;
  }

  /** The group's next wait: the action interval while an action is watched in its scope, else its adaptive one. */
  private intervalOf(group: Group): number {
    const { actionPollMs } = this.options.settings;
    return this.actionWatches.has(group.scopeKey) ? Math.min(actionPollMs, group.interval) : group.interval;
  }

  private async pollOnce(group: Group): Promise<void> {
    const { coordination, metrics, logger, settings } = this.options;
    const field = group.spec.field;
    const [first] = group.subscribers;
    if (!first) return;
    try {
      // Another replica holding the lease polls this group; this one only delivers (it follows the log).
      const leaseMs = Math.max(settings.maxPollMs, settings.pollMs) * 3;
      if (!(await coordination.lease.hold(group.key, leaseMs))) {
        group.holding = false;
        return;
      }
      if (!group.holding) await this.takeOver(group);
      const context = await this.options.makeContext(first.request);
      const countCall = (_call: CallRecord) => metrics.pollerUpstreamCalls.inc({ field });
      const loaderDeps: DeviceLoaderDeps = {
        epmm: this.options.epmm,
        caller: { ...context.epmm, observer: countCall },
        cache: this.options.cache,
        scope: group.spec.scope,
        stats: context.accounting.cache,
        batching: this.options.batching,
      };
      metrics.pollerPolls.inc({ field });
      const { payloads, finished } = await group.source.poll({ context, loaderDeps, now: this.clock.now });
      if (group.stopped) return;
      for (const payload of payloads) await coordination.log.append(group.key, JSON.stringify(payload));
      // After the appends: a poller that dies between the two makes its successor report them again, never lose them.
      await this.saveCheckpoint(group, leaseMs);
      if (finished) {
        group.finished = true;
        this.stop(group);
      }
      // Back off while nothing changes; start over at the base interval as soon as something does.
      group.interval = payloads.length > 0 ? settings.pollMs : Math.min(group.interval * 2, settings.maxPollMs);
    } catch (error) {
      // Rate limits and upstream failures back off the same way; the subscribers keep their streams.
      group.interval = Math.min(group.interval * 2, settings.maxPollMs);
      logger.warn({ err: error, subscription: field }, 'subscription poll failed; backing off');
    }
  }

  /**
   * This replica has just taken the group's lease (its first poll, or after another replica polled): it continues
   * from the checkpoint the last poller saved, so what changed since that poll is reported. Without one (none kept,
   * or the first poller of the group) the first poll is a baseline.
   */
  private async takeOver(group: Group): Promise<void> {
    group.holding = true;
    // Written again after this poll even if unchanged: taking a lease does not extend the checkpoint's life.
    group.checkpoint = undefined;
    const saved = await this.options.coordination.lease.checkpoint(group.key);
    if (saved === undefined) return;
    let checkpoint: unknown;
    try {
      checkpoint = JSON.parse(saved);
    } catch {
      return;
    }
    group.source.resume(checkpoint);
  }

  private async saveCheckpoint(group: Group, leaseMs: number): Promise<void> {
    const checkpoint = group.source.checkpoint();
    if (checkpoint === undefined) return;
    const text = JSON.stringify(checkpoint);
    if (text === group.checkpoint) return;
    if (await this.options.coordination.lease.saveCheckpoint(group.key, text, leaseMs)) group.checkpoint = text;
  }

  async close(): Promise<void> {
    for (const group of [...this.groups.values()]) this.stop(group);
    await this.options.coordination.close();
  }
}

/** The group (and event log) key: the cache scope, the field and its normalised arguments. */
export function groupKey(spec: GroupSpec): string {
  const { upstream, credentialScope, deviceSpaceId } = spec.scope;
  return JSON.stringify([upstream, credentialScope, deviceSpaceId, spec.field, spec.args]);
}

export type { QueueItem };
