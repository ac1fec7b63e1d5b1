// Users and alerts end to end: GraphQL over HTTP -> gateway -> simulator, asserting the data against the
// simulator's world and the exact upstream calls, cold (a fresh gateway and simulator) and warm.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SimAlert } from '../../src/simulator/fleet/alerts.js';
import type { SimDevice, SimUser } from '../../src/simulator/fleet/types.js';
import { basicAuthorization } from '../../src/auth/credentials.js';
import { encodeId } from '../../src/ids.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { ALERT_INBOX, PEOPLE_PAGE } from '../helpers/screens.js';

const SEARCH = 'GET /api/v2/devices';
const ALL_ALERTS = 'GET /api/v1/alerts';
const ALERTS_BY_USER = 'GET /api/v1/alerts/users/:userName';
const ALERTS_BY_PHONE = 'GET /api/v1/alerts/phones/:phoneNumber';
const FIND_USER = 'GET /api/v1/sm/users/:userName';
const LDAP_SEARCH = 'GET /api/v1/sm/users/search/ldap';
/** EPMM's page and uuid-batch limits, as docs/data-loading.md derives them. */
const EPMM_PAGE = 200;
const UUIDS_PER_SEARCH = 4;

interface PeopleData {
  users: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean };
    nodes: Array<{
      id: string;
      principal: string;
      displayName: string | null;
      devices: { totalCount: number; nodes: Array<{ uuid: string; model: string | null }> };
      unreadAlertCount: number;
    }>;
  };
}
interface AlertNode {
  id: string;
  legacyId: number;
  type: string;
  severity: string;
  status: string;
  transport: string;
  read: boolean;
  createdAt: string;
  message: string;
  device: { uuid: string; model: string | null } | null;
  user: { principal: string; displayName: string | null } | null;
}
interface InboxData {
  alerts: { totalCount: number; nodes: AlertNode[] };
}

type World = Stack['simulator']['world'];

const byPrincipal = (a: string, b: string) =>
  a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0;
/** EPMM v1 dates carry whole seconds, so alerts within one second are ordered by id. */
const seconds = (alert: SimAlert) => Math.floor(alert.alertDate / 1000);
const newestFirst = (a: SimAlert, b: SimAlert) => seconds(b) - seconds(a) || b.id - a.id;

/** Every device owner in the world (miadmin's Global space sees every device), as the gateway orders them. */
function owners(world: World): SimUser[] {
  const users = new Map<string, SimUser>();
  for (const device of world.devices) {
    const user = world.usersByUuid.get(device.userUuid);
    if (user) users.set(user.userId.toLowerCase(), user);
  }
  return [...users.values()].sort((a, b) => byPrincipal(a.userId, b.userId));
}

function devicesOf(world: World, user: SimUser): SimDevice[] {
  return world.devices.filter((device) => device.userUuid === user.uuid).sort((a, b) => a.id - b.id);
}

function unreadOf(world: World, principal: string): number {
  return world.alerts.filter((alert) => alert.isActive && alert.userName.toLowerCase() === principal.toLowerCase())
    .length;
}

/** A fresh stack per scenario: the shared cache lives as long as the gateway, so "cold" needs a new one. */
async function coldStack(): Promise<Stack> {
  const stack = await startStack({ devices: 300 });
  // Prove miadmin's credentials first, so the scenario's counts hold only its own calls.
  await stack.gql('{ viewer { name } }');
  await stack.resetUpstreamStats();
  return stack;
}

