// LOG_FORMAT: pretty for a person at a terminal, JSON lines otherwise, the setting wins; the pretty request line and
// the start-up configuration table, which must never show a secret.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { configSummary, configTable } from '../../src/observability/config-summary.js';
import { logFormatFor } from '../../src/observability/log-format.js';
import { requestPhrase } from '../../src/observability/pretty-log.js';

describe('LOG_FORMAT', () => {
  it('is pretty on a terminal and JSON otherwise when unset', () => {
    expect(logFormatFor(undefined, true)).toBe('pretty');
    expect(logFormatFor(undefined, false)).toBe('json');
    expect(logFormatFor(undefined, undefined)).toBe('json');
  });

  it('overrides the terminal check either way', () => {
    expect(logFormatFor('json', true)).toBe('json');
    expect(logFormatFor('pretty', false)).toBe('pretty');
  });

  it('is read from the environment and accepts only pretty or json', () => {
    expect(loadConfig({}).logFormat).toBeUndefined();
    expect(loadConfig({ LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
    expect(loadConfig({ LOG_FORMAT: 'json' }).logFormat).toBe('json');
    expect(() => loadConfig({ LOG_FORMAT: 'yaml' })).toThrow(ConfigError);
    expect(() => loadConfig({ LOG_FORMAT: 'yaml' })).toThrow(/LOG_FORMAT/);
  });
});

describe('pretty request lines', () => {
  it('fold the request record into one phrase', () => {
    const record = {
      msg: 'graphql request',
      requestId: 'r1',
      operation: 'FleetPage',
      caller: 'miadmin',
      status: 200,
      errors: ['NOT_FOUND'],
      upstreamCalls: 2,
      durationMs: 12.3,
    };
    expect(requestPhrase(record)).toBe('FleetPage 200 · 12.3 ms · 2 upstream · errors NOT_FOUND · by miadmin');
    expect(requestPhrase({ msg: 'graphql request', status: 200, durationMs: 1, responseCache: 'hit' })).toBe(
      'anonymous 200 · 1 ms · cached',
    );
    expect(requestPhrase({ msg: 'upstream response decoded leniently' })).toBeUndefined();
  });
});

describe('the configuration table', () => {
  const secrets = {
    password: 'hunter2-secret-password',
    jwt: 'j'.repeat(40),
    metrics: 'metrics-token-0123456789',
    gateway: 'g'.repeat(40),
    redis: 'redis-password-42',
  };
  const config = loadConfig({
    AUTH_MODE: 'service',
    EPMM_URL: 'https://epmm.example.com',
    EPMM_USERNAME: 'svc',
    EPMM_PASSWORD: secrets.password,
    JWT_SECRET: secrets.jwt,
    METRICS_TOKEN: secrets.metrics,
    GATEWAY_SECRET: secrets.gateway,
    REDIS_URL: `redis://user:${secrets.redis}@redis.example.com:6379`,
  });
  const table = configTable(configSummary(config, 'pretty'));

  it('is short and aligned', () => {
    const lines = table.split('\n');
    expect(lines[0]).toBe('configuration:');
    expect(lines.length).toBeLessThanOrEqual(15);
    const valueColumns = new Set(lines.slice(1).map((line) => /^ {2}\S+(?: \S+)* {2,}/.exec(line)?.[0].length));
    expect(valueColumns.size).toBe(1);
    expect(table).toMatch(/^ {2}EPMM +https:\/\/epmm\.example\.com$/m);
    expect(table).toMatch(/^ {2}auth +service account svc; callers by JWT \(HS256\)$/m);
  });

  it('never shows a credential', () => {
    for (const secret of Object.values(secrets)) expect(table).not.toContain(secret);
    expect(table).toContain('redis://user:***@redis.example.com:6379');
  });
});
