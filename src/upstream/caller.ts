// Who an upstream call is made for, and within which operation. Every client takes one: the gateway forwards the
// caller's own credential (docs/security.md) and reports each call to the request's observer (its upstream-call
// accounting).
import type { Credential } from '../auth/credentials.js';
import type { CallObserver } from './http.js';
import type { UpstreamOperation } from './operation.js';

export interface UpstreamCaller {
  credential: Credential;
  observer?: CallObserver;
  /** Absent outside an operation (start-up checks, the doctor): then each call gets the default deadline. */
  operation?: UpstreamOperation;
}

/** What a request carries of its caller: the one place that lists them (src/upstream/http.ts reads each). */
export function callerFields(caller: UpstreamCaller): Pick<UpstreamCaller, 'credential' | 'observer' | 'operation'> {
  return { credential: caller.credential, observer: caller.observer, operation: caller.operation };
}