describe('scenario 3: People page (20 users, each with devices and unread alert count)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await coldStack();
  });
  afterAll(() => stack.close());

  it('answers from the world in ⌈devices / 200⌉ searches + 1 alert list cold, 0 warm', async () => {
    const world = stack.simulator.world;
    const response = await stack.gql<PeopleData>(PEOPLE_PAGE);
    expect(response.errors).toBeUndefined();
    const { users } = response.data!;
    const expected = owners(world);
    expect(users.totalCount).toBe(expected.length);
    expect(users.pageInfo.hasNextPage).toBe(expected.length > 20);
    expect(users.nodes.map((user) => user.principal)).toEqual(expected.slice(0, 20).map((user) => user.userId));
    for (const [index, node] of users.nodes.entries()) {
      const simUser = expected[index];
      const devices = devicesOf(world, simUser);
      expect(node.displayName).toBe(simUser.displayName);
      expect(node.devices.totalCount).toBe(devices.length);
      expect(node.devices.nodes).toEqual(
        devices.slice(0, 10).map((device) => ({ uuid: device.uuid, model: device.model })),
      );
      expect(node.unreadAlertCount).toBe(unreadOf(world, simUser.userId));
    }
    // The answer must not be trivially zero somewhere.
    expect(users.nodes.some((user) => user.unreadAlertCount > 0)).toBe(true);

    const cold = await stack.upstreamStats();
    expect(cold.byRoute[SEARCH]).toBe(Math.ceil(world.devices.length / EPMM_PAGE));
    expect(cold.byRoute[ALL_ALERTS]).toBe(1);
    expect(cold.total).toBe(Math.ceil(world.devices.length / EPMM_PAGE) + 1);

    await stack.resetUpstreamStats();
    const again = await stack.gql<PeopleData>(PEOPLE_PAGE);
    expect(again.data).toEqual(response.data);
    expect((await stack.upstreamStats()).total).toBe(0);
  });
});

describe('scenario 5: Alert inbox (100 newest alerts with device model and user display name)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await coldStack();
  });
  afterAll(() => stack.close());

  it('answers from the world in 1 alert list + min(⌈distinct devices / 4⌉, ⌈devices / 200⌉) searches cold, 0 warm', async () => {
    const world = stack.simulator.world;
    const response = await stack.gql<InboxData>(ALERT_INBOX);
    expect(response.errors).toBeUndefined();
    const { alerts } = response.data!;
    const expected = [...world.alerts].sort(newestFirst).slice(0, 100);
    expect(alerts.totalCount).toBe(world.alerts.length);
    expect(alerts.nodes.map((alert) => alert.legacyId)).toEqual(expected.map((alert) => alert.id));
    for (const [index, node] of alerts.nodes.entries()) {
      const simAlert = expected[index];
      const device = world.devicesByUuid.get(simAlert.deviceUuid)!;
      expect(node).toMatchObject({
        type: simAlert.type.replace(/_ALERT$/, ''),
        severity: simAlert.severity,
        status: simAlert.status,
        transport: simAlert.transport,
        // EPMM's isActive is inverted: true means unread.
        read: !simAlert.isActive,
        createdAt: new Date(seconds(simAlert) * 1000).toISOString(),
        message: simAlert.alertText,
        device: { uuid: device.uuid, model: device.model },
        user: { principal: simAlert.userName, displayName: world.usersByUuid.get(device.userUuid)!.displayName },
      });
    }
    expect(new Set(alerts.nodes.map((alert) => alert.read))).toEqual(new Set([true, false]));

    // The devices come from whichever is cheaper: searching their uuids 4 at a time, or reading the space.
    const distinctDevices = new Set(expected.map((alert) => alert.deviceUuid)).size;
    const deviceCalls = Math.min(
      Math.ceil(distinctDevices / UUIDS_PER_SEARCH),
      Math.ceil(world.devices.length / EPMM_PAGE),
    );
    expect(deviceCalls).toBe(2); // 84 devices of 300: 21 uuid searches against 2 pages
    const cold = await stack.upstreamStats();
    expect(cold.byRoute[ALL_ALERTS]).toBe(1);
    expect(cold.byRoute[SEARCH]).toBe(deviceCalls);
    expect(cold.total).toBe(1 + deviceCalls);

    await stack.resetUpstreamStats();
    const again = await stack.gql<InboxData>(ALERT_INBOX);
    expect(again.data).toEqual(response.data);
    expect((await stack.upstreamStats()).total).toBe(0);
  });
});

interface TimedCall {
  route: string;
  startMs: number;
  ms: number;
}

