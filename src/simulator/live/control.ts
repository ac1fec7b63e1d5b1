// How the world is made to move: a timer that ticks every `tickMs` (`simulate --tick MS`, SIM_TICK_MS, `tickMs` in
// /__sim/config) and `advance`, which runs ticks at once for tests (`POST /__sim/tick`). A timer tick moves world
// time by `tickMs`, so the world's clock runs at the wall clock's pace; a tick run by `advance` moves it by `stepMs`.
import type { World } from '../fleet/types.js';
import { liveState } from './state.js';
import { emptyCounts, tickWorld, type TickCounts } from './tick.js';

/** World time a tick run by `advance` covers unless told otherwise: one minute. */
export const MANUAL_STEP_MS = 60_000;
/** A faster timer would spend the simulator's time ticking instead of answering. */
export const MIN_TICK_MS = 10;
const MAX_TICKS_AT_ONCE = 10_000;

export interface LiveSettings {
  /** Timer period in ms; 0: the world moves only when told to. */
  tickMs: number;
  /** Ticks between a device command's acceptance and its effect once the world is live. */
  actionDelayTicks: number;
}

export interface LiveClock {
  /** Ticks run so far. */
  tick: number;
  /** The world's time, ISO-8601. */
  now: string;
  /** Whether the world is live: commands are delayed and answers dated by the world's clock (live/state.ts). */
  active: boolean;
  /** Device commands accepted and not yet in effect. */
  pendingActions: number;
}

/** What `advance` answers: the clock after the ticks, and the ticks' counts summed. */
export type TickReport = LiveClock & TickCounts;

export class LiveControl {
  private timer: NodeJS.Timeout | undefined;
  private tickMs = 0;

  constructor(
    private readonly world: World,
    settings: Partial<LiveSettings> = {},
  ) {
    this.configure(settings);
  }

  settings(): LiveSettings {
    return { tickMs: this.tickMs, actionDelayTicks: liveState(this.world).actionDelayTicks };
  }

  /** Applies the keys of a `/__sim/config` body this control owns; others are ignored. */
  configure(input: Record<string, unknown>): void {
    this.prepare(input)();
  }

  /**
   * Checks the keys this control owns and returns what applies them, so a caller can check the rest of the body
   * too before anything changes.
   */
  prepare(input: Record<string, unknown>): () => void {
    const tickMs = input.tickMs === undefined ? undefined : period(input.tickMs);
    const delay = input.actionDelayTicks === undefined ? undefined : count(input.actionDelayTicks, 'actionDelayTicks');
    return () => {
      if (delay !== undefined) liveState(this.world).actionDelayTicks = delay;
      if (tickMs !== undefined) this.restart(tickMs);
    };
  }

  /** Runs `ticks` ticks now, each covering `stepMs` of world time; the counts are summed. */
  advance(ticks = 1, stepMs = MANUAL_STEP_MS): TickReport {
    if (!Number.isInteger(ticks) || ticks < 1 || ticks > MAX_TICKS_AT_ONCE)
      throw new Error(`count must be a whole number from 1 to ${MAX_TICKS_AT_ONCE}`);
    count(stepMs, 'stepMs');
    const total = emptyCounts();
    for (let i = 0; i < ticks; i++) {
      const counts = tickWorld(this.world, stepMs);
      for (const key of Object.keys(total) as (keyof TickCounts)[]) total[key] += counts[key];
    }
    return { ...this.clock(), ...total };
  }

  clock(): LiveClock {
    const state = liveState(this.world);
    return {
      tick: state.tick,
      now: new Date(state.now).toISOString(),
      active: state.active,
      pendingActions: state.pending.length,
    };
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private restart(tickMs: number): void {
    this.stop();
    this.tickMs = tickMs;
    if (tickMs === 0) return;
    // Live from now: a command sent before the first timer tick already waits for its device.
    liveState(this.world).active = true;
    this.timer = setInterval(() => this.timerTick(tickMs), tickMs);
    // The HTTP server keeps `simulate` running; the timer alone must not keep a test process alive.
    this.timer.unref();
  }

  private timerTick(tickMs: number): void {
    try {
      tickWorld(this.world, tickMs);
    } catch (error) {
      // A timer callback has no caller to report to; stop rather than fail the same way every period.
      this.stop();
      this.tickMs = 0;
      console.error('simulator: tick failed, timer stopped', error);
    }
  }
}

function count(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
    throw new Error(`${name} must be a non-negative whole number`);
  return value;
}

function period(value: unknown): number {
  const ms = count(value, 'tickMs');
  if (ms !== 0 && ms < MIN_TICK_MS) throw new Error(`tickMs must be 0 (stopped) or at least ${MIN_TICK_MS}`);
  return ms;
}
