// The reference portal (examples/portal) in chromium, served by a gateway over the simulator as in the embedded
// default (signed in through its page, like GraphiQL): the fleet list pages and filters, a device page shows its
// user, labels, policies and compliance, a dry-run lock changes nothing upstream, a lock locks, and the alert inbox
// marks an alert read. The network outside this machine is cut off.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPortalIfNeeded, PORTAL_OUT_DIR } from '../../scripts/build-portal.mjs';
import { loadConfig } from '../../src/config.js';
import { createGateway } from '../../src/server.js';
import { adminScopes } from '../../src/simulator/fleet/admin-scopes.js';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server.js';
import { CHROMIUM, launchChromium } from '../helpers/browser.js';
import { serveGateway, type ServedGateway } from '../helpers/stack.js';

const LOCK_ROUTE = 'PUT /api/v2/devices/lock';
/** Routes a mutation sends under the state-change permit; GETs and V01's POST search are reads. */
const isStateChange = (route: string) => !route.startsWith('GET ') && route !== 'POST /api/v2/devices';
const FILTER = { platform: ['IOS'], status: ['ACTIVE'], compliant: false };

let browser: Browser;
let simulator: RunningSimulator;
let served: ServedGateway;
let page: Page;
const external: string[] = [];
const pageErrors: string[] = [];
/** Every request the page sent to /graphql, with whether it carried the CSRF header. */
const graphqlRequests: Array<{ method: string; csrf: boolean }> = [];

async function upstreamCalls(): Promise<Record<string, number>> {
  return ((await (await fetch(`${simulator.url}/__sim/stats`)).json()) as { byRoute: Record<string, number> }).byRoute;
}

async function resetUpstreamCalls(): Promise<void> {
  await fetch(`${simulator.url}/__sim/stats/reset`, { method: 'POST' });
}

