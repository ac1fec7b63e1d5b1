// Hostile input and concurrent callers: values never change an upstream query, forged ids never reach the
// MDM, and two admins querying at the same time never see each other's data.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeId } from '../../src/ids.js';
import { startStack, type Stack } from '../helpers/stack.js';

const PAYLOADS = [
  '" OR "common.id" > "0',
  '\\" OR "common.id" > "0',
  "' OR '1'='1",
  '${jndi:ldap://evil/x}',
  '#{7*7}',
  '../../api/v1/dm/devices',
  '%2f..%2fadmin',
  'a;b',
  'x\u0000y',
  '"',
];
const FILTER_FIELDS = ['manufacturer', 'model', 'userPrincipal', 'userEmail', 'deviceSpaceName'];

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ devices: 120 });
  await stack.gql('{ viewer { name } }');
});
afterAll(() => stack.close());
beforeEach(() => stack.resetUpstreamStats());

describe('injection attempts in every string that reaches EPMM', () => {
  it.each(FILTER_FIELDS)('filter.%s matches nothing for any hostile value (the value stays a value)', async (field) => {
    for (const payload of PAYLOADS) {
      const response = await stack.gql<{ devices: { totalCount: number } }>(
        'query($filter: DeviceFilter) { devices(first: 5, filter: $filter, source: EPMM) { totalCount } }',
        { filter: { [field]: payload } },
      );
      expect(response.errors, `${field}=${payload}`).toBeUndefined();
      expect(response.data!.devices.totalCount, `${field}=${payload}`).toBe(0);
    }
  });

  it('device(uuid) refuses anything that is not a UUID before any upstream call', async () => {
    for (const payload of PAYLOADS) {
      const response = await stack.gql('query($uuid: String!) { device(uuid: $uuid) { uuid } }', { uuid: payload });
      expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect((await stack.upstreamStats()).total).toBe(0);
  });

  it('a forged global id resolves to null without an upstream call', async () => {
    const ids = PAYLOADS.map((payload) => encodeId('Device', 'EPMM', payload));
    const response = await stack.gql<{ nodes: unknown[] }>('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids });
    expect(response.data!.nodes).toEqual(PAYLOADS.map(() => null));
    expect((await stack.upstreamStats()).total).toBe(0);
  });
});

describe('dot segments never reach an upstream path', () => {
  const DOT_SEGMENTS = ['.', '..', '...', '%2e%2e', '.%2E', '..;x', '\uff0e\uff0e'];

  it('user(principal:) refuses a dot segment, plain or encoded, before any upstream call', async () => {
    for (const principal of DOT_SEGMENTS) {
      const response = await stack.gql('query($p: String!) { user(principal: $p) { principal } }', { p: principal });
      expect(response.errors?.[0].extensions?.code, principal).toBe('BAD_USER_INPUT');
      expect(response.data?.user ?? null, principal).toBeNull();
    }
    expect((await stack.upstreamStats()).total).toBe(0);
  });

  it('alerts(filter: { userPrincipal }) refuses a dot segment before any upstream call', async () => {
    for (const userPrincipal of DOT_SEGMENTS) {
      const query = 'query($f: AlertFilter) { alerts(first: 5, filter: $f) { totalCount } }';
      const response = await stack.gql(query, { f: { userPrincipal } });
      expect(response.errors?.[0].extensions?.code, userPrincipal).toBe('BAD_USER_INPUT');
    }
    expect((await stack.upstreamStats()).total).toBe(0);
  });

  it('still reads a user named by an e-mail address, dots and all', async () => {
    const user = stack.simulator.world.users[0];
    const query = 'query($p: String!) { user(principal: $p) { principal } }';
    const response = await stack.gql<{ user: { principal: string } | null }>(query, { p: user.email });
    expect(response.errors).toBeUndefined();
    expect(response.data!.user?.principal).toBe(user.userId);
  });
});

describe('injection attempts in mutation strings that reach EPMM', () => {
  it('updateUserPassword refuses a hostile user name before any upstream call', async () => {
    for (const payload of PAYLOADS) {
      const response = await stack.gql(
        'mutation($input: UpdateUserPasswordInput!) { updateUserPassword(input: $input) { results { status } } }',
        { input: { userName: payload, newPassword: 'Sup3r-secret-1', note: 'rotation' } },
      );
      expect(response.errors?.[0].extensions?.code, payload).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(response)).not.toContain('Sup3r-secret-1');
    }
    expect((await stack.upstreamStats()).total).toBe(0);
  });
});

describe('cache isolation under concurrency', () => {
  it('miadmin and emea, interleaved, each see only their own devices', async () => {
    const emeaUuids = new Set(
      stack.simulator.world.devices.filter((device) => device.spaceId === 2).map((device) => device.uuid),
    );
    const query =
      'query($after: String) { devices(first: 40, after: $after, source: EPMM) { totalCount nodes { uuid } } }';
    const runs = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        stack
          .gql<{ devices: { totalCount: number; nodes: Array<{ uuid: string }> } }>(
            query,
            { after: null },
            i % 2 === 0 ? 'emea' : 'miadmin',
          )
          .then((response) => ({ admin: i % 2 === 0 ? 'emea' : 'miadmin', response })),
      ),
    );
    for (const { admin, response } of runs) {
      const uuids = response.data!.devices.nodes.map((node) => node.uuid);
      if (admin === 'emea') {
        expect(response.data!.devices.totalCount).toBe(emeaUuids.size);
        expect(uuids.every((uuid) => emeaUuids.has(uuid))).toBe(true);
      } else {
        expect(response.data!.devices.totalCount).toBe(120);
      }
    }
  });
});
