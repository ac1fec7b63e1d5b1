// Neurons user groups (catalogue NG01-NG05, NG07, NG08), under the simulator's /neurons prefix.
import type { RouteDefinition } from '../http/route.js';
import { ACCOUNT_FIELDS } from '../neurons/accounts.js';
import { checkFields, toTreeView } from '../neurons/filter/evaluate.js';
import { FilterSyntaxError } from '../neurons/filter/ast.js';
import { parseFilter } from '../neurons/filter/parse.js';
import {
  badRequest,
  bodyObject,
  booleanValue,
  idList,
  neuronsErrorBody,
  notFound,
  ok,
  page,
  stringValue,
  TENANT_ADMIN,
  tenantAdmin,
} from '../neurons/respond.js';
import { neuronsWorld, type NeuronsUserGroup, type NeuronsWorld } from '../neurons/world.js';

/** NG02's sample answers `limit: 20` with no paging parameters; 20 is the inferred default page. */
const USER_GROUP_PAGE = 20;

function listItem(group: NeuronsUserGroup) {
  return {
    id: group.id,
    modifiedAt: group.modifiedAt,
    modifiedBy: group.modifiedBy,
    name: group.name,
    description: group.description,
    source: group.source,
    mutable: group.mutable,
    definition: group.definition,
    membershipStatic: group.membershipStatic,
    idpGroupDeleted: false,
    applicationCount: group.applicationCount,
    lastRefresh: group.lastRefresh,
    treeView: toTreeView(group.filter),
  };
}

function requireGroup(neurons: NeuronsWorld, id: number): NeuronsUserGroup {
  const group = neurons.userGroups.get(id);
  if (!group) throw notFound(`User group ${id} not found.`);
  return group;
}

/** Why a group cannot be deleted (NG04's blockers), or null when it can. */
function deleteBlocker(neurons: NeuronsWorld, id: number): string | null {
  const group = neurons.userGroups.get(id);
  if (!group) return 'GROUP_NOT_FOUND';
  return group.system ? 'SYSTEM_GROUP' : null;
}

function parseDefinition(text: string) {
  try {
    const node = parseFilter(text);
    checkFields(node, ACCOUNT_FIELDS);
    return node;
  } catch (error) {
    if (error instanceof FilterSyntaxError) throw badRequest(`definition: ${error.message}`);
    throw error;
  }
}

