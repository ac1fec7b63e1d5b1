// The reference portal's live screens in chromium (examples/portal, docs/subscriptions.md): the alert inbox shows an
// alert the simulator raises, and a read-state change made elsewhere, without reading the page again; a real lock is
// followed until the MDM shows the device locked, and only then is the device page read again. The simulator is live
// (commands show on the device `actionDelayTicks` ticks later) and moves only when the test ticks it; the gateway's
// pollers never fire on a timer: the test polls with `pollAll()` and waits for what the page shows.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPortalIfNeeded, PORTAL_OUT_DIR } from '../../scripts/build-portal.mjs';
import { loadConfig } from '../../src/config.js';
import { createGateway } from '../../src/server.js';
import { adminScopes } from '../../src/simulator/fleet/admin-scopes.js';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server.js';
import type { SubscriptionHub } from '../../src/subscriptions/hub.js';
import { CHROMIUM, launchChromium } from '../helpers/browser.js';
import { serveGateway, type ServedGateway } from '../helpers/stack.js';

const HOUR_MS = '3600000';

let browser: Browser;
let simulator: RunningSimulator;
let served: ServedGateway;
let hub: SubscriptionHub;
let page: Page;
const external: string[] = [];
const pageErrors: string[] = [];

interface SeenRequest {
  method: string;
  headers: Record<string, string>;
  operationName: string | undefined;
}
/** Every request the page sent to /graphql, with all its headers (read as each was sent). */
const graphqlRequests: Array<Promise<SeenRequest>> = [];
/** The answers to the page's subscription requests: status and media type. */
const streamAnswers: Array<{ status: number; type: string }> = [];

async function seen(request: Request): Promise<SeenRequest> {
  const url = new URL(request.url());
  const body = request.postData();
  const operationName =
    url.searchParams.get('operationName') ??
    (body ? (JSON.parse(body) as { operationName?: string }).operationName : undefined);
  return { method: request.method(), headers: await request.allHeaders(), operationName: operationName ?? undefined };
}

/** The portal's subscriptions (examples/portal/src/operations). */
const SUBSCRIPTIONS: ReadonlySet<string | undefined> = new Set(['PortalAlertRaised', 'PortalActionProgress']);
const isStream = (request: SeenRequest) => SUBSCRIPTIONS.has(request.operationName);
const sent = async (operationName: string) =>
  (await Promise.all(graphqlRequests)).filter((request) => request.operationName === operationName).length;

