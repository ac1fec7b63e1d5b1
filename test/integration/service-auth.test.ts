// Service-account mode: the gateway holds the MDM credentials and verifies callers itself.
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAuthenticator } from '../../src/auth/authenticator.js';
import { ConfigError, describeConfig, loadConfig } from '../../src/config.js';
import { startStack, type Stack } from '../helpers/stack.js';

const SECRET = 'a-test-signing-secret-of-at-least-32-chars';
const dir = mkdtempSync(join(tmpdir(), 'mdmgraph-auth-'));
const keysFile = join(dir, 'api-keys.json');
writeFileSync(
  keysFile,
  JSON.stringify([
    { name: 'portal', sha256: createHash('sha256').update('portal-key-123').digest('hex'), scopes: ['read'] },
  ]),
);

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({
    devices: 40,
    env: {
      AUTH_MODE: 'service',
      EPMM_USERNAME: 'miadmin',
      EPMM_PASSWORD: 'miadmin',
      JWT_SECRET: SECRET,
      JWT_AUDIENCE: 'mdmgraph',
      API_KEYS_FILE: keysFile,
    },
  });
});
afterAll(() => stack.close());
beforeEach(() => stack.resetUpstreamStats());

/** `expiresIn` / `issuedAt` null: the claim is left out; `issuedAt` is seconds since the epoch. */
async function token(
  claims: Record<string, unknown>,
  options: { secret?: string; expiresIn?: string | null; issuedAt?: number | null; subject?: string } = {},
): Promise<string> {
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(options.subject ?? 'portal-user')
    .setAudience('mdmgraph');
  if (options.issuedAt !== null) jwt.setIssuedAt(options.issuedAt);
  if (options.expiresIn !== null) jwt.setExpirationTime(options.expiresIn ?? '5m');
  return jwt.sign(new TextEncoder().encode(options.secret ?? SECRET));
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

async function query(
  headers: Record<string, string>,
  body = '{ devices(first: 2, source: EPMM) { totalCount } viewer { name } }',
) {
  const response = await fetch(`${stack.gatewayUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: body }),
  });
  return {
    status: response.status,
    body: (await response.json()) as {
      data?: { viewer?: { name: string } };
      errors?: Array<{ extensions?: { code?: string } }>;
    },
  };
}

describe('service-account mode', () => {
  it('accepts a valid bearer token with the read scope', async () => {
    const result = await query({ authorization: `Bearer ${await token({ scope: 'read' })}` });
    expect(result.status).toBe(200);
    expect(result.body.data?.viewer?.name).toBe('portal-user');
  });

  it.each([
    ['an expired token', async () => token({ scope: 'read' }, { expiresIn: '-1m' })],
    [
      'a token signed with another key',
      async () => token({ scope: 'read' }, { secret: 'another-secret-that-is-at-least-32-chars' }),
    ],
    ['Basic credentials (not accepted in service mode)', async () => 'basic'],
    ['a token without exp (it would never expire)', async () => token({ scope: 'read' }, { expiresIn: null })],
    ['a token without iat (its age is unknown)', async () => token({ scope: 'read' }, { issuedAt: null })],
    ['a token issued over JWT_MAX_AGE ago', async () => token({ scope: 'read' }, { issuedAt: nowSeconds() - 172_800 })],
    ['a token that expires more than JWT_MAX_AGE from now', async () => token({ scope: 'read' }, { expiresIn: '30d' })],
  ])('refuses %s with 401 and no upstream call', async (_name, make) => {
    const value = await make();
    const headers =
      value === 'basic'
        ? { authorization: `Basic ${Buffer.from('miadmin:miadmin').toString('base64')}` }
        : { authorization: `Bearer ${value}` };
    const result = await query(headers);
    expect(result.status).toBe(401);
    expect(result.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await stack.upstreamStats()).total).toBe(0);
  });

  it('refuses an operation whose scope the token lacks', async () => {
    const result = await query({ authorization: `Bearer ${await token({ scope: 'act' })}` });
    expect(result.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(result.body.data).toBeUndefined();
  });

  it('refuses a wipe per device when the token lacks the destructive scope, sending nothing', async () => {
    const operator = `Bearer ${await token({ scope: 'read act' })}`;
    const listed = await query({ authorization: operator }, '{ devices(first: 2, source: EPMM) { nodes { id } } }');
    const ids = (listed.body.data as unknown as { devices: { nodes: Array<{ id: string }> } }).devices.nodes.map(
      (node) => node.id,
    );
    await stack.resetUpstreamStats();
    const wipe = `mutation { wipeDevices(input: { ids: ${JSON.stringify(ids)}, note: "stolen" }) { results { status } userErrors { code } } }`;
    const refused = await query({ authorization: operator }, wipe);
    const payload = (
      refused.body.data as unknown as {
        wipeDevices: { results: Array<{ status: string }>; userErrors: Array<{ code: string }> };
      }
    ).wipeDevices;
    expect(payload.results.map((result) => result.status)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    expect(payload.userErrors[0].code).toBe('FORBIDDEN');
    expect((await stack.upstreamStats()).byRoute['PUT /api/v2/devices/wipe']).toBeUndefined();

    const allowed = await query({ authorization: `Bearer ${await token({ scope: 'read act destructive' })}` }, wipe);
    const done = (allowed.body.data as unknown as { wipeDevices: { results: Array<{ status: string }> } }).wipeDevices;
    expect(done.results.map((result) => result.status)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    expect((await stack.upstreamStats()).byRoute['PUT /api/v2/devices/wipe']).toBe(1);
  });

  it('accepts an API key from the keys file, and refuses an unknown one', async () => {
    expect((await query({ 'x-api-key': 'portal-key-123' })).body.data?.viewer?.name).toBe('portal');
    expect((await query({ 'x-api-key': 'guess' })).status).toBe(401);
  });

  it('never shares cached data between callers, although they use the same MDM account', async () => {
    await query({ authorization: `Bearer ${await token({ scope: 'read' }, { subject: 'alice' })}` });
    await stack.resetUpstreamStats();
    await query({ authorization: `Bearer ${await token({ scope: 'read' }, { subject: 'bob' })}` });
    expect((await stack.upstreamStats()).byRoute['GET /api/v2/devices']).toBe(1);
  });
});

describe('token lifetime settings', () => {
  const request = (bearer: string) =>
    new Request('http://gateway/graphql', { headers: { authorization: `Bearer ${bearer}` } });
  const read = (options: Parameters<typeof token>[1]) => token({ scope: 'read' }, options).then(request);
  const authenticator = (env: Record<string, string>) =>
    createAuthenticator(
      // The audit file's directory is where the gateway keeps its own files: a temporary one here.
      loadConfig({
        AUTH_MODE: 'service',
        EPMM_USERNAME: 'svc',
        EPMM_PASSWORD: 'svc-password',
        JWT_SECRET: SECRET,
        JWT_AUDIENCE: 'mdmgraph',
        AUDIT_LOG_FILE: join(dir, 'audit.jsonl'),
        ...env,
      }),
    );

  it('JWT_MAX_AGE bounds both the age and the remaining lifetime', async () => {
    const authenticate = await authenticator({ JWT_MAX_AGE: '3600' });
    await expect(authenticate(await read({ expiresIn: '59m' }))).resolves.toMatchObject({ name: 'portal-user' });
    await expect(authenticate(await read({ expiresIn: '2h' }))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const old = await read({ issuedAt: nowSeconds() - 7200 });
    await expect(authenticate(old)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('JWT_REQUIRE_EXP=false accepts a token without exp or iat, and still checks those present', async () => {
    const authenticate = await authenticator({ JWT_REQUIRE_EXP: 'false' });
    const ageless = await read({ expiresIn: null, issuedAt: null });
    await expect(authenticate(ageless)).resolves.toMatchObject({ name: 'portal-user' });
    await expect(authenticate(await read({ expiresIn: '-1m' }))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

describe('configuration', () => {
  it('names the missing settings of service mode', () => {
    expect(() => loadConfig({ AUTH_MODE: 'service' })).toThrow(ConfigError);
    expect(() => loadConfig({ AUTH_MODE: 'service' })).toThrow(/EPMM_USERNAME: is required when AUTH_MODE=service/);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET: must be at least 32 characters/);
  });

  it('masks secrets when the configuration is printed', () => {
    const printed = describeConfig(
      loadConfig({
        AUTH_MODE: 'service',
        EPMM_USERNAME: 'svc',
        EPMM_PASSWORD: 'hunter2-secret',
        JWT_SECRET: SECRET,
        METRICS_TOKEN: 'metrics-token-0123456789',
      }),
    );
    expect(printed).not.toContain('hunter2-secret');
    expect(printed).not.toContain(SECRET);
    expect(printed).not.toContain('metrics-token-0123456789');
    expect(printed).toContain('"username":"svc"');
  });
});

describe('configuration file', () => {
  it('reads settings from CONFIG_FILE, lets the environment win, and names unknown settings', () => {
    const file = join(dir, 'config.json');
    writeFileSync(file, JSON.stringify({ MAX_COST: 1234, MAX_DEPTH: 7 }));
    const config = loadConfig({ CONFIG_FILE: file, MAX_DEPTH: '9' });
    expect(config.limits.maxCost).toBe(1234);
    expect(config.limits.maxDepth).toBe(9);
    writeFileSync(file, JSON.stringify({ MAX_COSTS: 1 }));
    expect(() => loadConfig({ CONFIG_FILE: file })).toThrow(/unknown settings MAX_COSTS/);
  });
});