export const neuronsUserGroupRoutes: RouteDefinition[] = [
  {
    method: 'POST',
    path: '/neurons/api/v1/group',
    summary: 'Create a user group (NG01)',
    catalogueIds: ['NG01'],
    roles: [...TENANT_ADMIN],
    errorBody: neuronsErrorBody,
    requestBody: {
      contentTypes: ['application/x-www-form-urlencoded', 'application/json'],
      description: 'name, source=LOCAL, membershipStatic=true for a static group, or a definition for a dynamic group.',
      example: { name: 'ForDocs2', source: 'LOCAL', membershipStatic: true },
    },
    response: { status: 200, contentType: 'application/json', description: '{errors, result: the created group}' },
    handle({ world, admin, body, now }) {
      const neurons = neuronsWorld(world);
      const { accountId } = tenantAdmin(neurons, admin);
      const input = bodyObject(body);
      const name = stringValue(input.name, 'name', { required: true, maxLength: 255 })!;
      const source = stringValue(input.source, 'source', { required: false, maxLength: 16 }) ?? 'LOCAL';
      if (source !== 'LOCAL') throw badRequest('source: Valid value: LOCAL');
      const definition = stringValue(input.definition, 'definition', { required: false, maxLength: 4000 });
      const membershipStatic =
        input.membershipStatic === undefined
          ? definition === undefined
          : booleanValue(input.membershipStatic, 'membershipStatic');
      if (!membershipStatic && definition === undefined)
        throw badRequest('definition: Required for a dynamic group (membershipStatic absent or false).');
      if (membershipStatic && definition !== undefined)
        throw badRequest('definition: A static group takes no definition.');
      if ([...neurons.userGroups.values()].some((group) => group.name.toLowerCase() === name.toLowerCase()))
        throw badRequest(`name: A group named '${name}' already exists.`);
      const filter = definition === undefined ? null : parseDefinition(definition);
      const group: NeuronsUserGroup = {
        id: neurons.nextUserGroupId++,
        name,
        description: null,
        source: 'LOCAL',
        mutable: true,
        definition: definition ?? null,
        filter,
        membershipStatic,
        system: false,
        createdBy: accountId,
        modifiedBy: accountId,
        modifiedAt: now,
        lastRefresh: now,
        applicationCount: 0,
        members: new Set(),
      };
      neurons.userGroups.set(group.id, group);
      return ok({
        id: group.id,
        createdBy: group.createdBy,
        modifiedBy: group.modifiedBy,
        name,
        source: group.source,
        mutable: true,
        membershipStatic,
      });
    },
  },
  {
    method: 'GET',
    path: '/neurons/api/v1/group',
    summary: 'List user groups (NG02), or check delete viability with checkDeleteViability=true&ids= (NG04)',
    catalogueIds: ['NG02', 'NG04'],
    roles: [...TENANT_ADMIN],
    errorBody: neuronsErrorBody,
    query: {
      checkDeleteViability: {
        type: 'boolean',
        description: 'true selects NG04: report which of `ids` cannot be deleted.',
      },
      ids: { type: 'list', maxItems: 500, maxLength: 15, description: 'NG04: comma-separated group ids.' },
      start: { type: 'integer', min: 0, description: 'Undocumented: record offset of the page (as NG13).' },
      rows: { type: 'integer', min: 1, max: 500, description: 'Undocumented: page size (as NG13); default 20.' },
    },
    response: {
      status: 200,
      contentType: 'application/json',
      description: '{errors, result: {searchResults, totalCount, offset, limit}}',
    },
    handle({ world, admin, query }) {
      const neurons = neuronsWorld(world);
      tenantAdmin(neurons, admin);
      if (query.checkDeleteViability === true) {
        const ids = query.ids as string[] | undefined;
        if (!ids || ids.length === 0) throw badRequest('ids: Required parameter is missing.');
        const blockers = ids
          .map((text) => {
            if (!/^\d+$/.test(text)) throw badRequest(`ids: '${text}' is not an id.`);
            const reason = deleteBlocker(neurons, Number(text));
            return reason === null
              ? null
              : {
                  id: Number(text),
                  name: neurons.userGroups.get(Number(text))?.name ?? null,
                  deletable: false,
                  reason,
                };
          })
          .filter((entry) => entry !== null);
        // As the NG04 sample: an empty page (limit 0) when every group can be deleted.
        return ok({ searchResults: blockers, totalCount: blockers.length, offset: 0, limit: 0 });
      }
      const groups = [...neurons.userGroups.values()].sort((a, b) => a.id - b.id).map(listItem);
      return ok(
        page(groups, (query.start as number | undefined) ?? 0, (query.rows as number | undefined) ?? USER_GROUP_PAGE),
      );
    },
  },
  {
    method: 'DELETE',
    path: '/neurons/api/v1/group',
    summary: 'Delete a user group (NG05)',
    catalogueIds: ['NG05'],
    roles: [...TENANT_ADMIN],
    errorBody: neuronsErrorBody,
    query: { id: { type: 'integer', required: true, min: 1, description: 'ID of group to delete.' } },
    response: {
      status: 200,
      contentType: 'application/json',
      description: '{errors: null, result: 1} (groups deleted)',
    },
    handle({ world, admin, query }) {
      const neurons = neuronsWorld(world);
      tenantAdmin(neurons, admin);
      const id = query.id as number;
      const reason = deleteBlocker(neurons, id);
      if (reason === 'GROUP_NOT_FOUND') throw notFound(`User group ${id} not found.`);
      if (reason !== null) throw badRequest(`Group ${id} cannot be deleted (${reason}).`);
      neurons.userGroups.delete(id);
      return ok(1);
    },
  },
  {
    method: 'PUT',
    path: '/neurons/api/v1/group/:id/accounts',
    summary: 'Assign accounts to a user group (NG08; the route NG03 documents)',
    catalogueIds: ['NG03', 'NG08'],
    roles: [...TENANT_ADMIN],
    errorBody: neuronsErrorBody,
    requestBody: {
      contentTypes: ['application/x-www-form-urlencoded', 'application/json'],
      description: 'accountIds (comma-separated or array), append (TRUE adds, FALSE replaces the group members).',
      example: { accountIds: '10004', append: 'TRUE' },
    },
    response: { status: 200, contentType: 'application/json', description: '{errors: null, result: true}' },
    handle({ world, admin, params, body, now }) {
      const neurons = neuronsWorld(world);
      const { accountId: by } = tenantAdmin(neurons, admin);
      const group = requireGroup(neurons, Number(params.id));
      const input = bodyObject(body);
      const accountIds = idList(input.accountIds, 'accountIds');
      const append = booleanValue(input.append, 'append', true);
      assertAssignable(neurons, group, accountIds);
      if (!append) group.members.clear();
      for (const id of accountIds) group.members.add(id);
      group.modifiedAt = now;
      group.modifiedBy = by;
      return ok(true);
    },
  },
  {
    method: 'PUT',
    path: '/neurons/api/v1/account',
    summary: 'Assign accounts to user groups (NG07)',
    catalogueIds: ['NG07'],
    roles: [...TENANT_ADMIN],
    errorBody: neuronsErrorBody,
    query: {
      accountIds: {
        type: 'list',
        required: true,
        min: 1,
        maxItems: 500,
        maxLength: 15,
        description: 'Accounts to assign to the group.',
      },
      groupIds: {
        type: 'list',
        required: true,
        min: 1,
        maxItems: 500,
        maxLength: 15,
        description: 'Groups to which to assign the users.',
      },
      append: {
        type: 'boolean',
        required: true,
        description: "TRUE adds; FALSE replaces each account's group memberships.",
      },
    },
    response: { status: 200, contentType: 'application/json', description: '{errors: null, result: true}' },
    handle({ world, admin, query, now }) {
      const neurons = neuronsWorld(world);
      const { accountId: by } = tenantAdmin(neurons, admin);
      const accountIds = idList((query.accountIds as string[]).join(','), 'accountIds');
      const groups = idList((query.groupIds as string[]).join(','), 'groupIds').map((id) => requireGroup(neurons, id));
      for (const group of groups) assertAssignable(neurons, group, accountIds);
      if (query.append === false) {
        // Account-centric replace: each account leaves every other static group (All Users is computed, so it stays).
        for (const group of neurons.userGroups.values()) {
          if (!group.membershipStatic || group.system || groups.includes(group)) continue;
          for (const id of accountIds) group.members.delete(id);
        }
      }
      for (const group of groups) {
        for (const id of accountIds) group.members.add(id);
        group.modifiedAt = now;
        group.modifiedBy = by;
      }
      return ok(true);
    },
  },
];

function assertAssignable(neurons: NeuronsWorld, group: NeuronsUserGroup, accountIds: number[]): void {
  if (group.system || !group.membershipStatic)
    throw badRequest(`Group ${group.id} is not a static group; its members follow its definition.`);
  const unknown = accountIds.find((id) => !neurons.userByAccountId.has(id));
  if (unknown !== undefined) throw notFound(`Account ${unknown} not found.`);
}