/** ALERT_INBOX as miadmin with `x-mdmgraph-debug: 1`: the data and the per-call timeline of the operation. */
async function timedInbox(stack: Stack): Promise<{ data?: InboxData; timeline: TimedCall[] }> {
  const response = await fetch(`${stack.gatewayUrl}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: basicAuthorization('miadmin', 'miadmin'),
      'x-mdmgraph-debug': '1',
    },
    body: JSON.stringify({ query: ALERT_INBOX }),
  });
  const body = (await response.json()) as { data?: InboxData; extensions: { upstream: { timeline: TimedCall[] } } };
  return { data: body.data, timeline: body.extensions.upstream.timeline };
}

describe('scenario 5 in 2 rounds: the first device page starts beside the alert list', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await coldStack();
    // Every call takes at least this long, so calls that overlap are told apart from calls that wait for another.
    await fetch(`${stack.simulator.url}/__sim/config`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ latencyMs: 40 }),
    });
  });
  afterAll(() => stack.close());

  it('reads the first page during E37 and the rest after that page, within the budget', async () => {
    const world = stack.simulator.world;
    const { data, timeline } = await timedInbox(stack);
    const expected = [...world.alerts].sort(newestFirst).slice(0, 100);
    expect(data!.alerts.nodes.map((alert) => [alert.legacyId, alert.device?.model])).toEqual(
      expected.map((alert) => [alert.id, world.devicesByUuid.get(alert.deviceUuid)!.model]),
    );

    const pages = Math.ceil(world.devices.length / EPMM_PAGE);
    expect(timeline.map((call) => call.route).sort()).toEqual(
      [ALL_ALERTS, ...new Array<string>(pages).fill(SEARCH)].sort(),
    );
    const list = timeline.find((call) => call.route === ALL_ALERTS)!;
    const searches = timeline.filter((call) => call.route === SEARCH).sort((a, b) => a.startMs - b.startMs);
    const ends = (call: TimedCall) => call.startMs + call.ms;
    // Round 1: the first page starts before E37 has ended.
    expect(searches[0].startMs).toBeLessThan(ends(list));
    // Round 2: the other pages need the first one's total, and start together once it has come back.
    for (const later of searches.slice(1)) {
      expect(later.startMs).toBeGreaterThanOrEqual(ends(searches[0]));
      expect(later.startMs).toBeLessThan(Math.min(...searches.slice(1).map(ends)));
    }
  });

  it('does not start the page when the alert list is cached (the plan runs at once on its uuids)', async () => {
    await stack.resetUpstreamStats();
    const { timeline } = await timedInbox(stack);
    expect(timeline).toEqual([]);
  });
});

/** The uuids of the space's first page: EPMM orders a query-less search by `common.id`. */
function firstPageUuids(world: World): Set<string> {
  return new Set(
    [...world.devices]
      .sort((a, b) => a.id - b.id)
      .slice(0, EPMM_PAGE)
      .map((device) => device.uuid),
  );
}

/** The alerts of a user none of whose alerts' devices is on the first page (which could stand in for a search). */
function alertsOfUserOffFirstPage(world: World): SimAlert[] {
  const firstPage = firstPageUuids(world);
  const alertsOf = (principal: string) =>
    world.alerts.filter((alert) => alert.userName.toLowerCase() === principal.toLowerCase());
  return alertsOf(
    world.alerts.find((candidate) => alertsOf(candidate.userName).every((alert) => !firstPage.has(alert.deviceUuid)))!
      .userName,
  );
}

describe('devices of alerts: the first page is started early only where the plan would read it', () => {
  const INBOX_20 = `{ alerts(first: 20) { nodes { legacyId device { uuid model } } } }`;
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ devices: 2000 });
    await stack.gql('{ viewer { name } }');
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.resetUpstreamStats());

  it("a user's alerts (E39) with their devices: uuid searches only, no page started", async () => {
    const world = stack.simulator.world;
    const mine = alertsOfUserOffFirstPage(world);
    const response = await stack.gql<{ alerts: { nodes: Array<{ device: { uuid: string } | null }> } }>(
      `query($p: String) { alerts(first: 100, filter: { userPrincipal: $p }) { nodes { device { uuid } } } }`,
      { p: mine[0].userName },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.alerts.nodes.map((alert) => alert.device?.uuid).sort()).toEqual(
      mine.map((alert) => alert.deviceUuid).sort(),
    );
    const distinct = new Set(mine.map((alert) => alert.deviceUuid)).size;
    expect(distinct).toBeLessThanOrEqual(UUIDS_PER_SEARCH);
    const stats = await stack.upstreamStats();
    expect(stats.byRoute[ALERTS_BY_USER]).toBe(1);
    expect(stats.byRoute[SEARCH]).toBe(1);
  });

  it('cold, the early page is one the plan reads; after the list alone is invalidated, E37 and no device call', async () => {
    const world = stack.simulator.world;
    const expected = [...world.alerts].sort(newestFirst).slice(0, 20);
    const cold = await stack.gql<{
      alerts: { nodes: Array<{ legacyId: number; device: { uuid: string; model: string | null } }> };
    }>(INBOX_20);
    expect(cold.data!.alerts.nodes).toEqual(
      expected.map((alert) => ({
        legacyId: alert.id,
        device: { uuid: alert.deviceUuid, model: world.devicesByUuid.get(alert.deviceUuid)!.model },
      })),
    );
    // As the plan without the early start: the first page, then the devices not on it 4 at a time (the previous
    // test cached the devices of one user's alerts).
    const mine = new Set(alertsOfUserOffFirstPage(world).map((alert) => alert.deviceUuid));
    const firstPage = firstPageUuids(world);
    const stillMissing = new Set(
      expected.map((alert) => alert.deviceUuid).filter((uuid) => !mine.has(uuid) && !firstPage.has(uuid)),
    );
    const stats = await stack.upstreamStats();
    expect(stats.byRoute[ALL_ALERTS]).toBe(1);
    expect(stats.byRoute[SEARCH]).toBe(1 + Math.ceil(stillMissing.size / UUIDS_PER_SEARCH));

    // Marking an alert read drops the alert lists only; the devices they name are still cached.
    const marked = await stack.gql<{ markAlertsRead: { results: Array<{ status: string }> } }>(
      `mutation($input: MarkAlertsInput!) { markAlertsRead(input: $input) { results { status } } }`,
      { input: { ids: [encodeId('Alert', 'EPMM', String(expected[0].id))], comments: 'seen' } },
    );
    expect(marked.data!.markAlertsRead.results).toEqual([{ status: 'SUCCEEDED' }]);
    await stack.resetUpstreamStats();
    const again = await stack.gql<{ alerts: { nodes: Array<{ legacyId: number; device: { uuid: string } }> } }>(
      INBOX_20,
    );
    expect(again.data!.alerts.nodes.map((alert) => alert.device.uuid)).toEqual(
      expected.map((alert) => alert.deviceUuid),
    );
    expect((await stack.upstreamStats()).byRoute).toEqual({ [ALL_ALERTS]: 1 });
  });
});

describe('devices of alerts: uuid searches or a space scan, whichever is cheaper', () => {
  const SMALL_INBOX = `query($first: Int) { alerts(first: $first) { nodes { legacyId device { uuid model } } } }`;
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ devices: 2000 });
    await stack.gql('{ viewer { name } }');
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.resetUpstreamStats());

  it('a few alerts: one uuid search', async () => {
    const world = stack.simulator.world;
    const response = await stack.gql<{
      alerts: { nodes: Array<{ legacyId: number; device: { uuid: string; model: string | null } }> };
    }>(SMALL_INBOX, { first: 3 });
    const expected = [...world.alerts].sort(newestFirst).slice(0, 3);
    expect(response.data!.alerts.nodes).toEqual(
      expected.map((alert) => ({
        legacyId: alert.id,
        device: { uuid: alert.deviceUuid, model: world.devicesByUuid.get(alert.deviceUuid)!.model },
      })),
    );
    const stats = await stack.upstreamStats();
    expect(stats.byRoute[SEARCH]).toBe(1);
    expect(stats.total).toBe(2);
  });

  it('more alerts in a large space: the first page, then uuid searches for the devices not on it', async () => {
    const world = stack.simulator.world;
    const response = await stack.gql<{ alerts: { nodes: Array<{ legacyId: number; device: { uuid: string } }> } }>(
      SMALL_INBOX,
      { first: 20 },
    );
    const expected = [...world.alerts].sort(newestFirst).slice(0, 20);
    expect(response.data!.alerts.nodes.map((alert) => alert.device.uuid)).toEqual(
      expected.map((alert) => alert.deviceUuid),
    );
    // The three alerts of the previous test are cached; EPMM's order (common.id) decides the first page.
    const cachedUuids = new Set(
      [...world.alerts]
        .sort(newestFirst)
        .slice(0, 3)
        .map((alert) => alert.deviceUuid),
    );
    const firstPage = new Set(
      [...world.devices]
        .sort((a, b) => a.id - b.id)
        .slice(0, EPMM_PAGE)
        .map((device) => device.uuid),
    );
    const stillMissing = new Set(
      expected.map((alert) => alert.deviceUuid).filter((uuid) => !cachedUuids.has(uuid) && !firstPage.has(uuid)),
    );
    const remainingPages = Math.ceil((world.devices.length - EPMM_PAGE) / EPMM_PAGE);
    expect(Math.ceil(stillMissing.size / UUIDS_PER_SEARCH)).toBeLessThan(remainingPages);
    const stats = await stack.upstreamStats();
    expect(stats.byRoute[SEARCH]).toBe(1 + Math.ceil(stillMissing.size / UUIDS_PER_SEARCH));
    // E37 is still cached from the previous test.
    expect(stats.total).toBe(stats.byRoute[SEARCH]);
  });
});

describe('users, alerts and their relationships', () => {
  let stack: Stack;
  let world: World;
  beforeAll(async () => {
    stack = await startStack({ devices: 300 });
    world = stack.simulator.world;
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.resetUpstreamStats());

  it('user(principal) reads the account (E34) with its source; an unknown login is null', async () => {
    const ldapUser = world.users.find((user) => user.source === 'LDAP')!;
    const localUser = world.users.find((user) => user.source === 'LOCAL')!;
    const query = `query($p: String!) { user(principal: $p) { principal displayName email userSource } }`;
    for (const simUser of [ldapUser, localUser]) {
      const response = await stack.gql<{ user: Record<string, unknown> }>(query, { p: simUser.userId });
      expect(response.data!.user).toEqual({
        principal: simUser.userId,
        displayName: simUser.displayName,
        email: simUser.email,
        userSource: simUser.source,
      });
    }
    const missing = await stack.gql<{ user: null }>(query, { p: 'nobody-such-user' });
    expect(missing.errors).toBeUndefined();
    expect(missing.data!.user).toBeNull();
    const stats = await stack.upstreamStats();
    expect(stats.byRoute[FIND_USER]).toBe(3);
  });

  it('users(search) merges the LDAP prefix search with the exact account, in 2 calls', async () => {
    const ldapUser = world.users.find((user) => user.source === 'LDAP')!;
    const prefix = ldapUser.userId.slice(0, Math.max(2, ldapUser.userId.length - 1));
    const response = await stack.gql<{
      users: { totalCount: number; nodes: Array<{ principal: string; userSource: string | null }> };
    }>(`query($s: String) { users(search: $s, first: 200) { totalCount nodes { principal userSource } } }`, {
      s: prefix,
    });
    expect(response.errors).toBeUndefined();
    const expected = world.users
      .filter(
        (user) =>
          (user.source === 'LDAP' && user.userId.toLowerCase().startsWith(prefix.toLowerCase())) ||
          user.userId.toLowerCase() === prefix.toLowerCase(),
      )
      .sort((a, b) => byPrincipal(a.userId, b.userId));
    expect(response.data!.users.nodes).toEqual(
      expected.map((user) => ({ principal: user.userId, userSource: user.source })),
    );
    expect(response.data!.users.totalCount).toBe(expected.length);
    const stats = await stack.upstreamStats();
    expect(stats.byRoute[LDAP_SEARCH]).toBe(1);
    expect(stats.byRoute[FIND_USER]).toBe(1);
    expect(stats.total).toBe(2 + (stats.byRoute['GET /api/v2/device_spaces/mine'] ?? 0));
  });

  it('a one-character search is refused before any upstream call', async () => {
    await stack.gql('{ viewer { name } }');
    await stack.resetUpstreamStats();
    const response = await stack.gql(`{ users(search: "a") { totalCount } }`);
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await stack.upstreamStats()).total).toBe(0);
  });

  it('alerts(filter: {userPrincipal, read}) asks EPMM by user (E39) and applies type and severity itself', async () => {
    const simAlert = world.alerts.find((alert) => alert.isActive)!;
    const query = `query($f: AlertFilter) { alerts(filter: $f, first: 200) { totalCount nodes { legacyId read user { principal } } } }`;
    const filter = {
      userPrincipal: simAlert.userName,
      read: false,
      severity: [simAlert.severity],
      type: [simAlert.type.replace(/_ALERT$/, '')],
    };
    const response = await stack.gql<{
      alerts: { totalCount: number; nodes: Array<{ legacyId: number; read: boolean }> };
    }>(query, { f: filter });
    expect(response.errors).toBeUndefined();
    const expected = world.alerts
      .filter(
        (alert) =>
          alert.userName === simAlert.userName &&
          alert.isActive &&
          alert.severity === simAlert.severity &&
          alert.type === simAlert.type,
      )
      .sort(newestFirst);
    expect(response.data!.alerts.nodes.map((alert) => alert.legacyId)).toEqual(expected.map((alert) => alert.id));
    expect(response.data!.alerts.nodes.every((alert) => !alert.read)).toBe(true);
    const stats = await stack.upstreamStats();
    expect(stats.byRoute[ALERTS_BY_USER]).toBe(1);
    expect(stats.byRoute[ALL_ALERTS]).toBeUndefined();
  });

  it('alerts(filter: {phoneNumber, createdAfter}) asks EPMM by phone (E38); a bad phone never reaches EPMM', async () => {
    const simAlert = world.alerts.find((alert) => world.devicesByUuid.get(alert.deviceUuid)?.phoneNumber)!;
    const phone = world.devicesByUuid.get(simAlert.deviceUuid)!.phoneNumber!.replace(/\D/g, '');
    const after = new Date((seconds(simAlert) - 1) * 1000).toISOString();
    const query = `query($f: AlertFilter) { alerts(filter: $f, first: 200) { nodes { legacyId device { phoneNumber } } } }`;
    const response = await stack.gql<{ alerts: { nodes: Array<{ legacyId: number }> } }>(query, {
      f: { phoneNumber: phone, createdAfter: after },
    });
    expect(response.errors).toBeUndefined();
    const ids = response.data!.alerts.nodes.map((alert) => alert.legacyId);
    expect(ids).toContain(simAlert.id);
    for (const id of ids) {
      const alert = world.alertsById.get(id)!;
      expect(seconds(alert)).toBeGreaterThan(seconds(simAlert) - 1);
      expect(
        world.devicesByUuid.get(alert.deviceUuid)!.phoneNumber!.replace(/\D/g, '').endsWith(phone.slice(-10)),
      ).toBe(true);
    }
    expect((await stack.upstreamStats()).byRoute[ALERTS_BY_PHONE]).toBe(1);

    await stack.resetUpstreamStats();
    const bad = await stack.gql(query, { f: { phoneNumber: '12; DROP' } });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await stack.upstreamStats()).total).toBe(0);
  });

  it('device.alerts, user.alerts and node(alert id) agree with the world and share one E37 read', async () => {
    const simAlert = world.alerts.find((alert) => alert.labelId > 0)!;
    const device = world.devicesByUuid.get(simAlert.deviceUuid)!;
    const query = `query($uuid: String!, $p: String!) {
      device(uuid: $uuid) { alerts(first: 50) { totalCount nodes { id legacyId label { legacyId } } } }
      user(principal: $p) { alerts(first: 50, filter: { read: ${!simAlert.isActive} }) { nodes { legacyId read } } unreadAlertCount }
    }`;
    const response = await stack.gql<{
      device: {
        alerts: {
          totalCount: number;
          nodes: Array<{ id: string; legacyId: number; label: { legacyId: number } | null }>;
        };
      };
      user: { alerts: { nodes: Array<{ legacyId: number; read: boolean }> }; unreadAlertCount: number };
    }>(query, { uuid: device.uuid, p: simAlert.userName });
    expect(response.errors).toBeUndefined();
    const deviceAlerts = world.alerts.filter((alert) => alert.deviceUuid === device.uuid).sort(newestFirst);
    expect(response.data!.device.alerts.nodes.map((alert) => alert.legacyId)).toEqual(
      deviceAlerts.map((alert) => alert.id),
    );
    expect(response.data!.device.alerts.nodes.find((alert) => alert.legacyId === simAlert.id)!.label).toEqual({
      legacyId: simAlert.labelId,
    });
    const userAlerts = world.alerts
      .filter((alert) => alert.userName === simAlert.userName && alert.isActive === simAlert.isActive)
      .sort(newestFirst);
    expect(response.data!.user.alerts.nodes).toEqual(
      userAlerts.map((alert) => ({ legacyId: alert.id, read: !alert.isActive })),
    );
    expect(response.data!.user.unreadAlertCount).toBe(unreadOf(world, simAlert.userName));
    expect((await stack.upstreamStats()).byRoute[ALL_ALERTS]).toBe(1);

    const id = response.data!.device.alerts.nodes.find((alert) => alert.legacyId === simAlert.id)!.id;
    await stack.resetUpstreamStats();
    const node = await stack.gql<{ node: { __typename: string; legacyId: number } }>(
      `query($id: ID!) { node(id: $id) { __typename ... on Alert { legacyId } } }`,
      { id },
    );
    expect(node.data!.node).toEqual({ __typename: 'Alert', legacyId: simAlert.id });
    // The alert list is still cached.
    expect((await stack.upstreamStats()).total).toBe(0);
  });

  it('two admins loading the People page at once each see only their own space', async () => {
    const [all, emea] = await Promise.all([
      stack.gql<PeopleData>(PEOPLE_PAGE),
      stack.gql<PeopleData>(PEOPLE_PAGE, {}, 'emea'),
    ]);
    expect(all.errors).toBeUndefined();
    expect(emea.errors).toBeUndefined();
    const emeaSpace = world.spaces.find((space) => space.name === 'EMEA')!;
    const emeaDevices = world.devices.filter((device) => device.spaceId === emeaSpace.id);
    const emeaOwners = new Set(emeaDevices.map((device) => world.usersByUuid.get(device.userUuid)!.userId));
    expect(emea.data!.users.totalCount).toBe(emeaOwners.size);
    expect(all.data!.users.totalCount).toBe(owners(world).length);
    expect(emeaOwners.size).toBeLessThan(owners(world).length);
    for (const user of emea.data!.users.nodes) {
      expect(emeaOwners.has(user.principal)).toBe(true);
      const simUser = world.users.find((candidate) => candidate.userId === user.principal)!;
      expect(user.devices.totalCount).toBe(emeaDevices.filter((device) => device.userUuid === simUser.uuid).length);
    }
  });

  it('an admin of one space sees only the alerts of devices in that space', async () => {
    const response = await stack.gql<{
      alerts: { totalCount: number; nodes: Array<{ device: { uuid: string } | null }> };
    }>(`{ alerts(first: 200) { totalCount nodes { device { uuid } } } }`, {}, 'emea');
    expect(response.errors).toBeUndefined();
    const emea = world.admins.find((admin) => admin.name === 'emea')!;
    const visible = world.alerts.filter((alert) =>
      emea.spaceIds.includes(world.devicesByUuid.get(alert.deviceUuid)!.spaceId),
    );
    expect(visible.length).toBeLessThan(world.alerts.length);
    expect(response.data!.alerts.totalCount).toBe(visible.length);
  });
});

describe('a failing alert list leaves the rest of the page', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ devices: 300 });
  });
  afterAll(async () => {
    await fetch(`${stack.simulator.url}/__sim/config`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ faults: [] }),
    });
    await stack.close();
  });

  it('device and user fields still answer; alerts and counts are null with an upstream error', async () => {
    await fetch(`${stack.simulator.url}/__sim/config`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ faults: [{ route: ALL_ALERTS, status: 500 }] }),
    });
    const simDevice = stack.simulator.world.devices[0];
    const response = await stack.gql<{
      device: { model: string | null; alerts: null; user: { principal: string; unreadAlertCount: number | null } };
    }>(
      `query($uuid: String!) { device(uuid: $uuid) { model alerts { totalCount } user { principal unreadAlertCount } } }`,
      { uuid: simDevice.uuid },
    );
    expect(response.data!.device.model).toBe(simDevice.model);
    expect(response.data!.device.alerts).toBeNull();
    expect(response.data!.device.user.unreadAlertCount).toBeNull();
    expect(response.data!.device.user.principal).toBe(
      stack.simulator.world.usersByUuid.get(simDevice.userUuid)!.userId,
    );
    expect(response.errors?.map((error) => [error.path?.join('.'), error.extensions?.code]).sort()).toEqual([
      ['device.alerts', 'UPSTREAM_ERROR'],
      ['device.user.unreadAlertCount', 'UPSTREAM_ERROR'],
    ]);
  });
});
