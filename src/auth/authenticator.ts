// Authentication of callers, in one of two modes (ARCHITECTURE §6):
// - pass-through: the caller's HTTP Basic credentials are forwarded, and the MDM enforces roles and spaces;
// - service account: the gateway holds MDM credentials and verifies callers itself, by bearer JWT (an HS256
//   secret, a public key, or a JWKS file) or by API key (SHA-256 hashes in a file), with scopes.
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createLocalJWKSet, importSPKI, jwtVerify, type JWTVerifyGetKey, type KeyObject } from 'jose';
import type { GatewayConfig } from '../config.js';
import { GatewayError } from '../errors.js';
import { ALL_SCOPES, type Caller, type Scope } from './caller.js';
import { basicAuthorization, parseBasicAuthorization, type Credential } from './credentials.js';
import { keyedDigestFor, type KeyedDigest } from './keyed-digest.js';

export type Authenticator = (request: Request) => Promise<Caller>;

const unauthenticated = (message: string) => new GatewayError('UNAUTHENTICATED', message);

/**
 * Authenticates each request once, however many places ask (the response cache before a lookup, then
 * createContext on a miss): the answer, or the refusal, is kept for as long as the request lives.
 */
export function oncePerRequest(authenticate: Authenticator): Authenticator {
  const callers = new WeakMap<Request, Promise<Caller>>();
  return (request) => {
    let caller = callers.get(request);
    if (!caller) {
      caller = authenticate(request);
      callers.set(request, caller);
    }
    return caller;
  };
}

export async function createAuthenticator(
  config: GatewayConfig,
  knownScopes?: Readonly<Record<string, readonly Scope[]>>,
): Promise<Authenticator> {
  // Cache scopes are keyed digests of the credentials (the gateway secret), never plain hashes.
  const digest = keyedDigestFor(config);
  if (config.auth.mode === 'passthrough') {
    const scopes =
      knownScopes ?? (config.passThroughScopesFile ? loadPassThroughScopes(config.passThroughScopesFile) : {});
    return (request) => passThrough(request, scopes, digest);
  }
  const service = config.auth.service;
  const serviceAuthorization = basicAuthorization(service.username, service.password);
  const credential = parseBasicAuthorization(serviceAuthorization, digest) as Credential;
  const verifyJwt = await jwtVerifier(config);
  const apiKeys = service.apiKeysFile ? loadApiKeys(service.apiKeysFile) : [];
  return async (request) => {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '')?.[1];
    const apiKey = request.headers.get('x-api-key');
    let identity: { name: string; scopes: Set<Scope> } | undefined;
    if (bearer && verifyJwt) identity = await verifyJwt(bearer);
    else if (apiKey && apiKeys.length) identity = matchApiKey(apiKeys, apiKey);
    if (!identity) throw unauthenticated('Send a bearer token or an API key.');
    return { ...identity, credential, cacheScope: `${credential.scope}:${digest.subjectScope(identity.name)}` };
  };
}

/**
 * Pass-through callers are limited by the MDM's roles. EPMM's API has no call that lists an admin's roles, so
 * when the operator maps admin names to scopes (PASSTHROUGH_SCOPES_FILE), the gateway refuses out-of-scope
 * actions itself before any upstream call; unmapped admins hold every scope and the MDM decides.
 */
async function passThrough(
  request: Request,
  known: Readonly<Record<string, readonly Scope[]>>,
  digest: KeyedDigest,
): Promise<Caller> {
  const credential = parseBasicAuthorization(request.headers.get('authorization'), digest);
  if (!credential) throw unauthenticated('Send your MDM administrator credentials with HTTP Basic authentication.');
  const mapped = Object.hasOwn(known, credential.username) ? known[credential.username] : known['*'];
  return { name: credential.username, scopes: new Set(mapped ?? ALL_SCOPES), credential, cacheScope: credential.scope };
}

function loadPassThroughScopes(file: string): Record<string, Scope[]> {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new Error(`PASSTHROUGH_SCOPES_FILE ${file}: expected a JSON object of admin name to scopes`);
  return Object.fromEntries(
    Object.entries(parsed).map(([name, scopes]) => {
      if (!Array.isArray(scopes))
        throw new Error(`PASSTHROUGH_SCOPES_FILE ${file}: the scopes of '${name}' must be an array`);
      return [name, [...toScopes(scopes)]];
    }),
  );
}

