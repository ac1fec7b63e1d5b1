// Neurons devices by group (NG13), one device's detail, and the tenant's device partitions (the source of
// dmPartitionId the documents point to), under the /neurons prefix.
import type { SimDevice } from '../fleet/types.js';
import type { RouteDefinition } from '../http/route.js';
import {
  DEVICE_FIELDS,
  deviceFieldValues,
  deviceGroupTest,
  deviceRecord,
  deviceView,
  facets,
  type DeviceView,
} from '../neurons/devices.js';
import { FilterSyntaxError } from '../neurons/filter/ast.js';
import { checkFields, compileFilter, toTreeView } from '../neurons/filter/evaluate.js';
import { parseFilter } from '../neurons/filter/parse.js';
import {
  badRequest,
  neuronsErrorBody,
  notFound,
  ok,
  requirePartition,
  tenantAdmin,
  TENANT_ADMIN,
} from '../neurons/respond.js';
import { deviceGroupRecord } from '../neurons/rule-groups.js';
import { deviceByNeuronsId, neuronsDeviceId, neuronsWorld, partitionOf } from '../neurons/world.js';

const DEFAULT_ROWS = 50;
const ROWS_LIMIT_TEXT =
  'Do not send a value larger than 500 with the rows parameter because the APIs do not permit a value of greater than 500.';

/** Sortable fields by their camelCase record names (NG13 sorts on `lastCheckin`). */
const SORT_KEYS: Record<string, (device: SimDevice, view: DeviceView) => string | number> = {
  id: (device) => neuronsDeviceId(device),
  lastCheckin: (device) => Date.parse(device.lastCheckinAt),
  lastRegistrationTime: (device) => Date.parse(device.registeredAt),
  deviceName: (device) => device.deviceName,
  platformType: (device) => device.platform,
  platformVersion: (device) => device.osVersion,
  prettyModel: (device) => device.model,
  manufacturer: (device) => device.manufacturer,
  registrationState: (device) => device.status,
  displayName: (device, view) => view.world.usersByUuid.get(device.userUuid)?.displayName ?? '',
  emailAddress: (device, view) => view.world.usersByUuid.get(device.userUuid)?.email ?? '',
};
const COLLATOR = new Intl.Collator('en', { sensitivity: 'base' });

function freeText(view: DeviceView, device: SimDevice): string {
  const user = view.world.usersByUuid.get(device.userUuid);
  return [
    device.deviceName,
    device.model,
    device.serialNumber,
    device.imei,
    device.phoneNumber,
    user?.displayName,
    user?.email,
  ]
    .filter(Boolean)
    .join(' ')
    .toLowerCase();
}

function compileFq(view: DeviceView, fq: string | undefined) {
  try {
    const node = parseFilter(fq ?? '');
    checkFields(node, DEVICE_FIELDS);
    return compileFilter(node, deviceFieldValues(view));
  } catch (error) {
    if (error instanceof FilterSyntaxError) throw badRequest(`fq: ${error.message}`);
    throw error;
  }
}

