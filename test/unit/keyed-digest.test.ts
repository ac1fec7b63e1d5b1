// Credential and password digests are HMACs under the gateway secret: not the plain SHA-256 that anyone reading a
// Redis key name could test guesses against, different under another secret, the same on every replica sharing
// it. The secret is configured, or created once (mode 0600) beside the audit log; with REDIS_URL it must be set.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { basicAuthorization, parseBasicAuthorization } from '../../src/auth/credentials.js';
import { KeyedDigest, keyedDigestFor, loadGatewaySecret } from '../../src/auth/keyed-digest.js';
import { describeConfig, loadConfig } from '../../src/config.js';

const SECRET_A = 'a'.repeat(32);
const SECRET_B = 'b'.repeat(32);
const header = basicAuthorization('miadmin', 'Spring2024!');
const plainSha256 = createHash('sha256').update(header).digest('hex');

const tempDir = () => mkdtempSync(join(tmpdir(), 'mdmgraph-secret-'));

describe('credential scope digest', () => {
  it('is not the plain SHA-256 of the Basic header, nor a prefix of it', () => {
    const scope = parseBasicAuthorization(header, new KeyedDigest(SECRET_A))!.scope;
    expect(scope).toMatch(/^[0-9a-f]{32}$/);
    expect(plainSha256.startsWith(scope)).toBe(false);
    expect(scope).not.toBe(plainSha256.slice(0, 32));
  });

  it('differs under two secrets and is stable under one (two replicas sharing it agree)', () => {
    const a1 = new KeyedDigest(SECRET_A).credentialScope(header);
    const a2 = new KeyedDigest(SECRET_A).credentialScope(header);
    const b = new KeyedDigest(SECRET_B).credentialScope(header);
    expect(a1).toBe(a2);
    expect(b).not.toBe(a1);
  });

  it('keeps purposes apart: a password digest never equals a credential digest of the same text', () => {
    const digest = new KeyedDigest(SECRET_A);
    expect(digest.secretInput(header)).not.toContain(digest.credentialScope(header));
    expect(digest.secretInput(['old', 'new'])).toBe(new KeyedDigest(SECRET_A).secretInput(['old', 'new']));
    expect(digest.secretInput(['old', 'new'])).not.toBe(new KeyedDigest(SECRET_B).secretInput(['old', 'new']));
  });

  it('refuses a short secret and never prints its key', () => {
    expect(() => new KeyedDigest('short')).toThrow(/at least 32/);
    expect(JSON.stringify({ digest: new KeyedDigest(SECRET_A) })).not.toContain(SECRET_A);
  });
});

describe('the gateway secret', () => {
  it('is created once beside the audit log, mode 0600, and read back by the next process', () => {
    const dir = tempDir();
    const config = loadConfig({ AUDIT_LOG_FILE: join(dir, 'audit.jsonl') });
    expect(config.gatewaySecret).toEqual({ value: undefined, file: join(dir, 'gateway-secret'), generate: true });
    const first = loadGatewaySecret(config.gatewaySecret);
    expect(statSync(join(dir, 'gateway-secret')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'gateway-secret'), 'utf8').trim()).toBe(first);
    // Another process (or WORKERS sibling) with the same file gets the same secret, so the same digests.
    const again = loadConfig({ AUDIT_LOG_FILE: join(dir, 'audit.jsonl') });
    expect(keyedDigestFor(again).credentialScope(header)).toBe(new KeyedDigest(first).credentialScope(header));
  });

  it('uses GATEWAY_SECRET, or GATEWAY_SECRET_FILE, and masks the secret when the configuration is printed', () => {
    const dir = tempDir();
    const file = join(dir, 'secret');
    writeFileSync(file, `${SECRET_B}\n`, { mode: 0o600 });
    const fromValue = loadConfig({ GATEWAY_SECRET: SECRET_A, AUDIT_LOG_FILE: join(dir, 'audit.jsonl') });
    expect(keyedDigestFor(fromValue).credentialScope(header)).toBe(new KeyedDigest(SECRET_A).credentialScope(header));
    expect(describeConfig(fromValue)).not.toContain(SECRET_A);
    const fromFile = loadConfig({ GATEWAY_SECRET_FILE: file });
    expect(keyedDigestFor(fromFile).credentialScope(header)).toBe(new KeyedDigest(SECRET_B).credentialScope(header));
  });

  it('with REDIS_URL must be configured, and a configured file is never generated', () => {
    const required = /GATEWAY_SECRET or GATEWAY_SECRET_FILE is required with REDIS_URL/;
    expect(() => loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(required);
    const missing = join(tempDir(), 'missing-secret');
    const config = loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', GATEWAY_SECRET_FILE: missing });
    expect(() => keyedDigestFor(config)).toThrow(/does not exist/);
    expect(() => loadConfig({ GATEWAY_SECRET: 'too short' })).toThrow(/at least 32/);
  });
});
