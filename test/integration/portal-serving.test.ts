// How the gateway serves the reference portal (src/plugins/portal.ts, docs/decisions.md "The reference portal"):
// when PORTAL serves it, the page carries credentials only where GraphiQL is signed in, no request names a file
// outside the bundle, and nothing under /portal reaches the MDM.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuthorization } from '../../src/auth/credentials.js';
import { loadConfig } from '../../src/config.js';
import { createGateway, type Gateway } from '../../src/server.js';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server.js';

const PAGE = '<!doctype html>\n<html><head><title>portal</title>\n</head><body><div id="portal"></div></body></html>\n';
const ADMIN = { username: 'miadmin', password: 'miadmin' };

let simulator: RunningSimulator;
let directory: string;
const gateways: Gateway[] = [];

function gateway(env: Record<string, string>, options: { signedIn?: boolean; directory?: string } = {}): Gateway {
  const created = createGateway(loadConfig({ PORT: '0', LOG_LEVEL: 'silent', ...env }), simulator.url, {
    graphiqlCredentials: options.signedIn ? ADMIN : undefined,
    portalDirectory: options.directory ?? directory,
  });
  gateways.push(created);
  return created;
}

const get = (served: Gateway, path: string, init: RequestInit = {}) =>
  served.yoga.fetch(`http://gateway.test${path}`, init);

beforeAll(async () => {
  simulator = await startSimulator({ devices: 5, seed: 1 });
  directory = mkdtempSync(join(tmpdir(), 'mdmgraph-portal-bundle-'));
  writeFileSync(join(directory, 'index.html'), PAGE);
  writeFileSync(join(directory, 'app.js'), 'console.log("portal");\n');
  writeFileSync(join(directory, 'app.css'), 'body { margin: 0 }\n');
  mkdirSync(join(directory, 'nested'));
  writeFileSync(join(directory, 'nested', 'secret.txt'), 'not served');
});

afterAll(async () => {
  for (const served of gateways) await served.close();
  await simulator.close();
});

describe('the portal at /portal', () => {
  it('serves the page signed in as GraphiQL is, with a policy allowing this origin only', async () => {
    const response = await get(gateway({}, { signedIn: true }), '/portal/');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const html = await response.text();
    expect(html).toContain(
      `<meta name="mdmgraph-authorization" content="${basicAuthorization('miadmin', 'miadmin')}" />`,
    );
    expect(html.indexOf('mdmgraph-authorization')).toBeLessThan(html.indexOf('</head>'));
  });

  it('carries no credentials where GraphiQL is not signed in', async () => {
    const html = await (await get(gateway({ PORTAL: 'on' }), '/portal/')).text();
    expect(html).toBe(PAGE);
  });

  it('redirects /portal to /portal/ and serves the bundle with its media types, without the CSRF header', async () => {
    const served = gateway({});
    const redirect = await get(served, '/portal', { redirect: 'manual' });
    expect([redirect.status, redirect.headers.get('location')]).toEqual([308, '/portal/']);
    const script = await get(served, '/portal/app.js');
    expect([script.status, script.headers.get('content-type')]).toEqual([200, 'text/javascript; charset=utf-8']);
    expect(await script.text()).toBe('console.log("portal");\n');
    const style = await get(served, '/portal/app.css');
    expect([style.status, style.headers.get('content-type')]).toEqual([200, 'text/css; charset=utf-8']);
  });

  it('serves only the bundle: other names, other folders and other methods are refused, with no MDM call', async () => {
    const served = gateway({});
    await fetch(`${simulator.url}/__sim/stats/reset`, { method: 'POST' });
    for (const path of ['/portal/nested/secret.txt', '/portal/index.html', '/portal/..%2Fpackage.json', '/portal/x'])
      expect({ path, status: (await get(served, path)).status }).toEqual({ path, status: 404 });
    const post = await get(served, '/portal/', { method: 'POST', headers: { 'x-graphql-csrf': '1' } });
    expect(post.status).toBe(405);
    const stats = (await (await fetch(`${simulator.url}/__sim/stats`)).json()) as { total: number };
    expect(stats.total).toBe(0);
  });

  it('answers 503 naming the build command when the bundle is missing', async () => {
    const response = await get(gateway({}, { directory: join(directory, 'absent') }), '/portal/');
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('npm run portal:build');
  });

  it('is not served against a real MDM unless PORTAL=on, nor anywhere with PORTAL=off', async () => {
    expect((await get(gateway({ EPMM_URL: 'https://epmm.example.com' }), '/portal/')).status).toBe(404);
    expect((await get(gateway({ PORTAL: 'off' }), '/portal/')).status).toBe(404);
  });
});
