// State-changing upstream calls happen only inside the mutation pipeline's send phase, after its audit begin
// record (docs/security.md): the pipeline runs each send under a permit for its operation, and the gateway's
// upstream layer refuses a non-idempotent route without one. A query, a loader or an export can therefore never
// change the MDM, and no change can escape the audit trail, whatever a future resolver calls.
//
// The permit belongs to the operation object every call of the request carries (src/upstream/caller.ts), not to
// an AsyncLocalStorage (src/upstream/operation.ts says why). Top-level mutation fields run one after
// the other, so while a send runs no other resolver of the same operation is calling upstream.
import type { UpstreamOperation } from './operation.js';

const permits = new WeakMap<UpstreamOperation, number>();

/** Runs one audited send; state-changing calls made for `operation` while it runs are allowed. */
export async function withStateChangePermit<T>(operation: UpstreamOperation, send: () => Promise<T>): Promise<T> {
  permits.set(operation, (permits.get(operation) ?? 0) + 1);
  try {
    return await send();
  } finally {
    const left = (permits.get(operation) ?? 1) - 1;
    if (left > 0) permits.set(operation, left);
    else permits.delete(operation);
  }
}

export function holdsStateChangePermit(operation: UpstreamOperation | undefined): boolean {
  return operation !== undefined && (permits.get(operation) ?? 0) > 0;
}
