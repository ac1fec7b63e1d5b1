// A real browser attack: Debian's chromium (through playwright-core) opens an attacker's page on another site
// (evil.test, mapped to this machine) that posts a lockDevices mutation to the gateway the way only a browser can:
// an HTML form in each of its three encodings, and fetch() with credentials. The victim's browser holds an
// administrator's Basic credentials in two ways: answering any 401 challenge (what a user who typed them into the
// login dialog has), and attaching them to every request (the worst case, as if the browser had cached them).
// The gateway must see each attack arrive and refuse it: no lock reaches the MDM and the device stays ACTIVE.
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext } from 'playwright-core';
import { CHROMIUM, launchChromium } from '../helpers/browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuthorization } from '../../src/auth/credentials.js';
import { loadConfig } from '../../src/config.js';
import { createGateway } from '../../src/server.js';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server.js';

const ADMIN = basicAuthorization('miadmin', 'miadmin');
const LOCK = 'PUT /api/v2/devices/lock';
const ENCTYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'] as const;

interface Seen {
  method: string;
  path: string;
  contentType?: string;
  authorization: boolean;
  status?: number;
}

let browser: Browser;
let simulator: RunningSimulator;
let gatewayServer: Server;
let attackerServer: Server;
let gatewayOrigin: string;
let attackerOrigin: string;
let gatewayClose: () => Promise<void>;
let deviceId: string;
const seen: Seen[] = [];

const lockMutation = () =>
  `mutation { lockDevices(input: { ids: [${JSON.stringify(deviceId)}] }) { results { status } } }`;
const escapeAttribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

async function gql<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const response = await fetch(`${gatewayOrigin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: ADMIN },
    body: JSON.stringify({ query, variables }),
  });
  return ((await response.json()) as { data: T }).data;
}

async function lockCalls(): Promise<number> {
  const stats = (await (await fetch(`${simulator.url}/__sim/stats`)).json()) as { byRoute: Record<string, number> };
  return stats.byRoute[LOCK] ?? 0;
}

async function deviceStatus(): Promise<string> {
  const query = 'query($id: ID!) { node(id: $id) { ... on Device { status } } }';
  return (await gql<{ node: { status: string } }>(query, { id: deviceId })).node.status;
}

/** The attacker's site: a page whose form posts the mutation to the gateway as soon as it loads. */
function attackerPage(request: IncomingMessage, response: ServerResponse): void {
  const url = new URL(request.url ?? '/', attackerOrigin);
  const enctype = url.searchParams.get('enctype');
  // Each encoding carries the mutation where yoga would read it: `query`, or for multipart `operations` (the
  // GraphQL multipart request format).
  const field =
    enctype === 'multipart/form-data'
      ? `<input name="operations" value="${escapeAttribute(JSON.stringify({ query: lockMutation() }))}">`
      : `<input name="query" value="${escapeAttribute(lockMutation())}">`;
  const form = enctype
    ? `<form id="attack" method="POST" action="${gatewayOrigin}/graphql" enctype="${escapeAttribute(enctype)}">` +
      `${field}</form><script>document.getElementById('attack').submit()</script>`
    : '<p>nothing to see</p>';
  response
    .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    .end(`<!doctype html><html><body>${form}</body></html>`);
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: npm test's pretest (scripts/provision.mjs) installs Debian's chromium (apt-get install chromium)`,
    );
  }
  simulator = await startSimulator({ devices: 40, seed: 19 });
  const gateway = createGateway(loadConfig({ PORT: '0', LOG_LEVEL: 'silent' }), simulator.url);
  gatewayClose = gateway.close;
  // Every request the gateway receives, with whether it carried credentials and how it was answered.
  gatewayServer = createServer((request, response) => {
    const entry: Seen = {
      method: request.method ?? '',
      path: (request.url ?? '').split('?')[0],
      contentType: request.headers['content-type'],
      authorization: request.headers.authorization === ADMIN,
    };
    seen.push(entry);
    response.on('finish', () => (entry.status = response.statusCode));
    void gateway.yoga(request, response);
  });
  await new Promise<void>((resolve) => gatewayServer.listen(0, '127.0.0.1', resolve));
  gatewayOrigin = `http://127.0.0.1:${(gatewayServer.address() as AddressInfo).port}`;
  attackerServer = createServer(attackerPage);
  await new Promise<void>((resolve) => attackerServer.listen(0, '127.0.0.1', resolve));
  attackerOrigin = `http://evil.test:${(attackerServer.address() as AddressInfo).port}`;

  const active = '{ devices(first: 1, filter: { status: [ACTIVE] }, source: EPMM) { nodes { id } } }';
  const nodes = await gql<{ devices: { nodes: Array<{ id: string }> } }>(active);
  deviceId = nodes.devices.nodes[0].id;

  browser = await launchChromium([
    // The attacker's site is another site than the gateway's, as on the internet; both are this machine.
    '--host-resolver-rules=MAP evil.test 127.0.0.1',
  ]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  for (const server of [gatewayServer, attackerServer]) {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
  await gatewayClose?.();
  await simulator?.close();
});

