// A subscription clock for tests: its timers never fire (polls happen when a test calls `hub.pollAll()`), and its
// time moves only when the test moves it, so a deadline passes exactly when the test says.
import type { HubClock } from '../../src/subscriptions/hub.js';

export class ManualClock implements HubClock {
  constructor(private time = Date.now()) {}

  readonly now = (): number => this.time;

  setTimeout(): unknown {
    return undefined;
  }

  clearTimeout(): void {}

  advance(ms: number): void {
    this.time += ms;
  }

  set(time: number): void {
    this.time = time;
  }
}