export const neuronsDeviceRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    path: '/neurons/api/v1/device',
    summary: 'Devices of a partition filtered by a group rule (NG13)',
    catalogueIds: ['NG13'],
    roles: [...TENANT_ADMIN],
    errorBody: neuronsErrorBody,
    query: {
      dmPartitionId: { type: 'integer', required: true, min: 1, description: "The tenant's device space ID." },
      q: {
        type: 'string',
        maxLength: 255,
        description: 'Free text over name, model, serial, IMEI, phone and owner (undocumented; empty in the sample).',
      },
      fq: { type: 'string', maxLength: 4000, description: "The search query, e.g. OSVERSION EQ '5.0'." },
      rows: {
        type: 'integer',
        min: 1,
        max: 500,
        rangeMessage: ROWS_LIMIT_TEXT,
        description: 'How many rows to retrieve (at most 500).',
      },
      start: { type: 'integer', min: 0, description: 'Where in the record set to start.' },
      'sortFields[0].name': {
        type: 'string',
        maxLength: 64,
        description: 'The field on which to sort (camelCase, e.g. lastCheckin).',
      },
      'sortFields[0].order': { type: 'string', description: 'ASC or DESC.' },
    },
    response: {
      status: 200,
      contentType: 'application/json',
      description:
        '{errors, result: {totalCount, searchResults, offset, limit, queryTime, facetedResults, totalUnfilteredResultCount}}',
    },
    handle({ world, admin, query }) {
      const started = Date.now();
      const neurons = neuronsWorld(world);
      const partitionId = query.dmPartitionId as number;
      requirePartition(neurons, admin, partitionId);
      const view = deviceView(world, neurons);
      const test = compileFq(view, query.fq as string | undefined);
      const words = ((query.q as string | undefined) ?? '').toLowerCase().split(/\s+/).filter(Boolean);
      const matches = world.devices.filter(
        (device) =>
          partitionOf(neurons, device)?.id === partitionId &&
          test(device) &&
          (words.length === 0 || words.every((word) => freeText(view, device).includes(word))),
      );
      const sortName = query['sortFields[0].name'] as string | undefined;
      const order = ((query['sortFields[0].order'] as string | undefined) ?? 'ASC').toUpperCase();
      if (order !== 'ASC' && order !== 'DESC') throw badRequest('sortFields[0].order: must be ASC or DESC.');
      const key = SORT_KEYS[sortName ?? 'id'];
      if (!key) throw badRequest(`sortFields[0].name: unknown field '${sortName}'.`);
      const direction = order === 'DESC' ? -1 : 1;
      const keyed = matches.map((device) => ({ device, key: key(device, view) }));
      keyed.sort(
        (a, b) =>
          direction *
            (typeof a.key === 'number' && typeof b.key === 'number'
              ? a.key - b.key
              : COLLATOR.compare(String(a.key), String(b.key))) || a.device.id - b.device.id,
      );
      const start = (query.start as number | undefined) ?? 0;
      const rows = (query.rows as number | undefined) ?? DEFAULT_ROWS;
      const pageDevices = keyed.slice(start, start + rows).map((entry) => entry.device);
      return ok({
        totalCount: matches.length,
        searchResults: pageDevices.map((device) => deviceRecord(view, device)),
        offset: start,
        limit: rows,
        queryTime: Date.now() - started,
        facetedResults: facets(view, matches),
        // Both the document's sample and the real-world fixtures answer 0 here beside a non-zero totalCount.
        totalUnfilteredResultCount: 0,
      });
    },
  },
  {
    method: 'GET',
    path: '/neurons/api/v1/device/:id',
    summary: 'One device in full detail, with the device groups it belongs to (device_response.json)',
    // Not in the catalogue's documents: known from the real-world fixtures, served so that they can be checked.
    catalogueIds: [],
    roles: [...TENANT_ADMIN],
    errorBody: neuronsErrorBody,
    query: { dmPartitionId: { type: 'integer', required: true, min: 1, description: "The tenant's device space ID." } },
    response: {
      status: 200,
      contentType: 'application/json',
      description: '{errors, result: the device with groups[]}',
    },
    handle({ world, admin, params, query }) {
      const neurons = neuronsWorld(world);
      const partitionId = query.dmPartitionId as number;
      requirePartition(neurons, admin, partitionId);
      const device = /^\d+$/.test(params.id) ? deviceByNeuronsId(world, Number(params.id)) : undefined;
      if (!device || partitionOf(neurons, device)?.id !== partitionId) throw notFound(`Device ${params.id} not found.`);
      const view = deviceView(world, neurons);
      const groups = [...neurons.deviceGroups.values()]
        .filter((group) => group.partitionId === partitionId && deviceGroupTest(view, group)(device))
        .map((group) => ({
          ...deviceGroupRecord(view, group, { assignedPoliciesAndConfigs: false, memberCount: false }),
          staticMembers: null,
        }));
      return ok({
        ...deviceRecord(view, device),
        clientAppBundleId: null,
        groups,
        privacyPolicy: null,
        availableOSUpdates: [],
        timeZone: null,
      });
    },
  },
  {
    method: 'GET',
    path: '/neurons/api/v1/tenant/partition/device',
    summary: "The tenant's device partitions (device spaces): the source of dmPartitionId",
    // The documents name a "GET Tenant call" without describing it; this is the call the real-world fixture records.
    catalogueIds: [],
    roles: [...TENANT_ADMIN],
    errorBody: neuronsErrorBody,
    response: {
      status: 200,
      contentType: 'application/json',
      description: '{errors, result: {searchResults, totalCount, offset, limit}} as tenant_spaces.json',
    },
    handle({ world, admin }) {
      const neurons = neuronsWorld(world);
      const { partitionIds } = tenantAdmin(neurons, admin);
      const visible = neurons.partitions.filter((partition) => partitionIds.includes(partition.id));
      const searchResults = visible.map((partition) => ({
        id: partition.id,
        createdAt: partition.createdAt,
        createdBy: 1,
        modifiedAt: partition.createdAt,
        modifiedBy: 1,
        name: partition.name,
        description: partition.description,
        domainRule: null,
        defaultPartition: partition.defaultPartition,
        priority: partition.priority,
        guid: null,
        appCount: 0,
        contentCount: 0,
        memberCount: 0,
        countLastUpdatedAt: null,
        treeView: toTreeView(null),
        deviceCount: world.devices.filter((device) => partition.epmmSpaceIds.includes(device.spaceId)).length,
        configurationCount: 0,
        policyCount: 6,
        deviceGroupCount: [...neurons.deviceGroups.values()].filter((group) => group.partitionId === partition.id)
          .length,
      }));
      return ok({ searchResults, totalCount: searchResults.length, offset: 0, limit: 50 });
    },
  },
];
