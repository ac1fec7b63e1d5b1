// EPMM v2 device endpoints (catalogue V01-V24). This slice: search, count, query test, search fields, details.
import { deviceDetails, FIELD_BY_NAME, resolveFieldName, searchFieldList } from '../fleet/device-fields.js';
import type { SimDevice, World } from '../fleet/types.js';
import { SimHttpError } from '../http/errors.js';
import { epmmError } from '../http/respond.js';
import type { RouteDefinition } from '../http/route.js';
import { deviceHasLabel } from '../labels.js';
import {
  compilePredicate,
  exactUuidLookup,
  parseAdvancedQuery,
  SearchSyntaxError,
  type QueryNode,
} from '../search/index.js';
import { deviceScope } from '../spaces/device-scope.js';

const VIEW = ['VIEW_DEVICES'] as const;
const ADMIN_SPACE = {
  type: 'integer',
  required: true,
  min: 0,
  description: 'Device space ID of the administrator.',
} as const;
const PARSE_FAILURE = 'com.mobileiron.vsp.messages.advancedsearch.parse.failure';
/** The V01 sample returns this field although it was not requested; reproduced so clients learn to tolerate extras. */
const ALWAYS_RETURNED = 'common.ccm_migration_status';
/** EPMM documents no default page size; 50 is what its UI sends. */
const DEFAULT_LIMIT = 50;

export const epmmV2DeviceRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    path: '/api/v2/devices',
    aliases: ['/admin/rest/api/v2/devices'],
    summary: 'Search for devices (V01)',
    catalogueIds: ['V01'],
    roles: [...VIEW],
    query: {
      adminDeviceSpaceId: ADMIN_SPACE,
      query: { type: 'string', maxLength: 255, description: 'Search expression. An empty query returns everything.' },
      labelId: { type: 'integer', description: 'The Label ID.' },
      fields: {
        type: 'list',
        required: true,
        min: 1,
        maxItems: 512,
        maxLength: 320,
        description: 'Names of the fields to return.',
      },
      limit: { type: 'integer', min: 0, max: 200, description: 'Maximum number of entries to return.' },
      offset: { type: 'integer', min: 0, max: 10_000_000, description: 'Index of the first entry to return.' },
      sortField: { type: 'string', maxLength: 320, description: 'Name of the field to use for sorting.' },
      sortOrder: { type: 'string', description: 'ASC or DESC.' },
    },
    handle({ world, admin, query, now }) {
      const started = Date.now();
      const inScope = deviceScope(world, admin, query.adminDeviceSpaceId as number | undefined);
      const text = (query.query as string | undefined) ?? '';
      const labelId = query.labelId as number | undefined;
      if (query.query === undefined && labelId === undefined) {
        throw validation('query', 'One of either the query or labelId parameters is required.');
      }
      const matches = findDevices(world, text, labelId, inScope);
      const sorted = sortDevices(
        world,
        matches,
        query.sortField as string | undefined,
        query.sortOrder as string | undefined,
      );
      const offset = (query.offset as number | undefined) ?? 0;
      const limit = (query.limit as number | undefined) ?? DEFAULT_LIMIT;
      const page = sorted.slice(offset, offset + limit);
      const fields = query.fields as string[];
      return {
        status: 200,
        body: {
          results: page.map((device) => projectDevice(world, device, fields)),
          totalCount: sorted.length,
          resultCount: page.length,
          searchTimeMillis: Date.now() - started,
          currentServerTimeMilliseconds: now,
          hasMore: offset + page.length < sorted.length,
        },
      };
    },
  },
  {
    method: 'GET',
    path: '/api/v2/devices/count',
    summary: 'Count devices (V06)',
    catalogueIds: ['V06'],
    roles: [...VIEW],
    query: {
      adminDeviceSpaceId: ADMIN_SPACE,
      query: {
        type: 'string',
        required: true,
        maxLength: 2000,
        description: 'An empty query returns the count of all devices.',
      },
    },
    handle({ world, admin, query }) {
      const inScope = deviceScope(world, admin, query.adminDeviceSpaceId as number | undefined);
      const predicate = compilePredicate(parseOrFail(query.query as string), fieldValue(world));
      let totalCount = 0;
      for (const device of world.devices) if (inScope(device) && predicate(device)) totalCount += 1;
      return { status: 200, body: { totalCount } };
    },
  },
  {
    method: 'GET',
    path: '/api/v2/devices/query_test',
    aliases: ['/api/v2/device/query_test'],
    summary: 'Test an advanced search query (V07)',
    catalogueIds: ['V07'],
    roles: [...VIEW],
    query: {
      adminDeviceSpaceId: { ...ADMIN_SPACE, required: false },
      query: { type: 'string', required: true, maxLength: 2000, description: 'An empty query is valid.' },
    },
    handle({ query }) {
      try {
        parseAdvancedQuery(query.query as string, resolveFieldName);
        return { status: 200, body: { valid: true, token: '', position: -1 } };
      } catch (error) {
        if (!(error instanceof SearchSyntaxError)) throw error;
        return { status: 200, body: { valid: false, token: error.token, position: error.position } };
      }
    },
  },
  {
    method: 'GET',
    path: '/api/v2/devices/search_fields',
    aliases: ['/api/v2/device/search_fields'],
    summary: 'Get the list of searchable device fields (V08)',
    catalogueIds: ['V08'],
    roles: [...VIEW],
    query: { adminDeviceSpaceId: { ...ADMIN_SPACE, required: false } },
    handle() {
      return { status: 200, body: searchFieldList() };
    },
  },
  {
    method: 'GET',
    path: '/api/v2/devices/:uuid/details',
    summary: 'Get device details (V09), with Android battery health on request (V10)',
    catalogueIds: ['V09', 'V10'],
    roles: [...VIEW],
    query: {
      // The V09/V10 samples omit it although the tables call it required; the simulator defaults it the way
      // a real server answers such calls for a Global admin, but still refuses a space the admin lacks.
      adminDeviceSpaceId: { ...ADMIN_SPACE, required: false },
      command: { type: 'string', description: 'Command to evaluate. Use deviceDetail.' },
      deviceId: { type: 'string', description: 'The device UUID (repeated from the path in the V10 sample).' },
      os: { type: 'string', description: 'OS to evaluate, for example Android 12L.' },
      isBatteryStatsRequired: { type: 'boolean', description: 'Use true to include battery information.' },
    },
    handle({ world, admin, params, query }) {
      const inScope = deviceScope(world, admin, (query.adminDeviceSpaceId as number | undefined) ?? admin.spaceIds[0]);
      const device = world.devicesByUuid.get(params.uuid.toLowerCase());
      if (!device || !inScope(device)) throw deviceNotFound(params.uuid);
      const results = deviceDetails(device, world, { batteryStats: query.isBatteryStatsRequired === true });
      return { status: 200, body: { results, totalCount: results.length, resultCount: results.length } };
    },
  },
];

