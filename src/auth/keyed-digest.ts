// The gateway's one HMAC secret, and every digest made with it: the cache scope of a caller's credentials (part of
// L1/L2 cache keys and of idempotency keys in Redis) and the digest of secret mutation inputs (passwords) that
// idempotency compares. An unkeyed SHA-256 of a Basic header read from a Redis key name could be brute-forced
// offline for a weak password; with the key it cannot, and replicas sharing the secret agree on every digest.
// Where the secret comes from (docs/decisions.md "Keyed digests"):
// - GATEWAY_SECRET, or the file GATEWAY_SECRET_FILE (default: `gateway-secret` beside AUDIT_LOG_FILE);
// - without REDIS_URL, a missing file is created once with a random secret, mode 0600, so processes sharing the
//   file (WORKERS) share it; with REDIS_URL it must be configured (the config refuses otherwise), since replicas on
//   other machines would each create their own and a retry on another replica would be run again.
import { createHmac, randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ConfigError } from '../config.js';

/** Shortest secret accepted, in characters (as for JWT_SECRET). */
export const GATEWAY_SECRET_MIN = 32;

export interface GatewaySecretSettings {
  /** GATEWAY_SECRET: never printed or logged. */
  value: string | undefined;
  /** Where the secret is read from when `value` is unset. */
  file: string;
  /** Whether a missing file may be created (single host: no REDIS_URL). */
  generate: boolean;
}

/** What a digest is for: the same input never yields the same digest for two purposes. */
type Purpose = 'credential-scope' | 'subject-scope' | 'secret-input';

export class KeyedDigest {
  readonly #key: Buffer;

  constructor(secret: string) {
    if (secret.length < GATEWAY_SECRET_MIN) {
      throw new ConfigError(`the gateway secret must be at least ${GATEWAY_SECRET_MIN} characters`);
    }
    this.#key = Buffer.from(secret, 'utf8');
  }

  /** The cache and idempotency partition of one MDM credential (its Authorization header): 128 bits of HMAC. */
  credentialScope(authorization: string): string {
    return this.digest('credential-scope', authorization).slice(0, 32);
  }

  /** Service mode: the part of the cache scope that keeps token subjects and API key names apart (24 hex). */
  subjectScope(name: string): string {
    return this.digest('subject-scope', name).slice(0, 24);
  }

  /** Secret inputs of a mutation (passwords), for idempotency to compare a retry's with the first request's. */
  secretInput(value: unknown): string {
    return this.digest('secret-input', JSON.stringify(value));
  }

  private digest(purpose: Purpose, text: string): string {
    return createHmac('sha256', this.#key).update(purpose).update('\u0000').update(text).digest('hex');
  }

  /** Never the key, whatever prints this object. */
  toJSON(): string {
    return '[KeyedDigest]';
  }
}

const loaded = new WeakMap<GatewaySecretSettings, KeyedDigest>();

/** The digests of a configuration, read (or created) once per configuration object. */
export function keyedDigestFor(config: { gatewaySecret: GatewaySecretSettings }): KeyedDigest {
  let digest = loaded.get(config.gatewaySecret);
  if (!digest) {
    digest = new KeyedDigest(loadGatewaySecret(config.gatewaySecret));
    loaded.set(config.gatewaySecret, digest);
  }
  return digest;
}

export function loadGatewaySecret(settings: GatewaySecretSettings): string {
  if (settings.value !== undefined) return settings.value;
  const existing = readSecretFile(settings.file);
  if (existing !== undefined) return existing;
  if (!settings.generate) {
    throw invalid(
      `${settings.file} does not exist; with REDIS_URL every replica needs the same secret, so it is not generated ` +
        '(create it, or set GATEWAY_SECRET)',
    );
  }
  return createSecretFile(settings.file);
}

function readSecretFile(file: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw invalid(`cannot read ${file} (${(error as Error).message})`);
  }
  const secret = text.trim();
  if (secret.length < GATEWAY_SECRET_MIN) {
    throw invalid(`${file} must hold at least ${GATEWAY_SECRET_MIN} characters`);
  }
  return secret;
}

function invalid(problem: string): ConfigError {
  return new ConfigError(`Invalid configuration:\n  GATEWAY_SECRET_FILE: ${problem}`);
}

/**
 * Writes a random secret to a private temporary file and links it into place: the link fails if another process
 * (a WORKERS sibling starting at the same time) got there first, whose secret is then used, and a reader never
 * sees a half-written file.
 */
function createSecretFile(file: string): string {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString('hex');
  const temporary = join(dirname(file), `.gateway-secret-${process.pid}-${randomBytes(6).toString('hex')}`);
  writeFileSync(temporary, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(temporary, file);
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const winner = readSecretFile(file);
    if (winner === undefined) throw error;
    return winner;
  } finally {
    unlinkSync(temporary);
  }
}
