// CSRF over real HTTP: whatever a browser can send cross-site without a CORS preflight (an HTML form in any of its
// three encodings, a GET link or image, a body without a type) is refused with 403 before authentication and before
// any upstream call, even with valid credentials and whatever the Origin. A JSON POST or any request carrying the
// x-graphql-csrf header is served. The gateway grants no preflight (no CORS headers) and never asks the browser for
// Basic credentials (no WWW-Authenticate).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { basicAuthorization } from '../../src/auth/credentials.js';
import { startStack, type Stack } from '../helpers/stack.js';

const LOCK = 'PUT /api/v2/devices/lock';
const EVIL = 'https://evil.example';
const ADMIN = basicAuthorization('miadmin', 'miadmin');

let stack: Stack;
let target: { id: string; status: string };

const lockMutation = (id: string) =>
  `mutation { lockDevices(input: { ids: [${JSON.stringify(id)}] }) { results { status } } }`;

async function activeDevices(): Promise<Array<{ id: string; status: string }>> {
  const response = await stack.gql<{ devices: { nodes: Array<{ id: string; status: string }> } }>(
    '{ devices(first: 5, filter: { status: [ACTIVE] }, source: EPMM) { nodes { id status } } }',
  );
  expect(response.errors).toBeUndefined();
  return response.data!.devices.nodes;
}

async function statusOf(id: string): Promise<string> {
  const query = 'query($id: ID!) { node(id: $id) { ... on Device { status } } }';
  const response = await stack.gql<{ node: { status: string } }>(query, { id });
  return response.data!.node.status;
}

async function expectRefused(response: Response): Promise<void> {
  expect(response.status).toBe(403);
  type Body = { data?: unknown; errors: Array<{ message: string; extensions: { code: string } }> };
  const body = (await response.json()) as Body;
  expect(body.data).toBeUndefined();
  expect(body.errors[0].extensions.code).toBe('FORBIDDEN');
  // The message names the header and what passes without it, so a client author can fix the request from it alone.
  expect(body.errors[0].message).toBe(
    'Required CSRF header "x-graphql-csrf" not present: send it (any value) with GET (the CSV export included), ' +
      'form and other requests, or POST with Content-Type: application/json (or application/graphql+json, ' +
      'application/graphql).',
  );
}

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  fetch(`${stack.gatewayUrl}/graphql`, {
    method: 'POST',
    headers: { authorization: ADMIN, origin: EVIL, ...headers },
    body,
  });

beforeAll(async () => {
  stack = await startStack({ devices: 60, seed: 23 });
  [target] = await activeDevices();
});
afterAll(() => stack.close());
beforeEach(() => stack.resetUpstreamStats());

