// Who an upstream call is made for. Every client takes one: the gateway forwards the caller's own credential
// (docs/security.md) and reports each call to the request's observer (its upstream-call accounting).
import type { Credential } from '../auth/credentials.js';
import type { CallObserver } from './http.js';

export interface UpstreamCaller {
  credential: Credential;
  observer?: CallObserver;
}
