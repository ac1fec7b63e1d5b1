// The operation's deadline, carried through async calls so every upstream call of one GraphQL operation
// shares it (per-call timeouts shrink to fit; retries stop at it) without threading it through every client.
import { AsyncLocalStorage } from 'node:async_hooks';

const storage = new AsyncLocalStorage<number>();

export function runWithDeadline<T>(deadline: number, run: () => T): T {
  return storage.run(deadline, run);
}

/** The current operation's deadline (epoch ms), or `fallbackMs` from now outside an operation. */
export function currentDeadline(fallbackMs: number): number {
  return storage.getStore() ?? Date.now() + fallbackMs;
}
