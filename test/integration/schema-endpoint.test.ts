// GET /graphql/schema.graphql serves the published contract exactly where an introspection query can run, to the
// callers who may run one (docs/decisions.md, "The published schema and the client kit").
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSchema as parseSdl } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuthorization } from '../../src/auth/credentials.js';
import { printSchemaDocument, SCHEMA_DOCUMENT_PATH } from '../../src/plugins/schema-document.js';
import { buildSchema } from '../../src/schema.js';
import { startStack, type Stack } from '../helpers/stack.js';

const MIADMIN = { authorization: basicAuthorization('miadmin', 'miadmin'), 'x-graphql-csrf': '1' };

function getSchema(stack: Stack, headers: Record<string, string>, method = 'GET'): Promise<Response> {
  return fetch(`${stack.gatewayUrl}${SCHEMA_DOCUMENT_PATH}`, { method, headers });
}

describe('the schema document with introspection on (the embedded default)', () => {
  let stack: Stack;
  beforeAll(async () => {
    // emea may act but not read: introspection is a query, so it may not read the schema either.
    stack = await startStack({ devices: 20, scopes: { emea: ['act'] } });
  });
  afterAll(() => stack.close());

  it('answers the printed executable schema as UTF-8 text', async () => {
    const response = await getSchema(stack, MIADMIN);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const text = await response.text();
    // The same text `npm run schema` writes to schema.graphql (scripts/schema.ts prints it with this function).
    expect(text).toBe(printSchemaDocument(buildSchema()));
    const parsed = parseSdl(text);
    expect(parsed.getQueryType()?.getFields().devices).toBeDefined();
    expect(parsed.getType('Device')?.description).toMatch(/physical device/);
  });

  it('needs credentials EPMM accepts, and sends no Basic challenge', async () => {
    await stack.resetUpstreamStats();
    const anonymous = await getSchema(stack, { 'x-graphql-csrf': '1' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBeNull();
    expect((await stack.upstreamStats()).total).toBe(0);
    const wrongPassword = await getSchema(stack, { ...MIADMIN, authorization: basicAuthorization('miadmin', 'nope') });
    expect(wrongPassword.status).toBe(401);
    expect(await wrongPassword.text()).not.toContain('type Query');
  });

  it('needs the read scope, as an introspection query does', async () => {
    const response = await getSchema(stack, { ...MIADMIN, authorization: basicAuthorization('emea', 'emea') });
    expect(response.status).toBe(403);
    const introspection = await stack.gql('{ __schema { queryType { name } } }', undefined, 'emea');
    expect(introspection.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('is a GET like any other: the CSRF header is required, other methods are refused', async () => {
    await stack.resetUpstreamStats();
    expect((await getSchema(stack, { authorization: MIADMIN.authorization })).status).toBe(403);
    expect((await stack.upstreamStats()).total).toBe(0);
    const post = await getSchema(stack, MIADMIN, 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET');
  });
});

describe('the schema document where no introspection query can run', () => {
  let introspectionOff: Stack;
  let strict: Stack;
  beforeAll(async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mdmgraph-persisted-')), 'operations.json');
    writeFileSync(file, JSON.stringify({ viewer: '{ viewer { name } }' }));
    [introspectionOff, strict] = await Promise.all([
      startStack({ devices: 20, env: { INTROSPECTION: 'false' } }),
      startStack({ devices: 20, env: { PERSISTED_OPERATIONS_FILE: file, PERSISTED_OPERATIONS_STRICT: 'true' } }),
    ]);
  });
  afterAll(() => Promise.all([introspectionOff.close(), strict.close()]));

  it('is not found with INTROSPECTION=false, for any caller', async () => {
    const response = await getSchema(introspectionOff, MIADMIN);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('type Query');
    const introspection = await introspectionOff.gql('{ __schema { queryType { name } } }');
    expect(introspection.errors?.[0].message).toMatch(/introspection/i);
  });

  it('is not found in strict persisted-operations mode, where only persisted documents run', async () => {
    const response = await getSchema(strict, MIADMIN);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('type Query');
  });
});
