// One GraphQL operation (or one export page) as the upstream layer sees it: the deadline its calls share and,
// through src/upstream/state-change-permit.ts, whether the mutation pipeline's audited send is running.
//
// Carried on the caller object every client call takes (src/upstream/caller.ts) rather than in an
// AsyncLocalStorage: on Node 20 an AsyncLocalStorage turns on promise hooks for the whole process, measured at a
// fifth of the gateway's CPU per request (docs/BENCHMARKS.md).

export interface UpstreamOperation {
  /** Epoch ms by which every call of the operation must be answered: timeouts shrink to fit, retries stop. */
  readonly deadline: number;
}

/** An operation whose deadline is `ms` from now. */
export function operationWithin(ms: number): UpstreamOperation {
  return { deadline: Date.now() + ms };
}
