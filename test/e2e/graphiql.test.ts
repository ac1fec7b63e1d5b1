// A person's view: Debian's chromium (through playwright-core) opens GraphiQL with the network to the
// outside cut off, runs the default query and sees devices.
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { CHROMIUM, launchChromium } from '../helpers/browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuthorization } from '../../src/auth/credentials.js';
import { loadConfig } from '../../src/config.js';
import { createGateway } from '../../src/server.js';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server.js';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

let browser: Browser;
let simulator: RunningSimulator;
let server: Server;
let url: string;
let gatewayClose: () => Promise<void>;

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `${CHROMIUM} is missing: npm test's pretest (scripts/provision.mjs) installs Debian's chromium (apt-get install chromium)`,
    );
  simulator = await startSimulator({ devices: 60, seed: 3 });
  const gateway = createGateway(loadConfig({ PORT: '0', LOG_LEVEL: 'silent' }), simulator.url, {
    graphiqlCredentials: { username: 'miadmin', password: 'miadmin' },
  });
  gatewayClose = gateway.close;
  server = createServer(gateway.yoga);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await gatewayClose?.();
  await simulator?.close();
});

describe('GraphiQL in a browser', () => {
  it('loads offline, runs the default query and shows devices', async () => {
    const page = await browser.newPage();
    const external: string[] = [];
    // Anything not served by this machine is refused, as on a customer network without internet.
    await page.route('**/*', (route) => {
      const target = new URL(route.request().url());
      if (target.hostname === '127.0.0.1' || target.protocol === 'blob:' || target.protocol === 'data:')
        return route.continue();
      external.push(target.href);
      return route.abort();
    });
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForSelector('.graphiql-execute-button', { timeout: 30_000 });
    await page.waitForFunction(
      () => document.querySelector('.graphiql-query-editor')?.textContent?.includes('FleetPage'),
      undefined,
      { timeout: 30_000 },
    );
    await page.click('.graphiql-execute-button');
    // Several operations in the document: GraphiQL asks which one to run.
    const choice = page.locator('[role="menuitem"]', { hasText: 'FleetPage' });
    if (
      await choice.count().then(
        (n) => n > 0,
        () => false,
      )
    )
      await choice.first().click();
    await page.waitForFunction(
      () => document.querySelector('.graphiql-response')?.textContent?.includes('totalCount'),
      undefined,
      { timeout: 30_000 },
    );
    const text = (await page.locator('.graphiql-response').textContent()) ?? '';
    // FleetPage lists EPMM's 60 devices merged with the embedded Neurons' ones (no `source`).
    const neurons = (await (
      await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Basic ${Buffer.from('miadmin:miadmin').toString('base64')}`,
        },
        body: JSON.stringify({ query: '{ devices(first: 0, source: NEURONS) { totalCount } }' }),
      })
    ).json()) as { data: { devices: { totalCount: number } } };
    expect(neurons.data.devices.totalCount).toBeGreaterThan(0);
    // Every simulated Neurons device is the twin of an EPMM device: the default list counts each device once.
    expect(text).toMatch(/"totalCount":\s*60\b/);
    expect(text).toContain('"platform"');
    await page.screenshot({ path: 'test-results/graphiql.png' });
    expect(external).toEqual([]);
  }, 90_000);

  it('the page is pre-authenticated only in its headers tab; the endpoint still refuses anonymous calls', async () => {
    const html = await (await fetch(url, { headers: { accept: 'text/html' } })).text();
    expect(html).toContain(JSON.stringify(basicAuthorization('miadmin', 'miadmin')).slice(1, -1));
    expect(html).not.toMatch(/unpkg\.com|jsdelivr|cdnjs/);
    const anonymous = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ viewer { name } }"}',
    });
    expect(anonymous.status).toBe(401);
  });
});
