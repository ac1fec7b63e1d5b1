import type { KeyedDigest } from './keyed-digest.js';

/** The caller's MDM credentials, forwarded to the upstream (pass-through mode). */
export interface Credential {
  username: string;
  /** The Authorization header value to forward. Never logged, never returned. */
  readonly authorization: string;
  /**
   * A keyed digest identifying these credentials; the scope of every cache key. Keyed, because it appears in
   * Redis key names, where an unkeyed hash of a weak password could be tested offline (src/auth/keyed-digest.ts).
   */
  scope: string;
}

/** Reads HTTP Basic credentials; anything else is treated as no credentials. */
export function parseBasicAuthorization(header: string | null, digest: KeyedDigest): Credential | undefined {
  if (!header) return undefined;
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  const username = decoded.slice(0, colon);
  const authorization = `Basic ${match[1]}`;
  return { username, authorization, scope: digest.credentialScope(authorization) };
}

export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}
