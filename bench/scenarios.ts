// What the harness measures: the five screens of the read-graph issue (the exact operations of their
// integration tests), the device-action burst, the one-call query the raw proxy is compared with, and
// `{ __typename }`. Each pairs the GraphQL operation with the direct client's optimal calls for the same data.
import { encodeId } from '../src/ids.js';
import { encodeCursor } from '../src/pagination.js';
import type { DirectRestClient } from './direct-client.js';

/** What the simulator process tells the harness about its fleet. */
export interface Facts {
  devicePageUuid: string;
  lockUuids: string[];
}

export type GatewayTarget = 'warm' | 'cold' | 'off';

export interface Scenario {
  name: string;
  graphql(facts: Facts, index: number): { query: string; variables?: Record<string, unknown> };
  direct?(client: DirectRestClient, facts: Facts, index: number): Promise<void>;
  /** A raw-proxy request for the same single call (the one-call query only). */
  rawProxyPath?(client: DirectRestClient, index: number): string;
  /** Dependent rounds of the optimal plan: the latency floor is rounds × injected latency. */
  rounds: number;
  /** Why the direct client's count is the minimum (docs/data-loading.md). */
  minimum: string;
  targets: GatewayTarget[];
}

// test/integration/screens.test.ts
const FLEET_PAGE = `query FleetPage {
  devices(first: 50) {
    totalCount
    nodes {
      uuid model noncomplianceReasons
      user { displayName email }
      labels { name }
      deviceSpace { name }
    }
  }
}`;

// test/integration/graph-device-detail.test.ts, scenario 2
const DEVICE_PAGE = `query DevicePage($uuid: String!) {
    device(uuid: $uuid) {
      id uuid name platform status model
      details { name value }
      labels { legacyId name }
      policies { legacyId name type }
      alerts(first: 20, filter: { read: false }) { totalCount nodes { legacyId message read } }
      appCompliance { type appName appVersion }
      ruleCompliance { ruleName actions quarantines }
      groups { name kind }
    }
  }`;

// test/integration/graph-users-alerts.test.ts
const PEOPLE_PAGE = `query People {
  users(first: 20) {
    totalCount
    pageInfo { hasNextPage }
    nodes { id principal displayName devices(first: 10) { totalCount nodes { uuid model } } unreadAlertCount }
  }
}`;

const ALERT_INBOX = `query Inbox {
  alerts(first: 100) {
    totalCount
    nodes { id legacyId type severity status transport read createdAt message device { uuid model } user { principal displayName } }
  }
}`;

// test/integration/graph-labels-policies.test.ts
const DRILL_DOWN = `query LabelDrillDown {
  labels(first: 200) {
    totalCount
    nodes { id legacyId name builtIn static deviceCount devices(first: 10) { totalCount pageInfo { hasNextPage } nodes { uuid } } }
  }
}`;

const LOCK_DEVICES = `mutation LockBurst($ids: [ID!]!) {
  lockDevices(input: { ids: $ids, note: "benchmark burst" }) { results { id status } userErrors { message } }
}`;

/** The one-call query: a different page every time, so each operation is exactly one device search. */
const ONE_CALL = `query($after: String) { devices(first: 50, after: $after, source: EPMM) { totalCount nodes { id name platform osVersion model status compliant lastCheckInAt user { principal displayName email } } } }`;
const ONE_CALL_FIELDS = ['common.uuid', 'common.platform', 'common.os_version', 'common.model', 'common.status', 'common.compliant', 'common.last_connected_at', 'ios.DeviceName', 'user.user_id', 'user.display_name', 'user.email_address'];
/** Offsets 1-900 of the 1,000-device fleet, each a full page of 50. */
const oneCallOffset = (index: number) => (index % 900) + 1;

const SCREENS: GatewayTarget[] = ['warm', 'cold', 'off'];

export const SCENARIOS: Scenario[] = [
  {
    name: 'fleet page (screen 1)',
    graphql: () => ({ query: FLEET_PAGE }),
    direct: (client) => client.fleetPage(),
    rounds: 2,
    minimum: '1 search + 50 V25 + 1 DS01',
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
    name: 'lock 20 devices (action burst)',
    graphql: (facts) => ({ query: LOCK_DEVICES, variables: { ids: facts.lockUuids.map((uuid) => encodeId('Device', 'EPMM', uuid)) } }),
    direct: (client, facts) => client.lock(facts.lockUuids),
    rounds: 1,
    minimum: '1 V19 (uuids known)',
    targets: ['warm', 'off'],
  },
  {
    name: 'one-call query (50-device list page)',
    graphql: (_facts, index) => ({ query: ONE_CALL, variables: { after: encodeCursor(oneCallOffset(index) - 1) } }),
    direct: async (client, _facts, index) => {
      await client.search({ fields: ONE_CALL_FIELDS, limit: 50, offset: oneCallOffset(index) });
    },
    rawProxyPath: (client, index) => client.searchPath({ fields: ONE_CALL_FIELDS, limit: 50, offset: oneCallOffset(index) }),
    rounds: 1,
    minimum: '1 search',
    // Every page differs, so the warm and cold gateways make the same call; `cold` keeps the page cache out.
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