export function findDevices(
  world: World,
  text: string,
  labelId: number | undefined,
  inScope: (device: SimDevice) => boolean,
): SimDevice[] {
  if (labelId !== undefined) {
    const label = world.labels.find((candidate) => candidate.id === labelId);
    if (!label) return [];
    const inLabel = (device: SimDevice) => inScope(device) && deviceHasLabel(device, label);
    if (text.trim() === '') return world.devices.filter(inLabel);
    // Documented quirk: a label with an advanced query silently returns nothing; a label with
    // words that are not an advanced query is a free-text search inside the label.
    if (isAdvancedQuery(text)) return [];
    const words = text.trim().toLowerCase().split(/\s+/);
    return world.devices.filter(
      (device) => inLabel(device) && words.every((word) => freeText(world, device).includes(word)),
    );
  }
  const node = parseOrFail(text);
  const uuids = exactUuidLookup(node, 'common.uuid');
  const candidates = uuids
    ? uuids
        .map((uuid) => world.devicesByUuid.get(uuid.toLowerCase()))
        .filter((device): device is SimDevice => device !== undefined)
    : world.devices;
  const predicate = compilePredicate(node, fieldValue(world));
  return [...new Set(candidates)].filter((device) => inScope(device) && predicate(device));
}

function isAdvancedQuery(text: string): boolean {
  try {
    parseAdvancedQuery(text, resolveFieldName);
    return true;
  } catch {
    return false;
  }
}

function parseOrFail(text: string): QueryNode | null {
  try {
    return parseAdvancedQuery(text, resolveFieldName);
  } catch (error) {
    if (!(error instanceof SearchSyntaxError)) throw error;
    throw new SimHttpError(400, epmmError(PARSE_FAILURE, error.message, [error.token, error.position]));
  }
}

function fieldValue(world: World) {
  return (device: SimDevice, name: string) => FIELD_BY_NAME.get(name)?.get(device, world) ?? null;
}

function freeText(world: World, device: SimDevice): string {
  const user = world.usersByUuid.get(device.userUuid);
  return [
    device.deviceName,
    device.model,
    device.manufacturer,
    device.phoneNumber,
    device.imei,
    device.serialNumber,
    user?.displayName,
    user?.userId,
    user?.email,
  ]
    .filter((part): part is string => typeof part === 'string')
    .join(' ')
    .toLowerCase();
}

export function sortDevices(
  world: World,
  devices: SimDevice[],
  sortField: string | undefined,
  sortOrder: string | undefined,
): SimDevice[] {
  const direction = sortOrder?.toUpperCase() === 'DESC' ? -1 : 1;
  if (sortOrder !== undefined && !/^(ASC|DESC)$/i.test(sortOrder))
    throw validation('sortOrder', 'sortOrder: must be ASC or DESC.');
  const canonical = sortField === undefined ? 'common.id' : resolveFieldName(sortField);
  const field = canonical === undefined ? undefined : FIELD_BY_NAME.get(canonical);
  if (!field) throw validation('sortField', `sortField: unknown field '${sortField}'.`);
  // The fleet is kept in id order, so the default sort is free; other fields sort precomputed keys.
  if (canonical === 'common.id') return direction === 1 ? devices : [...devices].reverse();
  const keyed = devices.map((device) => ({ device, key: field.get(device, world) }));
  keyed.sort((a, b) => direction * compareValues(a.key, b.key) || a.device.id - b.device.id);
  return keyed.map((entry) => entry.device);
}

function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1; // nulls last, as EPMM's grid shows them
  if (b === null || b === undefined) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return COLLATOR.compare(String(a), String(b));
}

/** Case-insensitive ordering like EPMM's grid; one collator, as `localeCompare` with options is ~100x slower. */
const COLLATOR = new Intl.Collator('en', { sensitivity: 'base' });

/** V01 returns only requested fields that have a value: null and inapplicable fields are omitted. */
function projectDevice(world: World, device: SimDevice, fields: string[]): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const name of [...fields, ALWAYS_RETURNED]) {
    const field = FIELD_BY_NAME.get(name);
    if (!field) continue;
    const value = field.get(device, world);
    if (value !== null && value !== undefined) row[name] = value;
  }
  return row;
}

function validation(param: string, message: string): SimHttpError {
  return new SimHttpError(400, epmmError('com.mobileiron.vsp.messages.validation.failure', message, [param]));
}

function deviceNotFound(uuid: string): SimHttpError {
  return new SimHttpError(
    404,
    epmmError('com.mobileiron.vsp.messages.device.not.found', `Device not found: ${uuid}`, [uuid]),
  );
}