type JwtVerifier = (token: string) => Promise<{ name: string; scopes: Set<Scope> }>;

/** Seconds of clock difference allowed between the token's issuer and the gateway (JWT_REQUIRE_EXP=true). */
const CLOCK_TOLERANCE_S = 30;

async function jwtVerifier(config: GatewayConfig): Promise<JwtVerifier | undefined> {
  const { jwt } = config.auth.service;
  let key: Uint8Array | KeyObject | CryptoKey | JWTVerifyGetKey;
  if (jwt.secret) key = new TextEncoder().encode(jwt.secret);
  else if (jwt.publicKeyFile) key = await importSPKI(readFileSync(jwt.publicKeyFile, 'utf8'), jwt.algorithm);
  else if (jwt.jwksFile)
    key = createLocalJWKSet(JSON.parse(readFileSync(jwt.jwksFile, 'utf8')) as Parameters<typeof createLocalJWKSet>[0]);
  else return undefined;
  // A token without `exp` would be accepted forever, and one whose `exp` is years away nearly so: by default both
  // `exp` and `iat` are required, the token may be at most maxAgeSeconds old (jose's maxTokenAge) and may not
  // expire later than maxAgeSeconds from now. JWT_REQUIRE_EXP=false keeps only the checks of claims present.
  // The tolerance absorbs an issuer's clock running ahead: without it a fresh token's `iat` is "in the future",
  // and a token issued for exactly maxAgeSeconds expires "too late".
  const options: NonNullable<Parameters<typeof jwtVerify>[2]> = {
    issuer: jwt.issuer,
    audience: jwt.audience,
    ...(jwt.requireExp
      ? { requiredClaims: ['exp', 'iat'], maxTokenAge: jwt.maxAgeSeconds, clockTolerance: CLOCK_TOLERANCE_S }
      : {}),
  };
  return async (token) => {
    try {
      const verified =
        typeof key === 'function' ? await jwtVerify(token, key, options) : await jwtVerify(token, key, options);
      const { payload } = verified;
      if (jwt.requireExp && (payload.exp as number) - Date.now() / 1000 > jwt.maxAgeSeconds + CLOCK_TOLERANCE_S) {
        throw unauthenticated('The bearer token is not valid.');
      }
      if (typeof payload.sub !== 'string' || payload.sub === '') throw unauthenticated('The token has no subject.');
      const claimed =
        typeof payload.scope === 'string' ? payload.scope.split(' ') : Array.isArray(payload.scp) ? payload.scp : [];
      return { name: payload.sub, scopes: toScopes(claimed) };
    } catch (error) {
      if (error instanceof GatewayError) throw error;
      // The reason (expired, bad signature, wrong audience) is not echoed: it helps an attacker more than a client.
      throw unauthenticated('The bearer token is not valid.');
    }
  };
}

interface ApiKeyEntry {
  name: string;
  sha256: Buffer;
  scopes: Set<Scope>;
}

function loadApiKeys(file: string): ApiKeyEntry[] {
  const entries = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  if (!Array.isArray(entries))
    throw new Error(`API_KEYS_FILE ${file}: expected a JSON array of {name, sha256, scopes}`);
  return entries.map((entry: unknown, index) => {
    const e = entry as { name?: unknown; sha256?: unknown; scopes?: unknown };
    if (
      typeof e.name !== 'string' ||
      typeof e.sha256 !== 'string' ||
      !/^[0-9a-f]{64}$/i.test(e.sha256) ||
      !Array.isArray(e.scopes)
    ) {
      throw new Error(`API_KEYS_FILE ${file}: entry ${index} needs name, sha256 (64 hex digits) and scopes`);
    }
    return { name: e.name, sha256: Buffer.from(e.sha256, 'hex'), scopes: toScopes(e.scopes) };
  });
}

function matchApiKey(entries: ApiKeyEntry[], key: string): { name: string; scopes: Set<Scope> } | undefined {
  const digest = createHash('sha256').update(key).digest();
  const entry = entries.find((candidate) => timingSafeEqual(candidate.sha256, digest));
  return entry ? { name: entry.name, scopes: entry.scopes } : undefined;
}

function toScopes(claimed: unknown[]): Set<Scope> {
  const known = new Set<string>(ALL_SCOPES);
  return new Set(claimed.filter((scope): scope is Scope => typeof scope === 'string' && known.has(scope)));
}
