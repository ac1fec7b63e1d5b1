// Contract tests for the device-space client (DS01, DS03-DS11): the document's sample responses replayed
// through the real client, and what the client puts on the wire.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EpmmCaller } from '../../src/upstream/epmm/client.js';
import { EpmmDeviceSpacesClient } from '../../src/upstream/epmm/device-spaces-client.js';
import { UpstreamHttp } from '../../src/upstream/http.js';
import { startReplayServer, type ReplayServer } from '../helpers/replay-server.js';
import { adminCredential } from '../helpers/credentials.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/documents/${name}`, import.meta.url));

let replay: ReplayServer;
let http: UpstreamHttp;
let client: EpmmDeviceSpacesClient;
const caller: EpmmCaller = { credential: adminCredential('miadmin'), adminDeviceSpaceId: 1 };
const LDAP = {
  name: 'testuser000000',
  type: 'USER',
  dn: 'cn=testuser000000,ou=contacts,dc=auto2,dc=mobileiron,dc=com',
} as const;
const ERROR = JSON.stringify({
  messages: [
    {
      type: 'Error',
      messageKey: 'com.mobileiron.vsp.messages.validation.failure',
      localizedMessage: 'roles: Required parameter is missing.',
    },
  ],
});

beforeAll(async () => {
  replay = await startReplayServer();
  http = new UpstreamHttp('EPMM', replay.url, { connections: 2, timeoutMs: 5000 });
  client = new EpmmDeviceSpacesClient(http);
});
afterAll(async () => {
  await http.close();
  await replay.close();
});

describe('document samples', () => {
  it('DS01 list: admins is one string, hasMore present', async () => {
    replay.respond(200, fixture('ds01-list.json'));
    const list = await client.listDeviceSpaces(caller, { limit: 50, offset: 0 });
    expect(list).toEqual({
      results: [
        { id: 1, name: 'Global', criteria: '', status: 'ACTIVE', priority: 1, deviceCount: 319, admins: 'miadmin' },
      ],
      totalCount: 1,
      resultCount: 1,
      hasMore: false,
    });
    expect(replay.lastPath()).toBe('/api/v2/device_spaces?adminDeviceSpaceId=1&limit=50&offset=0');
  });

  it('DS03 criteria: the elided sample parses (no hasMore)', async () => {
    replay.respond(200, fixture('ds03-criteria.json'));
    const fields = await client.criteriaFields(caller);
    expect(fields.results.map((field) => field.name)).toEqual([
      'common.home_country_code',
      'common.home_country_name',
      'user.user_id',
    ]);
    expect(fields.totalCount).toBe(35);
  });

  it('DS04 save and DS05 delete return results.id', async () => {
    replay.respond(200, fixture('ds04-save.json'));
    expect(
      await client.saveDeviceSpace(caller, {
        name: 'USA Devices',
        parentId: 1,
        criteria: '"common.home_country_code" =  "US"',
      }),
    ).toBe(4);
    replay.respond(200, fixture('ds05-delete.json'));
    expect(await client.deleteDeviceSpace(caller, 4)).toBe(4);
    expect(replay.lastPath()).toBe('/api/v2/device_spaces/4?adminDeviceSpaceId=1');
  });

  it('DS06, DS07 and DS11 accept "200 OK" with no body or the literal text', async () => {
    for (const body of ['', '200 OK']) {
      replay.respond(200, body);
      await expect(client.assignAdmins(caller, 3, { adminLdapEntities: [LDAP] }, [2, 4])).resolves.toBeUndefined();
      await expect(client.removeAdmins(caller, 5, { adminUsers: ['testuser000004'] })).resolves.toBeUndefined();
      await expect(client.evaluate(caller)).resolves.toBeUndefined();
    }
    expect(replay.lastPath()).toBe('/api/v2/device_spaces/evaluate?adminDeviceSpaceId=1');
  });

  it('DS08 get: results beside an Info message', async () => {
    replay.respond(200, fixture('ds08-policy-restrictions.json'));
    const restrictions = await client.policyRestrictions(caller, 3);
    expect(restrictions.deviceSpaceId).toBe(3);
    expect(restrictions.policyRestrictions.map((item) => item.policyProfileType)).toEqual(['PRIVACY', 'SECURITY']);
    expect(replay.lastPath()).toBe('/msa/v2/policy/restrictions?adminDeviceSpaceId=1&deviceSpaceId=3');
  });

  it('DS09 assign: the Info message names the space; no adminDeviceSpaceId is sent', async () => {
    replay.respond(200, fixture('ds09-assign-policy-restrictions.json'));
    const messages = await client.assignPolicyRestrictions(caller, 3, [
      { policyProfileType: 'PRIVACY', creationAllowedInSpace: true, overrideGlobalPolicies: false },
    ]);
    expect(messages[0]).toMatchObject({ type: 'Info', messageParameters: ['ForDocs'] });
    expect(replay.lastPath()).toBe('/msa/v2/policy/restrictions?deviceSpaceId=3');
  });

  it('DS10 change priority: results is an object, criteriaFields "-"', async () => {
    replay.respond(200, fixture('ds10-change-priority.json'));
    const space = await client.changePriority(caller, 5, 4);
    expect(space).toEqual({
      id: 5,
      name: 'UK Devices',
      parentId: 1,
      priority: 2,
      criteria: '"common.home_country_code" =  "GB"',
      criteriaFields: '-',
      status: 'PENDING',
      path: '/1/5/',
    });
    expect(replay.lastPath()).toBe('/api/v2/device_spaces/5/change_priority?adminDeviceSpaceId=1');
  });
});

describe('failures', () => {
  it('an Error envelope is BAD_USER_INPUT with its key, even under HTTP 200 and on the no-body calls', async () => {
    replay.respond(200, ERROR);
    await expect(client.assignAdmins(caller, 3, { adminUsers: ['x'] }, [])).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      details: { upstreamMessageKey: 'com.mobileiron.vsp.messages.validation.failure' },
    });
    await expect(client.assignPolicyRestrictions(caller, 3, [])).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(client.listDeviceSpaces(caller)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('a malformed body is UPSTREAM_ERROR', async () => {
    replay.respond(200, '{"results":[{"id":"one"}]}');
    await expect(client.listDeviceSpaces(caller)).rejects.toMatchObject({ code: 'UPSTREAM_ERROR' });
    replay.respond(200, '{"results":{}}');
    await expect(
      client.saveDeviceSpace(caller, { name: 'x', parentId: 1, criteria: '"common.status" = "ACTIVE"' }),
    ).rejects.toMatchObject({ code: 'UPSTREAM_ERROR' });
  });

  it('DS05 refuses id 0 ("the current device space") without calling EPMM', async () => {
    replay.respond(200, fixture('ds04-save.json'));
    await client.saveDeviceSpace(caller, { name: 'probe', parentId: 1, criteria: '"common.status" = "ACTIVE"' });
    await expect(client.deleteDeviceSpace(caller, 0)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(replay.lastPath()).toBe('/api/v2/device_spaces?adminDeviceSpaceId=1'); // the save was the last request
    await expect(client.changePriority(caller, 5, -1)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('HTTP statuses map to the gateway codes', async () => {
    replay.respond(
      404,
      JSON.stringify({
        messages: [
          {
            type: 'Error',
            messageKey: 'com.mobileiron.vsp.messages.device.space.not.found',
            localizedMessage: 'Device space 9 not found.',
          },
        ],
      }),
    );
    await expect(client.policyRestrictions(caller, 9)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    replay.respond(403, ERROR);
    await expect(client.evaluate(caller)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