describe('cross-site form posts', () => {
  const formBodies: Array<[string, () => { body: BodyInit; headers: Record<string, string> }]> = [
    [
      'application/x-www-form-urlencoded',
      () => ({
        body: new URLSearchParams({ query: lockMutation(target.id) }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
    ],
    [
      'multipart/form-data',
      () => {
        const form = new FormData();
        // The GraphQL multipart request format, which yoga reads; fetch sets the type with its boundary.
        form.set('operations', JSON.stringify({ query: lockMutation(target.id) }));
        return { body: form, headers: {} };
      },
    ],
    ['text/plain', () => ({ body: `query=${lockMutation(target.id)}\r\n`, headers: { 'content-type': 'text/plain' } })],
    [
      'Text/Plain with parameters',
      () => ({
        body: `query=${lockMutation(target.id)}\r\n`,
        headers: { 'content-type': ' Text/Plain ; charset=UTF-8' },
      }),
    ],
    [
      'x-www-form-urlencoded with a JSON-looking parameter',
      () => ({
        body: new URLSearchParams({ query: lockMutation(target.id) }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded; application/json' },
      }),
    ],
    [
      'a body without a Content-Type',
      () => ({
        body: new Blob([JSON.stringify({ query: lockMutation(target.id) })]),
        headers: {},
      }),
    ],
  ];

  it.each(formBodies)('refuses lockDevices sent as %s with 403; nothing reaches the MDM', async (_name, make) => {
    const { body, headers } = make();
    await expectRefused(await post(body, headers));
    expect((await stack.upstreamStats()).total).toBe(0);
    expect(await statusOf(target.id)).toBe('ACTIVE');
  });

  it('refuses before authentication: a form post without credentials is 403, not 401', async () => {
    const response = await fetch(`${stack.gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ query: '{ viewer { name } }' }).toString(),
    });
    await expectRefused(response);
    expect((await stack.upstreamStats()).total).toBe(0);
  });
});

describe('GET /graphql', () => {
  const getUrl = (query: string) => `${stack.gatewayUrl}/graphql?query=${encodeURIComponent(query)}`;

  it('refuses a mutation in the query string without the header, and never runs one with it', async () => {
    const headers = { authorization: ADMIN, origin: EVIL, accept: 'application/json' };
    await expectRefused(await fetch(getUrl(lockMutation(target.id)), { headers }));
    // With the header, yoga still refuses to run a mutation over GET.
    const withHeader = await fetch(getUrl(lockMutation(target.id)), { headers: { ...headers, 'x-graphql-csrf': '1' } });
    expect(withHeader.status).toBe(405);
    await withHeader.body?.cancel();
    expect((await stack.upstreamStats()).byRoute[LOCK] ?? 0).toBe(0);
    expect(await statusOf(target.id)).toBe('ACTIVE');
  });

  it('refuses a query without the header (an <img> or <script> tag) and serves it with the header', async () => {
    const headers = { authorization: ADMIN, accept: 'application/json' };
    await expectRefused(await fetch(getUrl('{ viewer { name } }'), { headers }));
    expect((await stack.upstreamStats()).total).toBe(0);
    const served = await fetch(getUrl('{ viewer { name } }'), { headers: { ...headers, 'x-graphql-csrf': '' } });
    expect(served.status).toBe(200);
    expect(((await served.json()) as { data: { viewer: { name: string } } }).data.viewer.name).toBe('miadmin');
  });
});

describe('the CSV export', () => {
  const exportUrl = '/export/devices.csv?fields=BASIC';

  it('refuses a download without the header (a cross-site link or <img>) with 403 and no upstream call', async () => {
    const headers = { authorization: ADMIN, origin: EVIL };
    await expectRefused(await fetch(`${stack.gatewayUrl}${exportUrl}`, { headers }));
    expect((await stack.upstreamStats()).total).toBe(0);
  });

  it('serves it with the header', async () => {
    const headers = { authorization: ADMIN, 'x-graphql-csrf': '1' };
    const response = await fetch(`${stack.gatewayUrl}${exportUrl}`, { headers });
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/^id,source,uuid,/);
  });
});

describe('what a real client sends', () => {
  it('runs a JSON POST, whatever its Origin header says (a browser cannot send one cross-site unasked)', async () => {
    const [, other] = await activeDevices();
    await stack.resetUpstreamStats();
    const request = JSON.stringify({ query: lockMutation(other.id) });
    const response = await post(request, { 'content-type': 'application/json; charset=utf-8' });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: { lockDevices: { results: Array<{ status: string }> } } };
    expect(body.data.lockDevices.results).toEqual([{ status: 'SUCCEEDED' }]);
    expect((await stack.upstreamStats()).byRoute[LOCK]).toBe(1);
  });

  it('runs a form-encoded POST that carries the x-graphql-csrf header', async () => {
    const response = await post(new URLSearchParams({ query: '{ viewer { name } }' }).toString(), {
      'content-type': 'application/x-www-form-urlencoded',
      'x-graphql-csrf': '1',
      accept: 'application/json',
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: { viewer: { name: string } } }).data.viewer.name).toBe('miadmin');
  });

  it('keeps health, readiness and metrics reachable without the header', async () => {
    for (const path of ['/health', '/ready', '/metrics']) {
      const response = await fetch(`${stack.gatewayUrl}${path}`);
      expect([path, response.status]).toEqual([path, 200]);
      await response.body?.cancel();
    }
  });
});

describe('no browser help for a cross-site caller', () => {
  it('answers 401 without a WWW-Authenticate challenge, on /graphql and on the export', async () => {
    const graphql = await fetch(`${stack.gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ viewer { name } }' }),
    });
    expect(graphql.status).toBe(401);
    expect(graphql.headers.get('www-authenticate')).toBeNull();
    await graphql.body?.cancel();
    const download = await fetch(`${stack.gatewayUrl}/export/devices.csv`, { headers: { 'x-graphql-csrf': '1' } });
    expect(download.status).toBe(401);
    expect(download.headers.get('www-authenticate')).toBeNull();
    await download.body?.cancel();
  });

  it('grants no CORS preflight and no cross-origin read', async () => {
    const preflight = await fetch(`${stack.gatewayUrl}/graphql`, {
      method: 'OPTIONS',
      headers: {
        origin: EVIL,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, x-graphql-csrf',
      },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-headers')).toBeNull();
    await preflight.body?.cancel();
    const answer = await post(JSON.stringify({ query: '{ viewer { name } }' }), { 'content-type': 'application/json' });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    expect(answer.headers.get('access-control-allow-credentials')).toBeNull();
    await answer.body?.cancel();
  });

  it('lets no other site frame GraphiQL or any answer (clickjacking a "Run" click)', async () => {
    const page = await fetch(`${stack.gatewayUrl}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const refused = await fetch(`${stack.gatewayUrl}/graphql?query=%7Bviewer%7Bname%7D%7D`);
    expect(refused.status).toBe(403);
    for (const answer of [page, refused]) {
      expect(answer.headers.get('x-frame-options')).toBe('DENY');
      expect(answer.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      await answer.body?.cancel();
    }
  });
});
