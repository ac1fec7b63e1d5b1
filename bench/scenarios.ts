// What the harness measures: the five screens of the read-graph issue (the exact operations of their
// integration tests), the device-action burst, the one-call query the raw proxy is compared with, and
// `{ __typename }`. Each pairs the GraphQL operation with the direct client's optimal calls for the same data.
import { encodeId } from '../src/ids.js';
import { encodeCursor } from '../src/pagination.js';
import type { DirectRestClient } from './direct-client.js';
import { ALERT_INBOX, DEVICE_PAGE, DRILL_DOWN, FLEET_PAGE, PEOPLE_PAGE } from '../test/helpers/screens.js';

/** What the simulator process tells the harness about its fleet. */
export interface Facts {
  devicePageUuid: string;
  lockUuids: string[];
}

export type GatewayTarget = 'warm' | 'cold' | 'off';

export interface GraphQLRequest {
  query: string;
  variables?: Record<string, unknown>;
}

/** Sends one request to the gateway and returns its `data`. */
export type GatewayRun = (request: GraphQLRequest) => Promise<Record<string, unknown>>;

export interface Scenario {
  name: string;
  /** The operation (one request). */
  graphql(facts: Facts, index: number): GraphQLRequest;
  /** Instead of `graphql`: an operation of several requests, each built from the answers before it. */
  gatewayOperation?(run: GatewayRun, facts: Facts, index: number): Promise<void>;
  direct?(client: DirectRestClient, facts: Facts, index: number): Promise<void>;
  /** A raw-proxy request for the same single call (the one-call query only). */
  rawProxyPath?(client: DirectRestClient, index: number): string;
  /** Dependent rounds of the optimal plan: the latency floor is rounds × injected latency. */
  rounds: number;
  /** Why the direct client's count is the minimum (docs/data-loading.md). */
  minimum: string;
  targets: GatewayTarget[];
}

// The five screens come from test/helpers/screens.ts (the fleet page reads EPMM only, as the direct client does).

const LOCK_DEVICES = `mutation LockBurst($ids: [ID!]!) {
  lockDevices(input: { ids: $ids, note: "benchmark burst" }) { results { id status } userErrors { message } }
}`;

/**
 * A device list as an admin UI shows it before a bulk action, a few columns each. Active or locked: a lock
 * makes a device LOCKED, so the same 20 devices are listed and locked again every operation.
 */
const LOCK_LIST = `query LockList { devices(first: 20, filter: { status: [ACTIVE, LOCKED] }, source: EPMM) { nodes { id name model status user { displayName } } } }`;
const LOCK_LIST_QUERY = '("common.status" = "ACTIVE" OR "common.status" = "LOCKED")';
const LOCK_LIST_FIELDS = [
  'common.uuid',
  'common.model',
  'common.status',
  'ios.DeviceName',
  'user.user_id',
  'user.display_name',
  'user.email_address',
  'user.first_name',
  'user.last_name',
];

/**
 * The one-call query: a different page every time, so each operation is exactly one device search, on any
 * cache. 8,100 distinct pages (offsets 1-900 of the 1,000-device fleet, sizes 46-54, 50 on average) before one
 * repeats: more than an autocannon run sends, so its "cold" gateway never answers from its page cache either.
 */
const ONE_CALL = `query($first: Int!, $after: String) { devices(first: $first, after: $after, source: EPMM) { totalCount nodes { id name platform osVersion model status compliant lastCheckInAt user { principal displayName email } } } }`;
const ONE_CALL_FIELDS = [
  'common.uuid',
  'common.platform',
  'common.os_version',
  'common.model',
  'common.status',
  'common.compliant',
  'common.last_connected_at',
  'ios.DeviceName',
  'user.user_id',
  'user.display_name',
  'user.email_address',
];
const oneCallPage = (index: number) => ({ offset: (index % 900) + 1, limit: 46 + (Math.floor(index / 900) % 9) });

const SCREENS: GatewayTarget[] = ['warm', 'cold', 'off'];

