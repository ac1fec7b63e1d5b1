// Neurons device groups, "rule groups" (catalogue NG06, NG09-NG12, NG14), under the /neurons prefix.
import type { ParamSpec, RouteDefinition } from '../http/route.js';
import {
  deviceByNeuronsId,
  neuronsWorld,
  partitionOf,
  type NeuronsDeviceGroup,
  type NeuronsWorld,
} from '../neurons/world.js';
import { DEVICE_FIELDS, deviceView } from '../neurons/devices.js';
import { FilterSyntaxError, type TreeView } from '../neurons/filter/ast.js';
import { checkFields, toTreeView } from '../neurons/filter/evaluate.js';
import { parseFilter } from '../neurons/filter/parse.js';
import {
  badRequest,
  bodyObject,
  idList,
  neuronsErrorBody,
  notFound,
  ok,
  page,
  requirePartition,
  stringValue,
  tenantAdmin,
  TENANT_ADMIN,
} from '../neurons/respond.js';
import { deviceGroupRecord, type GroupReadOptions } from '../neurons/rule-groups.js';
import type { SimAdmin, World } from '../fleet/types.js';

/** NG10/NG12 answer `limit: 50` with no paging parameters: the inferred default page. */
const GROUP_PAGE = 50;
const PARTITION: ParamSpec = {
  type: 'integer',
  required: true,
  min: 1,
  description: "The tenant's device space (partition) ID.",
};
const TYPE: ParamSpec = { type: 'string', description: 'DEVICE: directs the call to device groups.' };
const READ_OPTIONS: Record<string, ParamSpec> = {
  assignedPoliciesAndConfigs: {
    type: 'boolean',
    description: 'false: assignedConfigs/assignedPolicies come back null. Default true.',
  },
  memberCount: { type: 'boolean', description: 'false: memberCount comes back 0. Default true.' },
};

function readOptions(query: Record<string, unknown>): GroupReadOptions {
  return {
    assignedPoliciesAndConfigs: query.assignedPoliciesAndConfigs !== false,
    memberCount: query.memberCount !== false,
  };
}

function checkType(type: unknown): void {
  if (type !== undefined && type !== 'DEVICE') throw badRequest('type: Value is DEVICE.');
}

/** A group the admin may see: unknown ids, other partitions and partitions the admin lacks are all "not found" or 403. */
function requireGroup(neurons: NeuronsWorld, admin: SimAdmin, id: number, partitionId?: number): NeuronsDeviceGroup {
  const group = neurons.deviceGroups.get(id);
  if (partitionId !== undefined) requirePartition(neurons, admin, partitionId);
  if (!group || (partitionId !== undefined && group.partitionId !== partitionId))
    throw notFound(`Device group ${id} not found.`);
  requirePartition(neurons, admin, group.partitionId);
  return group;
}

function requireStatic(group: NeuronsDeviceGroup): void {
  if (!group.membershipStatic)
    throw badRequest(`Device group ${group.id} is not static; its members follow its definition.`);
}

/** Static members must be devices of the group's own partition. */
function partitionDevices(world: World, neurons: NeuronsWorld, group: NeuronsDeviceGroup, ids: number[]): number[] {
  for (const id of ids) {
    const device = deviceByNeuronsId(world, id);
    if (!device || partitionOf(neurons, device)?.id !== group.partitionId)
      throw notFound(`Device ${id} not found in partition ${group.partitionId}.`);
  }
  return ids;
}

function withoutCfAttribute(tree: TreeView | null): unknown {
  if (!tree) return null;
  const rule = tree.rule && { field: tree.rule.field, operator: tree.rule.operator, values: tree.rule.values };
  return { operator: tree.operator, rule, children: tree.children && tree.children.map(withoutCfAttribute) };
}