const stateChanges = (byRoute: Record<string, number>) =>
  Object.fromEntries(Object.entries(byRoute).filter(([route]) => isStateChange(route)));

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: npm test's pretest (scripts/provision.mjs) installs Debian's chromium`);
  await buildPortalIfNeeded(true);
  simulator = await startSimulator({ devices: 60, seed: 3 });
  const auditLogFile = join(mkdtempSync(join(tmpdir(), 'mdmgraph-portal-')), 'audit.jsonl');
  const gateway = createGateway(
    loadConfig({ PORT: '0', LOG_LEVEL: 'silent', AUDIT_LOG_FILE: auditLogFile }),
    simulator.url,
    {
      graphiqlCredentials: { username: 'miadmin', password: 'miadmin' },
      passThroughScopes: adminScopes(simulator.world.admins),
      portalDirectory: PORTAL_OUT_DIR,
    },
  );
  served = await serveGateway(gateway);
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/graphql')
      graphqlRequests.push({ method: request.method(), csrf: request.headers()['x-graphql-csrf'] !== undefined });
  });
  await page.route('**/*', (route) => {
    const target = new URL(route.request().url());
    if (target.hostname === '127.0.0.1') return route.continue();
    external.push(target.href);
    return route.abort();
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await served?.close();
  await simulator?.close();
});

const summary = () => page.locator('.fleet-list .pager-summary');
const firstRowId = () => page.locator('.device-row').first().getAttribute('data-id');

describe('the reference portal in a browser', () => {
  it('lists the fleet, pages forwards and back, and filters', async () => {
    await page.goto(`${served.url}/portal`, { waitUntil: 'load' });
    await expect.poll(() => summary().textContent(), { timeout: 30_000 }).toBe('Page 1 · 60 devices');
    expect(await page.locator('.device-row').count()).toBe(20);
    expect(await page.locator('header .viewer').textContent()).toContain('miadmin');
    const first = await firstRowId();

    await page.click('.fleet-list button[name="next"]');
    await expect.poll(() => summary().textContent()).toBe('Page 2 · 60 devices');
    expect(await firstRowId()).not.toBe(first);
    await page.click('.fleet-list button[name="previous"]');
    await expect.poll(() => summary().textContent()).toBe('Page 1 · 60 devices');
    expect(await firstRowId()).toBe(first);

    const expected = await served.gql<{ devices: { totalCount: number; nodes: Array<{ id: string }> } }>(
      'query ($filter: DeviceFilter) { devices(first: 20, filter: $filter) { totalCount nodes { id } } }',
      { filter: FILTER },
    );
    await page.selectOption('form.filters select[name="platform"]', 'IOS');
    await page.selectOption('form.filters select[name="status"]', 'ACTIVE');
    await page.selectOption('form.filters select[name="compliance"]', 'NON_COMPLIANT');
    await page.click('form.filters button[type="submit"]');
    await expect.poll(() => summary().textContent()).toBe(`Page 1 · ${expected.data!.devices.totalCount} devices`);
    const rows = await page.locator('.device-row').evaluateAll((elements) => elements.map((row) => row.dataset.id));
    expect(rows).toEqual(expected.data!.devices.nodes.map((node) => node.id));
  }, 90_000);

  it('opens a device: its user, labels, policies, posture and compliance reasons', async () => {
    const id = (await firstRowId())!;
    const { data } = await served.gql<{
      device: {
        displayName: string;
        user: { principal: string };
        labels: Array<{ name: string }>;
        policies: Array<{ name: string }>;
        complianceState: { nonCompliance: string[] };
        osBuild: string | null;
      };
    }>(
      `query ($id: ID!) { device(id: $id) { displayName user { principal } labels { name }
        policies { name } complianceState { nonCompliance } osBuild } }`,
      { id },
    );
    const device = data!.device;
    expect(device.labels.length).toBeGreaterThan(0);
    expect(device.policies.length).toBeGreaterThan(0);
    expect(device.complianceState.nonCompliance.length).toBeGreaterThan(0);

    await page.click(`.device-row[data-id="${id}"] a`);
    await page.waitForSelector('.device-details h1');
    expect(await page.locator('.device-details h1').textContent()).toContain(device.displayName);
    const card = (title: string) => page.locator(`.card[data-card="${title}"]`).textContent();
    expect(await card('User')).toContain(device.user.principal);
    for (const label of device.labels) expect(await card('Labels')).toContain(label.name);
    for (const policy of device.policies) expect(await card('Policies')).toContain(policy.name);
    const compliance = (await card('Compliance'))!.toLowerCase();
    for (const reason of device.complianceState.nonCompliance)
      expect(compliance).toContain(reason.toLowerCase().replace(/_/g, ' '));
    expect(await card('Posture')).toContain(device.osBuild ?? '—');
    expect(await page.locator('.device-details h1 .badge').getAttribute('data-status')).toBe('ACTIVE');
  }, 60_000);

  it('a dry-run lock reports the device and changes nothing; the lock locks it', async () => {
    const id = decodeURIComponent(new URL(page.url()).hash.replace('#/devices/', ''));
    const statusUpstream = async () => {
      const { data } = await served.gql<{ node: { uuid: string } }>(
        'query ($id: ID!) { node(id: $id) { ... on Device { uuid } } }',
        { id },
      );
      return simulator.world.devicesByUuid.get(data!.node.uuid)!.status;
    };
    expect(await statusUpstream()).toBe('ACTIVE');

    await resetUpstreamCalls();
    await page.fill('form.action-panel input[name="note"]', 'lost on a train');
    await page.click('form.action-panel button[name="dry-run"]');
    await page.waitForSelector('.action-results[data-dry-run="true"] .action-result');
    expect(await page.locator(`.action-result[data-id="${id}"] .badge`).first().getAttribute('data-status')).toBe(
      'DRY_RUN',
    );
    expect(stateChanges(await upstreamCalls())).toEqual({});
    expect(await statusUpstream()).toBe('ACTIVE');
    expect(await page.locator('.device-details h1 .badge').getAttribute('data-status')).toBe('ACTIVE');

    await resetUpstreamCalls();
    await page.click('form.action-panel button[name="run"]');
    await page.waitForSelector('.action-results[data-dry-run="false"] .action-result');
    expect(await page.locator(`.action-result[data-id="${id}"] .badge`).first().getAttribute('data-status')).toBe(
      'SUCCEEDED',
    );
    expect(stateChanges(await upstreamCalls())).toEqual({ [LOCK_ROUTE]: 1 });
    expect(await statusUpstream()).toBe('LOCKED');
    // The page reads the device again once the action has settled (at its first poll: this simulator is not live,
    // so the lock shows at once): its status is the MDM's new one.
    await page.waitForSelector('.device-details h1 .badge[data-status="LOCKED"]');
    await page.screenshot({ path: 'test-results/portal-device.png', fullPage: true });
  }, 60_000);

  it('opens the alert inbox and marks an alert read', async () => {
    const unread = async () =>
      (
        await served.gql<{ alerts: { totalCount: number } }>(
          '{ alerts(first: 0, filter: { read: false }) { totalCount } }',
        )
      ).data!.alerts.totalCount;
    const before = await unread();
    expect(before).toBeGreaterThan(0);
    await page.click('nav.tabs a[data-screen="alerts"]');
    const inboxSummary = () => page.locator('.alert-list .pager-summary').textContent();
    await expect.poll(inboxSummary, { timeout: 30_000 }).toBe(`Page 1 · ${before} alerts`);
    const alertId = (await page.locator('.alert-row').first().getAttribute('data-id'))!;

    await page.check(`.alert-row[data-id="${alertId}"] input[type="checkbox"]`);
    await page.fill('form.mark-read input[name="comments"]', 'seen by the help desk');
    await page.click('form.mark-read button[type="submit"]');
    await page.waitForSelector(`.mark-results li[data-id="${alertId}"] .badge[data-status="SUCCEEDED"]`);
    await expect.poll(inboxSummary).toBe(`Page 1 · ${before - 1} alerts`);
    expect(await unread()).toBe(before - 1);
    await page.screenshot({ path: 'test-results/portal-alerts.png', fullPage: true });
  }, 60_000);

  it('sent the CSRF header with every request, reached nothing outside and threw nothing', () => {
    expect(graphqlRequests.length).toBeGreaterThan(0);
    expect(graphqlRequests.filter((request) => !request.csrf)).toEqual([]);
    expect(external).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
