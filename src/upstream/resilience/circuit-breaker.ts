// A circuit breaker per upstream: after `failureThreshold` consecutive failures it opens and fails fast for
// `openMs`, then lets one trial call through (half-open); a success closes it, a failure re-opens it.
import { GatewayError } from '../../errors.js';

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerOptions {
  failureThreshold: number;
  openMs: number;
  now?: () => number;
}

/** Failures that say the upstream is unwell, as opposed to the caller having asked something wrong. */
const UNHEALTHY = new Set(['UPSTREAM_UNAVAILABLE', 'UPSTREAM_TIMEOUT', 'UPSTREAM_ERROR']);

export class CircuitBreaker {
  private failures = 0;
  private openedAt = 0;
  private trialInFlight = false;
  private current: BreakerState = 'closed';
  private readonly now: () => number;

  constructor(
    readonly upstream: string,
    private readonly options: BreakerOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  get state(): BreakerState {
    if (this.current === 'open' && this.now() - this.openedAt >= this.options.openMs) this.current = 'half-open';
    return this.current;
  }

  async run<T>(call: () => Promise<T>): Promise<T> {
    const state = this.state;
    if (state === 'open' || (state === 'half-open' && this.trialInFlight)) {
      throw new GatewayError('UPSTREAM_UNAVAILABLE', `${this.upstream} is failing; calls are paused briefly.`, {
        circuitOpen: true,
      });
    }
    const trial = state === 'half-open';
    if (trial) this.trialInFlight = true;
    try {
      const result = await call();
      this.failures = 0;
      this.current = 'closed';
      return result;
    } catch (error) {
      if (error instanceof GatewayError && UNHEALTHY.has(error.code)) this.recordFailure(trial);
      else if (trial) this.current = 'closed'; // the upstream answered: it is healthy
      throw error;
    } finally {
      if (trial) this.trialInFlight = false;
    }
  }

  private recordFailure(trial: boolean): void {
    this.failures += 1;
    if (trial || this.failures >= this.options.failureThreshold) {
      this.current = 'open';
      this.openedAt = this.now();
    }
  }
}
