// State-changing upstream calls happen only inside the mutation pipeline's send phase, after its audit begin
// record (docs/security.md): the pipeline runs each send under a permit, and the gateway's upstream layer
// refuses a non-idempotent route without one. A query, a loader or an export can therefore never change the
// MDM, and no change can escape the audit trail, whatever a future resolver calls.
import { AsyncLocalStorage } from 'node:async_hooks';

const permit = new AsyncLocalStorage<true>();

/** Runs one audited send; state-changing calls made while it runs are allowed. */
export function withStateChangePermit<T>(send: () => Promise<T>): Promise<T> {
  return permit.run(true, send);
}

export function holdsStateChangePermit(): boolean {
  return permit.getStore() === true;
}