async function tick(count: number): Promise<{ alertsRaised: number; actionsCompleted: number }> {
  const response = await fetch(`${simulator.url}/__sim/tick`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ count }),
  });
  return (await response.json()) as { alertsRaised: number; actionsCompleted: number };
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: npm test's pretest (scripts/provision.mjs) installs Debian's chromium`);
  await buildPortalIfNeeded(true);
  simulator = await startSimulator({ devices: 60, seed: 3, actionDelayTicks: 2 });
  // One tick makes the world live: from now on a lock shows on its device two ticks after it was accepted.
  await tick(1);
  const auditLogFile = join(mkdtempSync(join(tmpdir(), 'mdmgraph-portal-live-')), 'audit.jsonl');
  const gateway = createGateway(
    loadConfig({
      PORT: '0',
      LOG_LEVEL: 'silent',
      AUDIT_LOG_FILE: auditLogFile,
      SUBSCRIPTION_POLL_MS: HOUR_MS,
      SUBSCRIPTION_POLL_MAX_MS: HOUR_MS,
      SUBSCRIPTION_ACTION_POLL_MS: HOUR_MS,
    }),
    simulator.url,
    {
      graphiqlCredentials: { username: 'miadmin', password: 'miadmin' },
      passThroughScopes: adminScopes(simulator.world.admins),
      portalDirectory: PORTAL_OUT_DIR,
    },
  );
  await gateway.ready;
  hub = gateway.deps.subscriptions;
  served = await serveGateway(gateway);
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/graphql') graphqlRequests.push(seen(request));
  });
  page.on('response', async (response) => {
    const request = response.request();
    if (new URL(request.url()).pathname !== '/graphql' || !isStream(await seen(request))) return;
    streamAnswers.push({ status: response.status(), type: (await response.allHeaders())['content-type'] ?? '' });
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

describe('the reference portal, live', () => {
  it('shows an alert the MDM raises and a read-state change made elsewhere, without reading the inbox again', async () => {
    await page.goto(`${served.url}/portal/#/alerts`, { waitUntil: 'load' });
    const inboxSummary = () => page.locator('.alert-list .pager-summary').textContent();
    await expect.poll(inboxSummary, { timeout: 30_000 }).toMatch(/^Page 1 · \d+ alerts$/);
    const before = Number((await inboxSummary())?.match(/(\d+) alerts/)?.[1]);
    // The inbox subscribed; the poller's first poll (its baseline) is over once pollAll has run after it.
    await hub.whenSubscribers(1);
    await hub.pollAll();
    const inboxReads = await sent('PortalAlertInbox');

    let raised = 0;
    for (let ticks = 0; raised === 0 && ticks < 200; ticks += 1) raised = (await tick(1)).alertsRaised;
    expect(raised).toBeGreaterThan(0);
    await hub.pollAll();

    await expect.poll(inboxSummary).toBe(`Page 1 · ${before + raised} alerts`);
    const rows = await page
      .locator('.alert-row')
      .evaluateAll((elements) =>
        elements.map((row) => ({ id: row.dataset.id, arrived: row.classList.contains('arrived') })),
      );
    expect(rows.slice(0, raised).every((row) => row.arrived)).toBe(true);
    expect(rows.slice(raised).some((row) => row.arrived)).toBe(false);
    const newest = await served.gql<{ alerts: { nodes: Array<{ id: string }> } }>(
      'query ($first: Int!) { alerts(first: $first) { nodes { id } } }',
      { first: raised },
    );
    expect(rows.slice(0, raised).map((row) => row.id)).toEqual(newest.data!.alerts.nodes.map((node) => node.id));

    // Another client marks the new alert read: its row follows once the gateway has polled.
    const alertId = rows[0].id!;
    const marked = await served.gql<{ markAlertsRead: { results: Array<{ status: string }> } }>(
      'mutation ($ids: [ID!]!) { markAlertsRead(input: { ids: $ids, comments: "seen on another desk" }) { results { status } } }',
      { ids: [alertId] },
    );
    expect(marked.data!.markAlertsRead.results).toEqual([{ status: 'SUCCEEDED' }]);
    await hub.pollAll();
    await page.waitForSelector(`.alert-row[data-id="${alertId}"][data-read="true"]`);
    expect(await page.locator(`.alert-row[data-id="${alertId}"] input[type="checkbox"]`).isDisabled()).toBe(true);
    expect(await sent('PortalAlertInbox')).toBe(inboxReads);
    await page.screenshot({ path: 'test-results/portal-live-alerts.png', fullPage: true });

    // Leaving the inbox closes its stream: the gateway's subscriber (and its poller) goes.
    await page.click('nav.tabs a[data-screen="fleet"]');
    await hub.whenSubscribers(0);
    expect(hub.pollerCount).toBe(0);
  }, 90_000);

  it('follows a real lock until the MDM shows the device locked, then reads the device again', async () => {
    const { data } = await served.gql<{ devices: { nodes: Array<{ id: string; uuid: string }> } }>(
      '{ devices(first: 1, source: EPMM, filter: { status: [ACTIVE] }) { nodes { id uuid } } }',
    );
    const { id, uuid } = data!.devices.nodes[0];
    await page.goto(`${served.url}/portal/#/devices/${encodeURIComponent(id)}`);
    await page.waitForSelector('.device-details h1 .badge[data-status="ACTIVE"]');
    const deviceReads = await sent('PortalDevicePage');

    await page.selectOption('form.action-panel select[name="action"]', 'LOCK');
    await page.fill('form.action-panel input[name="note"]', 'left in a taxi');
    await page.click('form.action-panel button[name="run"]');
    const row = `.action-results[data-dry-run="false"] .action-result[data-id="${id}"]`;
    // Accepted, not yet done: the first poll finds the device still active.
    await page.waitForSelector(`${row}[data-progress="PENDING"]`);
    expect(simulator.world.devicesByUuid.get(uuid)!.status).toBe('ACTIVE');
    expect(await page.locator(`${row} .status-now .badge`).getAttribute('data-status')).toBe('ACTIVE');
    expect(await sent('PortalDevicePage')).toBe(deviceReads);

    expect((await tick(2)).actionsCompleted).toBeGreaterThan(0);
    expect(simulator.world.devicesByUuid.get(uuid)!.status).toBe('LOCKED');
    await hub.pollAll();
    await page.waitForSelector(`${row}[data-progress="SUCCEEDED"] .status-now .badge[data-status="LOCKED"]`);
    await expect.poll(() => page.locator('.action-results .live-state').textContent()).toBe('Every device is settled.');
    // Settled: the page reads the device again and shows the MDM's new status.
    await page.waitForSelector('.device-details h1 .badge[data-status="LOCKED"]');
    expect(await sent('PortalDevicePage')).toBe(deviceReads + 1);
    await hub.whenSubscribers(0);
    await page.screenshot({ path: 'test-results/portal-live-action.png', fullPage: true });
  }, 60_000);

  it('sent its subscriptions as JSON POSTs with the CSRF header and the sign-in, answered as event streams', async () => {
    const requests = await Promise.all(graphqlRequests);
    const streams = requests.filter(isStream);
    expect(streams.map((request) => request.operationName).sort()).toEqual([
      'PortalActionProgress',
      'PortalAlertRaised',
    ]);
    for (const request of streams) {
      expect(request.method).toBe('POST');
      expect(request.headers.accept).toMatch(/^text\/event-stream/);
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.headers['x-graphql-csrf']).toBe('1');
      expect(request.headers.authorization).toMatch(/^Basic /);
    }
    expect(streamAnswers).toHaveLength(2);
    for (const answer of streamAnswers) {
      expect(answer.status).toBe(200);
      expect(answer.type).toMatch(/^text\/event-stream/);
    }
    expect(requests.filter((request) => request.headers['x-graphql-csrf'] === undefined)).toEqual([]);
    expect(external).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