export const SCENARIOS: Scenario[] = [
  {
    name: 'fleet page (screen 1)',
    graphql: () => ({ query: FLEET_PAGE }),
    direct: (client) => client.fleetPage(),
    rounds: 2,
    minimum:
      "1 search + 50 V25 + 1 DS01 for a client reading each device; the gateway's members plan reads each label once instead (docs/data-loading.md)",
    targets: SCREENS,
  },
  {
    name: 'device page (screen 2)',
    graphql: (facts) => ({ query: DEVICE_PAGE, variables: { uuid: facts.devicePageUuid } }),
    direct: (client, facts) => client.devicePage(facts.devicePageUuid),
    rounds: 3,
    minimum: 'V09 + V25 + E44 + E37 + V13 + V24 + P NG13 + 1 Neurons device (partitions known)',
    targets: SCREENS,
  },
  {
    name: 'people page (screen 3)',
    graphql: () => ({ query: PEOPLE_PAGE }),
    direct: (client) => client.peoplePage(),
    rounds: 2,
    minimum: '⌈D / 200⌉ searches + 1 E37',
    targets: SCREENS,
  },
  {
    name: 'label drill-down (screen 4)',
    graphql: () => ({ query: DRILL_DOWN }),
    direct: (client) => client.labelDrillDown(),
    rounds: 2,
    minimum: '1 E22 + 1 search per label',
    targets: SCREENS,
  },
  {
    name: 'alert inbox (screen 5)',
    graphql: () => ({ query: ALERT_INBOX }),
    direct: (client) => client.alertInbox(),
    rounds: 2,
    minimum: '1 E37 + min(⌈U / 4⌉, ⌈D / 200⌉) searches',
    targets: SCREENS,
  },
  {
    // Issue 5: ids the caller cannot see answer NOT_FOUND and are never sent, so the ids are first resolved by
    // visibility searches (4 uuids each, the 255-character query limit); the direct client does the same check.
    // Each lock invalidates the device class, so every burst searches again, warm or cold.
    name: 'lock 20 devices (action burst)',
    graphql: (facts) => ({
      query: LOCK_DEVICES,
      variables: { ids: facts.lockUuids.map((uuid) => encodeId('Device', 'EPMM', uuid)) },
    }),
    direct: (client, facts) => client.checkedLock(facts.lockUuids),
    rounds: 2,
    minimum: '⌈20 / 4⌉ visibility searches + 1 V19 (ids the caller cannot see are never sent)',
    targets: ['cold', 'off'],
  },
  {
    // The realistic flow: the admin lists devices, picks them, locks them. The list's rows could prove the ids
    // visible, so the minimum is the list's search and the lock.
    name: 'list 20 devices, then lock them',
    graphql: () => ({ query: LOCK_LIST }),
    gatewayOperation: async (run) => {
      const list = (await run({ query: LOCK_LIST })) as { devices: { nodes: Array<{ id: string }> } };
      await run({ query: LOCK_DEVICES, variables: { ids: list.devices.nodes.map((node) => node.id) } });
    },
    direct: async (client) => {
      const page = await client.search({ fields: LOCK_LIST_FIELDS, limit: 20, offset: 0, query: LOCK_LIST_QUERY });
      await client.lock(page.results.map((row) => String(row['common.uuid'])));
    },
    rounds: 2,
    minimum: '1 search (the list) + 1 V19',
    targets: ['cold', 'off'],
  },
  {
    name: 'one-call query (50-device list page)',
    graphql: (_facts, index) => ({
      query: ONE_CALL,
      variables: { first: oneCallPage(index).limit, after: encodeCursor(oneCallPage(index).offset - 1) },
    }),
    direct: async (client, _facts, index) => {
      await client.search({ fields: ONE_CALL_FIELDS, ...oneCallPage(index) });
    },
    rawProxyPath: (client, index) => client.searchPath({ fields: ONE_CALL_FIELDS, ...oneCallPage(index) }),
    rounds: 1,
    minimum: '1 search',
    // Every page differs, so the warm and cold gateways make the same call.
    targets: ['cold', 'off'],
  },
  {
    name: '{ __typename }',
    graphql: () => ({ query: '{ __typename }' }),
    rounds: 0,
    minimum: '0 (spaces cached per credential)',
    targets: ['warm', 'off'],
  },
];