const answeringChallenges = () =>
  browser.newContext({ httpCredentials: { username: 'miadmin', password: 'miadmin', origin: gatewayOrigin } });

/** How the victim's browser holds the credentials, and whether it attaches them without being asked. */
const victims: Array<[string, () => Promise<BrowserContext>, boolean]> = [
  ['answers 401 challenges with the admin credentials', answeringChallenges, false],
  [
    'attaches the admin credentials to every request',
    () => browser.newContext({ extraHTTPHeaders: { authorization: ADMIN } }),
    true,
  ],
];

describe.each(victims)('a cross-site attack on a browser that %s', (_name, openContext, attached) => {
  it.each(ENCTYPES)(
    'a form posting lockDevices as %s is refused and locks nothing',
    async (enctype) => {
      const context = await openContext();
      try {
        const page = await context.newPage();
        const before = seen.length;
        const posts = () => seen.slice(before).filter((entry) => entry.method === 'POST' && entry.path === '/graphql');
        await page.goto(`${attackerOrigin}/?enctype=${encodeURIComponent(enctype)}`);
        // The browser did send the form to the gateway (after answering a challenge, if it got one)...
        const answered = () => posts().some((entry) => entry.status !== undefined && entry.status !== 401);
        await expect.poll(answered, { timeout: 15_000 }).toBe(true);
        // ...which refused it, every time.
        const outcomes = posts().map((entry) => [entry.contentType?.split(';')[0], entry.status]);
        expect(outcomes).toEqual(outcomes.map(() => [enctype, 403]));
        // With credentials attached they arrived too, and did not help; without, no challenge asked for them.
        expect(posts().map((entry) => entry.authorization)).toEqual(posts().map(() => attached));
        await page.waitForURL(`${gatewayOrigin}/graphql`);
        expect(await page.textContent('body')).toContain('x-graphql-csrf');
        expect(await lockCalls()).toBe(0);
        expect(await deviceStatus()).toBe('ACTIVE');
      } finally {
        await context.close();
      }
    },
    45_000,
  );

  it('a fetch() posting JSON with credentials is stopped at the preflight and locks nothing', async () => {
    const context = await openContext();
    try {
      const page = await context.newPage();
      await page.goto(`${attackerOrigin}/`);
      const before = seen.length;
      const outcome = await page.evaluate(
        async ({ url, body }) => {
          try {
            const headers = { 'content-type': 'application/json' };
            const response = await fetch(url, { method: 'POST', credentials: 'include', headers, body });
            return `read ${response.status}: ${await response.text()}`;
          } catch (error) {
            return `blocked: ${String(error)}`;
          }
        },
        { url: `${gatewayOrigin}/graphql`, body: JSON.stringify({ query: lockMutation() }) },
      );
      expect(outcome).toMatch(/^blocked/);
      // Only the preflight reached the gateway; the POST itself was never sent.
      const arrived = seen.slice(before).filter((entry) => entry.path === '/graphql');
      expect(arrived.map((entry) => entry.method)).toEqual(['OPTIONS']);
      expect(await lockCalls()).toBe(0);
      expect(await deviceStatus()).toBe('ACTIVE');
    } finally {
      await context.close();
    }
  }, 45_000);
});

describe('a browser holding Basic credentials', () => {
  it('is never challenged for them: a same-origin call without Authorization stays 401 and is not resent', async () => {
    const context = await answeringChallenges();
    try {
      const page = await context.newPage();
      await page.goto(`${gatewayOrigin}/health`);
      const before = seen.length;
      const status = await page.evaluate(async () => {
        const body = JSON.stringify({ query: '{ viewer { name } }' });
        const headers = { 'content-type': 'application/json' };
        const response = await fetch('/graphql', { method: 'POST', headers, body });
        return response.status;
      });
      expect(status).toBe(401);
      const arrived = seen.slice(before).filter((entry) => entry.path === '/graphql');
      expect(arrived.map((entry) => [entry.method, entry.authorization, entry.status])).toEqual([['POST', false, 401]]);
    } finally {
      await context.close();
    }
  }, 45_000);
});
