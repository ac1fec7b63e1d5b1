// Administration mutations through the real gateway against the simulator: alerts read/unread, policies on
// labels, and the device-space lifecycle. Each: per-item results, what is (not) sent upstream, documented
// failures, and the state a follow-up query sees.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeId } from '../../src/ids.js';
import { startStack, type Stack } from '../helpers/stack.js';

let stack: Stack;

interface Payload {
  results: Array<{ id: string; status: string; messageKey: string | null; message: string }>;
  userErrors: Array<{ code: string; field: string[] | null; message: string }>;
  auditId: string | null;
  dryRun: boolean;
  replayed: boolean;
  deviceSpace?: {
    id: string;
    name: string;
    criteria: string | null;
    status: string | null;
    priority: number | null;
    admins: string[] | null;
  } | null;
}

const ITEMS = 'results { id status messageKey message } userErrors { code field message } auditId dryRun replayed';
const SPACE = `${ITEMS} deviceSpace { id name criteria status priority admins }`;

const INPUT_TYPES: Record<string, [string, string]> = {
  markAlertsRead: ['MarkAlertsInput!', ITEMS],
  markAlertsUnread: ['MarkAlertsInput!', ITEMS],
  applyPolicyToLabels: ['PolicyLabelsInput!', ITEMS],
  removePolicyFromLabels: ['PolicyLabelsInput!', ITEMS],
  createDeviceSpace: ['CreateDeviceSpaceInput!', SPACE],
  updateDeviceSpace: ['UpdateDeviceSpaceInput!', SPACE],
  deleteDeviceSpace: ['DeleteDeviceSpaceInput!', SPACE],
  assignDeviceSpaceAdmins: ['AssignDeviceSpaceAdminsInput!', SPACE],
  removeDeviceSpaceAdmins: ['RemoveDeviceSpaceAdminsInput!', SPACE],
  changeDeviceSpacePriority: ['ChangeDeviceSpacePriorityInput!', SPACE],
  setDeviceSpacePolicyRestrictions: ['SetDeviceSpacePolicyRestrictionsInput!', SPACE],
  evaluateDeviceSpaces: ['EvaluateDeviceSpacesInput', ITEMS],
};

async function act(mutation: string, input: Record<string, unknown>, as = 'miadmin') {
  const [type, selection] = INPUT_TYPES[mutation];
  const response = await stack.gql<Record<string, Payload>>(
    `mutation($input: ${type}) { ${mutation}(input: $input) { ${selection} } }`,
    { input },
    as,
  );
  return { response, payload: response.data?.[mutation] };
}

async function query<T>(text: string, variables: Record<string, unknown> = {}, as = 'miadmin'): Promise<T> {
  const response = await stack.gql<T>(text, variables, as);
  expect(response.errors).toBeUndefined();
  return response.data!;
}

async function calls(route: string): Promise<number> {
  return (await stack.upstreamStats()).byRoute[route] ?? 0;
}

/** Routes other than reads: what a mutation sent. */
async function stateChangingCalls(): Promise<string[]> {
  return Object.keys((await stack.upstreamStats()).byRoute).filter(
    (route) => !route.startsWith('GET ') && route !== 'POST /api/v2/devices',
  );
}

const status = (payload: Payload | undefined) => payload!.results.map((result) => result.status);

beforeAll(async () => {
  // emea keeps `admin` but loses `destructive`: deleting a space needs both.
  stack = await startStack({ devices: 300, seed: 31, scopes: { emea: ['read', 'act', 'admin'] } });
});
afterAll(async () => stack.close());
beforeEach(async () => stack.resetUpstreamStats());