export const neuronsRuleGroupRoutes: RouteDefinition[] = [
  {
    method: 'POST',
    path: '/neurons/api/v1/rule_group',
    summary: 'Create a device group (NG09)',
    catalogueIds: ['NG09'],
    roles: [...TENANT_ADMIN],
    errorBody: neuronsErrorBody,
    requestBody: {
      contentTypes: ['application/x-www-form-urlencoded', 'application/json'],
      description: 'name, type=DEVICE, dmPartitionId, description, definition (a rule; omitted = a static group).',
      example: {
        name: 'TestForDocs',
        type: 'DEVICE',
        description: 'Test for docs',
        dmPartitionId: 23504,
        definition: "PRETTYMODEL EQ 'iPad' ",
      },
    },
    response: { status: 200, contentType: 'application/json', description: '{errors, result: the created group}' },
    handle({ world, admin, body }) {
      const neurons = neuronsWorld(world);
      const { accountId } = tenantAdmin(neurons, admin);
      const input = bodyObject(body);
      const name = stringValue(input.name, 'name', { required: true, maxLength: 255 })!;
      checkType(input.type ?? 'DEVICE');
      const partitionId = idList(input.dmPartitionId, 'dmPartitionId')[0];
      if (partitionId === undefined) throw badRequest('dmPartitionId: Required parameter is missing.');
      requirePartition(neurons, admin, partitionId);
      const description = stringValue(input.description, 'description', { required: false, maxLength: 1000 }) ?? null;
      // The trailing space of the NG09 sample (`PRETTYMODEL EQ 'iPad' `) is kept verbatim.
      const definition = stringValue(input.definition, 'definition', { required: false, maxLength: 4000 }) ?? null;
      let filter = null;
      try {
        filter = definition === null ? null : parseFilter(definition);
        checkFields(filter, DEVICE_FIELDS);
      } catch (error) {
        if (error instanceof FilterSyntaxError) throw badRequest(`definition: ${error.message}`);
        throw error;
      }
      const taken = [...neurons.deviceGroups.values()].some(
        (group) => group.partitionId === partitionId && group.name.toLowerCase() === name.toLowerCase(),
      );
      if (taken) throw badRequest(`name: A device group named '${name}' already exists in partition ${partitionId}.`);
      const group: NeuronsDeviceGroup = {
        id: neurons.nextDeviceGroupId++,
        partitionId,
        name,
        description,
        definition,
        filter: definition === null ? null : filter,
        mutable: true,
        systemName: null,
        membershipStatic: definition === null,
        createdAt: null,
        createdBy: accountId,
        modifiedAt: null,
        modifiedBy: accountId,
        staticMembers: new Set(),
      };
      neurons.deviceGroups.set(group.id, group);
      // As the NG09 sample: null timestamps, no systemName/membershipStatic, treeView rule without cfAttributeName.
      return ok({
        id: group.id,
        createdAt: null,
        createdBy: accountId,
        modifiedAt: null,
        modifiedBy: accountId,
        name,
        description,
        type: 'DEVICE',
        definition,
        mutable: true,
        memberCount: 0,
        dmPartitionId: partitionId,
        treeView: withoutCfAttribute(toTreeView(group.filter)),
        actionExceptionCodes: null,
        assignedConfigs: null,
        assignedPolicies: null,
      });
    },
  },
  {
    method: 'GET',
    path: '/neurons/api/v1/rule_group',
    summary: 'List the device groups of a partition (NG10)',
    catalogueIds: ['NG10'],
    roles: [...TENANT_ADMIN],
    errorBody: neuronsErrorBody,
    query: { dmPartitionId: PARTITION, type: TYPE, ...READ_OPTIONS },
    response: {
      status: 200,
      contentType: 'application/json',
      description: '{errors, result: {totalCount, queryTime, searchResults, offset, limit: 50}}',
    },
    handle({ world, admin, query }) {
      const started = Date.now();
      const neurons = neuronsWorld(world);
      checkType(query.type);
      requirePartition(neurons, admin, query.dmPartitionId as number);
      const view = deviceView(world, neurons);
      const groups = [...neurons.deviceGroups.values()].filter((group) => group.partitionId === query.dmPartitionId);
      const { searchResults, totalCount, offset, limit } = page(groups, 0, GROUP_PAGE);
      const options = readOptions(query);
      return ok({
        totalCount,
        queryTime: Date.now() - started,
        searchResults: searchResults.map((group) => deviceGroupRecord(view, group, options)),
        offset,
        limit,
      });
    },
  },
  {
    method: 'GET',
    path: '/neurons/api/v1/rule_group/partitions',
    summary: 'Find a device group by name across partitions (NG12)',
    catalogueIds: ['NG12'],
    roles: [...TENANT_ADMIN],
    errorBody: neuronsErrorBody,
    query: {
      q: {
        type: 'string',
        required: true,
        maxLength: 255,
        description: 'Device group name (exact, case-insensitive).',
      },
      dmPartitionIds: {
        type: 'list',
        maxItems: 100,
        maxLength: 15,
        description: 'Partitions to search; default: all the admin may see.',
      },
      fq: {
        type: 'string',
        description: 'Sent empty by the documents; its meaning here is undocumented, so it is ignored.',
      },
      assignedPolicies: { type: 'boolean', description: 'Sent by the second NG12 example; no documented effect.' },
      type: TYPE,
      ...READ_OPTIONS,
    },
    response: {
      status: 200,
      contentType: 'application/json',
      description: '{errors, result: {searchResults, totalCount, offset, limit: 50}}',
    },
    handle({ world, admin, query }) {
      const neurons = neuronsWorld(world);
      checkType(query.type);
      const partitionIds =
        query.dmPartitionIds === undefined
          ? tenantAdmin(neurons, admin).partitionIds
          : idList((query.dmPartitionIds as string[]).join(','), 'dmPartitionIds');
      for (const id of partitionIds) requirePartition(neurons, admin, id);
      const name = (query.q as string).toLowerCase();
      const view = deviceView(world, neurons);
      const options = readOptions(query);
      const groups = [...neurons.deviceGroups.values()].filter(
        (group) => partitionIds.includes(group.partitionId) && group.name.toLowerCase() === name,
      );
      const result = page(groups, 0, GROUP_PAGE);
      return ok({
        ...result,
        searchResults: result.searchResults.map((group) => deviceGroupRecord(view, group, options)),
      });
    },
  },
  {
    method: 'GET',
    path: '/neurons/api/v1/rule_group/:id',
    summary: 'Get one device group (NG11)',
    catalogueIds: ['NG11'],
    roles: [...TENANT_ADMIN],
    errorBody: neuronsErrorBody,
    query: { dmPartitionId: PARTITION, type: TYPE, ...READ_OPTIONS },
    response: { status: 200, contentType: 'application/json', description: '{errors, result: the group}' },
    handle({ world, admin, params, query }) {
      const neurons = neuronsWorld(world);
      checkType(query.type);
      const group = requireGroup(neurons, admin, idList(params.id, 'ruleGroupId')[0], query.dmPartitionId as number);
      return ok(deviceGroupRecord(deviceView(world, neurons), group, readOptions(query)));
    },
  },
  {
    method: 'POST',
    path: '/neurons/api/v1/rule_group/:id/devices',
    summary: 'Set the static members of a device group: include a device to add it, exclude it to remove it (NG14)',
    catalogueIds: ['NG14'],
    roles: [...TENANT_ADMIN],
    errorBody: neuronsErrorBody,
    requestBody: {
      contentTypes: ['application/json', 'application/x-www-form-urlencoded'],
      description: 'The complete static member list.',
      example: { deviceIds: ['1000001'] },
    },
    response: {
      status: 200,
      contentType: 'application/json',
      description: 'Undocumented; the simulator answers {errors: null, result: <member count>}.',
    },
    handle({ world, admin, params, body, now }) {
      const neurons = neuronsWorld(world);
      const group = requireGroup(neurons, admin, idList(params.id, 'deviceGroupId')[0]);
      requireStatic(group);
      const ids = partitionDevices(world, neurons, group, idList(bodyObject(body).deviceIds, 'deviceIds'));
      group.staticMembers = new Set(ids);
      group.modifiedAt = now;
      group.modifiedBy = tenantAdmin(neurons, admin).accountId;
      return ok(group.staticMembers.size);
    },
  },
  {
    method: 'DELETE',
    path: '/neurons/api/v1/rule_group/:id/devices',
    summary: 'Remove devices from a static device group (NG06)',
    catalogueIds: ['NG06'],
    roles: [...TENANT_ADMIN],
    errorBody: neuronsErrorBody,
    requestBody: {
      contentTypes: ['application/json'],
      description: 'deviceIds: the members to remove.',
      example: { deviceIds: [1000001] },
    },
    response: {
      status: 200,
      contentType: 'application/json',
      description: '{errors: null, result: 0}, as the NG06 sample.',
    },
    handle({ world, admin, params, body, now }) {
      const neurons = neuronsWorld(world);
      const group = requireGroup(neurons, admin, idList(params.id, 'groupId')[0]);
      requireStatic(group);
      for (const id of idList(bodyObject(body).deviceIds, 'deviceIds')) group.staticMembers.delete(id);
      group.modifiedAt = now;
      group.modifiedBy = tenantAdmin(neurons, admin).accountId;
      return ok(0);
    },
  },
];
