import type { Credential } from './credentials.js';

/**
 * What a caller may do. Pass-through callers are limited by the MDM itself, and by the scopes PASSTHROUGH_SCOPES_FILE
 * maps their name to (every scope when unmapped, src/auth/authenticator.ts).
 */
export type Scope = 'read' | 'act' | 'destructive' | 'admin';
export const ALL_SCOPES: readonly Scope[] = ['read', 'act', 'destructive', 'admin'];

/** The authenticated caller of one request. */
export interface Caller {
  /** Who is calling: the MDM admin (pass-through) or the token's subject / the API key's name. */
  name: string;
  scopes: ReadonlySet<Scope>;
  /** The MDM credentials calls are made with: the caller's own, or the gateway's service account. */
  credential: Credential;
  /** The cache partition of this caller: never shared between callers. */
  cacheScope: string;
}