describe('markAlertsRead / markAlertsUnread', () => {
  type AlertNode = { id: string; read: boolean; device: { id: string } | null };
  const unread = async (as = 'miadmin') =>
    (
      await query<{ alerts: { nodes: AlertNode[] } }>(
        '{ alerts(first: 200, filter: { read: false }) { nodes { id read device { id } } } }',
        {},
        as,
      )
    ).alerts.nodes;
  const readFlags = async (ids: string[]) =>
    (
      await query<{ nodes: Array<{ read: boolean } | null> }>(
        'query($ids: [ID!]!) { nodes(ids: $ids) { ... on Alert { read } } }',
        { ids },
      )
    ).nodes.map((node) => node?.read ?? null);

  it('marks one alert read with E41, and a fresh query shows it read', async () => {
    const [alert] = await unread();
    await stack.resetUpstreamStats();
    const { payload } = await act('markAlertsRead', { ids: [alert.id], comments: 'seen, ticket 12' });
    expect(status(payload)).toEqual(['SUCCEEDED']);
    expect(payload!.auditId).not.toBeNull();
    expect(await calls('PUT /api/v1/alerts/:id')).toBe(1);
    expect(await calls('PUT /api/v1/alerts')).toBe(0);
    expect(await readFlags([alert.id])).toEqual([true]);
  });

  it('marks several in one E42 call, reports unknown and other-space alerts NOT_FOUND unsent, and marks them unread again', async () => {
    const [one, two] = await unread('emea');
    // An alert miadmin sees and emea does not (node answers null for it).
    const candidates = (await unread()).map((alert) => alert.id);
    const asEmea = (
      await query<{ nodes: Array<{ id: string } | null> }>(
        'query($ids: [ID!]!) { nodes(ids: $ids) { ... on Alert { id } } }',
        { ids: candidates },
        'emea',
      )
    ).nodes;
    const elsewhere = { id: candidates[asEmea.findIndex((node) => node === null)] };
    expect(elsewhere.id).toBeDefined();
    const unknown = encodeId('Alert', 'EPMM', '987654321');
    await stack.resetUpstreamStats();

    const { payload } = await act(
      'markAlertsRead',
      { ids: [one.id, unknown, elsewhere.id, two.id], comments: 'triaged' },
      'emea',
    );
    expect(status(payload)).toEqual(['SUCCEEDED', 'NOT_FOUND', 'NOT_FOUND', 'SUCCEEDED']);
    expect(await calls('PUT /api/v1/alerts')).toBe(1);
    expect(await calls('PUT /api/v1/alerts/:id')).toBe(0);
    // The other space's alert was not touched.
    expect(await readFlags([one.id, two.id, elsewhere.id])).toEqual([true, true, false]);

    await stack.resetUpstreamStats();
    const back = await act('markAlertsUnread', { ids: [one.id, two.id], comments: 'reopened' }, 'emea');
    expect(status(back.payload)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    expect(await calls('PUT /api/v1/alerts')).toBe(1);
    expect(await readFlags([one.id, two.id])).toEqual([false, false]);
  });

  it('needs a comment, refuses a viewer, and rejects a non-alert id, sending nothing', async () => {
    const [alert] = await unread();
    await stack.resetUpstreamStats();
    const blank = await act('markAlertsRead', { ids: [alert.id], comments: ' ' });
    expect(blank.payload!.userErrors.map((error) => error.code)).toEqual(['COMMENTS_REQUIRED']);
    expect(status(blank.payload)).toEqual(['SKIPPED']);
    const viewer = await act('markAlertsRead', { ids: [alert.id], comments: 'x' }, 'viewer');
    expect(viewer.response.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const wrongType = await act('markAlertsRead', { ids: [encodeId('Label', 'EPMM', '5')], comments: 'x' });
    expect(wrongType.response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await stateChangingCalls()).toEqual([]);
    expect(await readFlags([alert.id])).toEqual([false]);
  });
});

describe('applyPolicyToLabels / removePolicyFromLabels', () => {
  type PolicyNode = {
    id: string;
    legacyId: number;
    name: string;
    type: string;
    builtIn: boolean;
    status: string;
    priority: number | null;
    deviceCount: number;
  };
  type LabelNode = {
    id: string;
    name: string;
    devices: { nodes: Array<{ id: string; policies: Array<{ id: string }> }> };
  };

  const policies = async () =>
    (
      await query<{ policies: { nodes: PolicyNode[] } }>(
        '{ policies(first: 100) { nodes { id legacyId name type builtIn status priority deviceCount } } }',
      )
    ).policies.nodes;
  const devicePolicies = async (deviceId: string) =>
    (
      await query<{ node: { policies: Array<{ id: string }> } }>(
        'query($id: ID!) { node(id: $id) { ... on Device { policies { id } } } }',
        { id: deviceId },
      )
    ).node.policies.map((policy) => policy.id);

  it("applies the winning policy of its type to a label: the label's device gets it; removing takes it away", async () => {
    const all = await policies();
    // The enterprise policy with the best priority of its type wins wherever it reaches.
    const winner = all
      .filter((policy) => !policy.builtIn && policy.status === 'ACTIVE' && policy.priority !== null)
      .sort((a, b) => a.priority! - b.priority! || a.legacyId - b.legacyId)[0];
    const labels = (
      await query<{ labels: { nodes: LabelNode[] } }>(
        '{ labels(first: 20) { nodes { id name devices(first: 3) { nodes { id policies { id } } } } } }',
      )
    ).labels.nodes;
    let target: { label: LabelNode; deviceId: string } | undefined;
    for (const label of labels) {
      const device = label.devices.nodes.find(
        (candidate) => candidate.policies.length > 0 && !candidate.policies.some((policy) => policy.id === winner.id),
      );
      if (device) {
        target = { label, deviceId: device.id };
        break;
      }
    }
    expect(target).toBeDefined();
    const { label, deviceId } = target!;
    await stack.resetUpstreamStats();

    const { payload } = await act('applyPolicyToLabels', {
      policyId: winner.id,
      labelIds: [label.id],
      note: 'roll out',
    });
    expect(status(payload)).toEqual(['SUCCEEDED']);
    expect(await calls('PUT /api/v1/policies/:policyId')).toBe(1);
    expect(await devicePolicies(deviceId)).toContain(winner.id);
    const after = (await policies()).find((policy) => policy.id === winner.id)!;
    expect(after.deviceCount).toBeGreaterThan(winner.deviceCount);

    await stack.resetUpstreamStats();
    const removed = await act('removePolicyFromLabels', { policyId: winner.id, labelIds: [label.id] });
    expect(status(removed.payload)).toEqual(['SUCCEEDED']);
    expect(await calls('PUT /api/v1/policies/:policyId')).toBe(1);
    expect(await devicePolicies(deviceId)).not.toContain(winner.id);
  });

  it('reports an unknown label NOT_FOUND unsent, refuses a default policy and a helpdesk caller', async () => {
    const all = await policies();
    const enterprise = all.find((policy) => !policy.builtIn)!;
    const builtIn = all.find((policy) => policy.builtIn)!;
    const [label] = (await query<{ labels: { nodes: Array<{ id: string }> } }>('{ labels(first: 1) { nodes { id } } }'))
      .labels.nodes;
    const unknown = encodeId('Label', 'EPMM', '999999');
    await stack.resetUpstreamStats();

    const dry = await act('applyPolicyToLabels', {
      policyId: enterprise.id,
      labelIds: [unknown, label.id],
      dryRun: true,
    });
    expect(status(dry.payload)).toEqual(['NOT_FOUND', 'DRY_RUN']);
    const defaults = await act('applyPolicyToLabels', { policyId: builtIn.id, labelIds: [label.id] });
    expect(defaults.payload!.userErrors.map((error) => error.code)).toEqual(['POLICY_BUILT_IN']);
    const missing = await act('applyPolicyToLabels', {
      policyId: encodeId('Policy', 'EPMM', '424242'),
      labelIds: [label.id],
    });
    expect(missing.payload!.userErrors.map((error) => error.code)).toEqual(['POLICY_NOT_FOUND']);
    const helpdesk = await act('applyPolicyToLabels', { policyId: enterprise.id, labelIds: [label.id] }, 'helpdesk');
    expect(status(helpdesk.payload)).toEqual(['FORBIDDEN']);
    expect(await calls('PUT /api/v1/policies/:policyId')).toBe(0);
  });
});

describe('device spaces', () => {
  type SpaceNode = {
    id: string;
    legacyId: number;
    name: string;
    status: string;
    priority: number;
    criteria: string;
    admins: string[];
  };
  const spaces = async (as = 'miadmin') =>
    (
      await query<{ deviceSpaces: { nodes: SpaceNode[] } }>(
        '{ deviceSpaces(first: 50) { nodes { id legacyId name status priority criteria admins } } }',
        {},
        as,
      )
    ).deviceSpaces.nodes;
  const byName = async (name: string) => (await spaces()).find((space) => space.name === name);
  const global = async () => (await byName('Global'))!;
  const nordicCriteria = '"common.home_country_code" = "SE"';

  it('createDeviceSpace: checks the criteria fields (DS03), creates (DS04) PENDING, and lists the new space', async () => {
    const { payload } = await act('createDeviceSpace', {
      name: 'Nordics',
      criteria: nordicCriteria,
      note: 'new region',
    });
    expect(status(payload)).toEqual(['SUCCEEDED']);
    expect(payload!.results[0].id).toBe('Nordics');
    expect(payload!.deviceSpace).toMatchObject({ name: 'Nordics', status: 'PENDING', criteria: nordicCriteria });
    expect(await calls('GET /api/v2/device_spaces/criteria')).toBe(1);
    expect(await calls('POST /api/v2/device_spaces')).toBe(1);
    expect(await byName('Nordics')).toMatchObject({ status: 'PENDING', criteria: nordicCriteria });
  });

  it("createDeviceSpace: a visible name clash, bad criteria and unknown fields are userErrors; an invisible clash is EPMM's FAILED", async () => {
    await stack.resetUpstreamStats();
    const clash = await act('createDeviceSpace', { name: 'emea', criteria: nordicCriteria });
    expect(clash.payload!.userErrors.map((error) => error.code)).toEqual(['NAME_NOT_UNIQUE']);
    const syntax = await act('createDeviceSpace', { name: 'Broken', criteria: '"common.home_country_code" =' });
    expect(syntax.payload!.userErrors.map((error) => error.code)).toEqual(['CRITERIA_INVALID']);
    const field = await act('createDeviceSpace', { name: 'Broken', criteria: '"common.no_such_field" = "1"' });
    expect(field.payload!.userErrors.map((error) => error.code)).toEqual(['CRITERIA_FIELD_UNKNOWN']);
    expect(await calls('POST /api/v2/device_spaces')).toBe(0);

    // emea cannot see 'Americas': only EPMM knows the name is taken.
    const hidden = await act(
      'createDeviceSpace',
      { name: 'Americas', criteria: '"common.home_country_code" = "DE"' },
      'emea',
    );
    expect(status(hidden.payload)).toEqual(['FAILED']);
    expect(hidden.payload!.results[0].messageKey).toBe('com.mobileiron.vsp.messages.device.space.name.not.unique');
    expect(await calls('POST /api/v2/device_spaces')).toBe(1);
  });

  it('updateDeviceSpace: renames and keeps the criteria; Global and unknown spaces are not sent', async () => {
    const nordics = (await byName('Nordics'))!;
    const root = await global();
    await stack.resetUpstreamStats();
    const { payload } = await act('updateDeviceSpace', { id: nordics.id, name: 'Nordic Countries', parentId: root.id });
    expect(status(payload)).toEqual(['SUCCEEDED']);
    expect(payload!.deviceSpace).toMatchObject({ id: nordics.id, name: 'Nordic Countries', criteria: nordicCriteria });
    expect(await calls('POST /api/v2/device_spaces')).toBe(1);
    expect((await byName('Nordic Countries'))?.id).toBe(nordics.id);

    await stack.resetUpstreamStats();
    const rootChange = await act('updateDeviceSpace', { id: root.id, name: 'Everything', parentId: root.id });
    expect(rootChange.payload!.userErrors.map((error) => error.code)).toEqual(['PARENT_INVALID']);
    const unknown = await act('updateDeviceSpace', { id: encodeId('DeviceSpace', 'EPMM', '777'), parentId: root.id });
    expect(status(unknown.payload)).toEqual(['NOT_FOUND']);
    expect(await calls('POST /api/v2/device_spaces')).toBe(0);
  });

  it("changeDeviceSpacePriority: moves the space first among its siblings (DS10); a non-sibling is EPMM's validation failure", async () => {
    const nordics = (await byName('Nordic Countries'))!;
    const root = await global();
    await stack.resetUpstreamStats();
    const { payload } = await act('changeDeviceSpacePriority', { id: nordics.id });
    expect(status(payload)).toEqual(['SUCCEEDED']);
    expect(payload!.deviceSpace).toMatchObject({ priority: 2, status: 'PENDING' });
    expect(await calls('POST /api/v2/device_spaces/:deviceSpaceId/change_priority')).toBe(1);
    const ordered = await spaces();
    expect(ordered.map((space) => space.name).slice(0, 2)).toEqual(['Global', 'Nordic Countries']);

    await stack.resetUpstreamStats();
    const notSibling = await act('changeDeviceSpacePriority', { id: nordics.id, placeBelowId: root.id });
    expect(status(notSibling.payload)).toEqual(['FAILED']);
    expect(notSibling.payload!.results[0].messageKey).toBe('com.mobileiron.vsp.messages.validation.failure');
    const self = await act('changeDeviceSpacePriority', { id: nordics.id, placeBelowId: nordics.id });
    expect(self.payload!.userErrors.map((error) => error.code)).toEqual(['PLACE_BELOW_INVALID']);
    expect(await calls('POST /api/v2/device_spaces/:deviceSpaceId/change_priority')).toBe(1);
  });

  it("assign / removeDeviceSpaceAdmins: one DS06 / DS07 call for all admins, seen in the space's admins", async () => {
    const nordics = (await byName('Nordic Countries'))!;
    const ldap = {
      name: 'testuser000000',
      type: 'USER',
      dn: 'cn=testuser000000,ou=contacts,dc=auto2,dc=mobileiron,dc=com',
    };
    await stack.resetUpstreamStats();
    const users = await act('assignDeviceSpaceAdmins', {
      deviceSpaceId: nordics.id,
      adminUsers: ['nordic.admin', 'nordic.deputy'],
      roles: [2, 4, 5],
    });
    expect(users.payload!.results.map((result) => [result.id, result.status])).toEqual([
      ['nordic.admin', 'SUCCEEDED'],
      ['nordic.deputy', 'SUCCEEDED'],
    ]);
    const entities = await act('assignDeviceSpaceAdmins', {
      deviceSpaceId: nordics.id,
      adminLdapEntities: [ldap],
      roles: [2],
    });
    expect(entities.payload!.results.map((result) => [result.id, result.status])).toEqual([[ldap.dn, 'SUCCEEDED']]);
    expect(await calls('POST /api/v2/device_spaces/:deviceSpaceId/admins')).toBe(2);
    expect((await byName('Nordic Countries'))!.admins).toEqual(
      expect.arrayContaining(['nordic.admin', 'nordic.deputy', 'testuser000000']),
    );

    await stack.resetUpstreamStats();
    const removed = await act('removeDeviceSpaceAdmins', { deviceSpaceId: nordics.id, adminUsers: ['nordic.deputy'] });
    expect(status(removed.payload)).toEqual(['SUCCEEDED']);
    expect(removed.payload!.deviceSpace!.admins).not.toContain('nordic.deputy');
    expect(await calls('DELETE /api/v2/device_spaces/:deviceSpaceId/admins')).toBe(1);
    expect((await byName('Nordic Countries'))!.admins).toEqual(
      expect.arrayContaining(['nordic.admin', 'testuser000000']),
    );
  });

  it('assignDeviceSpaceAdmins: roles out of range or an unknown space are userErrors, both kinds of admins BAD_USER_INPUT, unsent', async () => {
    const nordics = (await byName('Nordic Countries'))!;
    await stack.resetUpstreamStats();
    const none = await act('assignDeviceSpaceAdmins', { deviceSpaceId: nordics.id, adminUsers: ['a'], roles: [] });
    expect(none.payload!.userErrors.map((error) => error.code)).toEqual(['ROLES_OUT_OF_RANGE']);
    const tooMany = await act('assignDeviceSpaceAdmins', {
      deviceSpaceId: nordics.id,
      adminUsers: ['a'],
      roles: Array.from({ length: 101 }, (_, index) => index + 1),
    });
    expect(tooMany.payload!.userErrors.map((error) => error.code)).toEqual(['ROLES_OUT_OF_RANGE']);
    const zero = await act('assignDeviceSpaceAdmins', { deviceSpaceId: nordics.id, adminUsers: ['a'], roles: [0] });
    expect(zero.payload!.userErrors[0]).toMatchObject({ code: 'ROLES_OUT_OF_RANGE', field: ['input', 'roles', '0'] });
    const both = await act('assignDeviceSpaceAdmins', {
      deviceSpaceId: nordics.id,
      adminUsers: ['a'],
      adminLdapEntities: [{ name: 'b', type: 'GROUP', dn: 'cn=b' }],
      roles: [2],
    });
    expect(both.response.data).toBeNull();
    expect(both.response.errors?.map((error) => [error.extensions?.code, error.extensions?.field])).toEqual([
      ['BAD_USER_INPUT', ['input', 'adminLdapEntities']],
    ]);
    const long = await act('assignDeviceSpaceAdmins', {
      deviceSpaceId: nordics.id,
      adminUsers: ['x'.repeat(51)],
      roles: [2],
    });
    expect(long.payload!.userErrors.map((error) => error.code)).toEqual(['ADMIN_USER_INVALID']);
    // emea sees only its own space.
    const hidden = await act(
      'assignDeviceSpaceAdmins',
      { deviceSpaceId: nordics.id, adminUsers: ['a'], roles: [2] },
      'emea',
    );
    expect(hidden.payload!.userErrors.map((error) => error.code)).toEqual(['DEVICE_SPACE_NOT_FOUND']);
    expect(await stateChangingCalls()).toEqual([]);
  });

  it("setDeviceSpacePolicyRestrictions: DS09 saves, the space's restrictions show it; a repeated type is refused", async () => {
    const emea = (await spaces('emea')).find((space) => space.name === 'EMEA')!;
    await stack.resetUpstreamStats();
    const { payload } = await act(
      'setDeviceSpacePolicyRestrictions',
      {
        id: emea.id,
        restrictions: [{ profileType: 'PRIVACY', creationAllowedInSpace: true, overrideGlobalPolicies: true }],
      },
      'emea',
    );
    expect(status(payload)).toEqual(['SUCCEEDED']);
    expect(payload!.results[0].messageKey).toBe(
      'com.mobileiron.vsp.messages.policy.restrictions.in.space.save.success',
    );
    expect(await calls('POST /msa/v2/policy/restrictions')).toBe(1);
    const after = await query<{
      deviceSpace: {
        policyRestrictions: Array<{
          profileType: string;
          creationAllowedInSpace: boolean;
          overrideGlobalPolicies: boolean;
        }>;
      };
    }>(
      'query($id: ID!) { deviceSpace(id: $id) { policyRestrictions { profileType creationAllowedInSpace overrideGlobalPolicies } } }',
      { id: emea.id },
      'emea',
    );
    expect(after.deviceSpace.policyRestrictions).toContainEqual({
      profileType: 'PRIVACY',
      creationAllowedInSpace: true,
      overrideGlobalPolicies: true,
    });

    await stack.resetUpstreamStats();
    const twice = await act(
      'setDeviceSpacePolicyRestrictions',
      {
        id: emea.id,
        restrictions: [
          { profileType: 'SECURITY', creationAllowedInSpace: true, overrideGlobalPolicies: false },
          { profileType: 'SECURITY', creationAllowedInSpace: false, overrideGlobalPolicies: false },
        ],
      },
      'emea',
    );
    expect(twice.payload!.userErrors.map((error) => error.code)).toEqual(['RESTRICTION_REPEATED']);
    expect(await calls('POST /msa/v2/policy/restrictions')).toBe(0);
  });

  it('deleteDeviceSpace: needs admin AND destructive and a note; dry run sends nothing; Global is never sent', async () => {
    const nordics = (await byName('Nordic Countries'))!;
    const root = await global();
    await stack.resetUpstreamStats();
    // emea holds admin but not destructive here; helpdesk holds neither.
    const emea = await act('deleteDeviceSpace', { id: nordics.id, note: 'region merged' }, 'emea');
    expect(status(emea.payload)).toEqual(['FORBIDDEN']);
    expect(emea.payload!.userErrors[0].message).toContain("'destructive'");
    const helpdesk = await act('deleteDeviceSpace', { id: nordics.id, note: 'region merged' }, 'helpdesk');
    expect(helpdesk.payload!.userErrors[0].message).toContain("'admin'");
    const blank = await act('deleteDeviceSpace', { id: nordics.id, note: '' });
    expect(blank.payload!.userErrors.map((error) => error.code)).toEqual(['NOTE_REQUIRED']);
    const dry = await act('deleteDeviceSpace', { id: nordics.id, note: 'rehearsal', dryRun: true });
    expect(status(dry.payload)).toEqual(['DRY_RUN']);
    expect(dry.payload!.auditId).not.toBeNull();
    const rootDelete = await act('deleteDeviceSpace', { id: root.id, note: 'no' });
    expect(status(rootDelete.payload)).toEqual(['SKIPPED']);
    expect(await stateChangingCalls()).toEqual([]);
  });

  it('deleteDeviceSpace marks the space (DS05); evaluateDeviceSpaces (DS11) deletes it and settles every status', async () => {
    const nordics = (await byName('Nordic Countries'))!;
    await stack.resetUpstreamStats();
    const { payload } = await act('deleteDeviceSpace', {
      id: nordics.id,
      note: 'region merged into EMEA',
      idempotencyKey: 'delete-nordics',
    });
    expect(status(payload)).toEqual(['SUCCEEDED']);
    expect(payload!.deviceSpace).toMatchObject({ id: nordics.id, status: 'PENDING' });
    // A client retry with the same key is answered from the first result.
    const again = await act('deleteDeviceSpace', {
      id: nordics.id,
      note: 'region merged into EMEA',
      idempotencyKey: 'delete-nordics',
    });
    expect(again.payload!.replayed).toBe(true);
    expect(await calls('DELETE /api/v2/device_spaces/:id')).toBe(1);

    await stack.resetUpstreamStats();
    const evaluated = await act('evaluateDeviceSpaces', { note: 'after merge' });
    expect(evaluated.payload!.results.map((result) => [result.id, result.status])).toEqual([
      ['allDeviceSpaces', 'SUCCEEDED'],
    ]);
    expect(evaluated.payload!.auditId).not.toBeNull();
    expect(await calls('POST /api/v2/device_spaces/evaluate')).toBe(1);
    const after = await spaces();
    expect(after.find((space) => space.id === nordics.id)).toBeUndefined();
    expect(after.every((space) => space.status === 'ACTIVE')).toBe(true);
    const gone = await query<{ deviceSpace: unknown }>('query($id: ID!) { deviceSpace(id: $id) { id } }', {
      id: nordics.id,
    });
    expect(gone.deviceSpace).toBeNull();

    // Now unknown: NOT_FOUND, nothing sent.
    await stack.resetUpstreamStats();
    const stale = await act('deleteDeviceSpace', { id: nordics.id, note: 'again' });
    expect(status(stale.payload)).toEqual(['NOT_FOUND']);
    expect(await calls('DELETE /api/v2/device_spaces/:id')).toBe(0);
  });

  it('evaluateDeviceSpaces needs the admin scope', async () => {
    await stack.resetUpstreamStats();
    const { payload } = await act('evaluateDeviceSpaces', {}, 'helpdesk');
    expect(status(payload)).toEqual(['FORBIDDEN']);
    expect(await calls('POST /api/v2/device_spaces/evaluate')).toBe(0);
  });
});
