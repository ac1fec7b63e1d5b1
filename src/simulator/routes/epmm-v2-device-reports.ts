// EPMM v2 device reports and bulk reads: V04 export (CSV), V05 delete retired devices, V11 EID/SIM details,
// V12 ActiveSync report (CSV), V13 app-control compliance, V24 rule compliance.
import type { SimAdmin, SimDevice, World } from '../fleet/types.js';
import { SimHttpError } from '../http/errors.js';
import { epmmError } from '../http/respond.js';
import type { RouteDefinition } from '../http/route.js';
import { deviceScope } from '../spaces/device-scope.js';
import { ADMIN_SPACE } from './epmm-v2-device-params.js';
import { activeSyncReport, parseState, REPORT_COLUMNS } from '../actions/activesync-report.js';
import { appViolationsByType } from '../actions/app-compliance.js';
import { bodyObject, findInScope, uuidList, validation } from '../actions/bulk-request.js';
import { deleteRetired } from '../actions/delete-retired.js';
import { exportColumns, exportCsv } from '../actions/export-devices.js';
import { ruleCompliance } from '../actions/rule-compliance.js';
import { simDetails } from '../actions/sim-details.js';
import { findDevices, sortDevices } from './epmm-v2-devices.js';

/** 000's limit; the older 001 edition allowed 5000. */
const EXPORT_LIMIT = 2000;
const DELETE_MAX = 512;

function deviceNotFound(uuid: string): SimHttpError {
  return new SimHttpError(
    404,
    epmmError('com.mobileiron.vsp.messages.device.not.found', `Device not found: ${uuid}`, [uuid]),
  );
}

/** The path's device, within the admin's space; a device in another space is as unknown as a missing one. */
function pathDevice(world: World, admin: SimAdmin, uuid: string, adminDeviceSpaceId: number): SimDevice {
  const device = findInScope(world, uuid, deviceScope(world, admin, adminDeviceSpaceId));
  if (!device) throw deviceNotFound(uuid);
  return device;
}

export const epmmV2DeviceReportRoutes: RouteDefinition[] = [
  {
    method: 'POST',
    path: '/api/v2/devices',
    summary: 'Export devices as CSV, by field groups (V04)',
    catalogueIds: ['V04'],
    roles: ['VIEW_DEVICES'],
    query: {
      adminDeviceSpaceId: ADMIN_SPACE,
      query: { type: 'string', maxLength: 2000, description: 'Search expression. An empty query returns everything.' },
      labelId: { type: 'integer', description: 'The Label ID.' },
      fieldGroups: {
        type: 'list',
        required: true,
        min: 1,
        maxItems: 20,
        maxLength: 20,
        description: 'BASIC, COMMON, ANDROID, IOS, USER, WINDOWS_PHONE.',
      },
      limit: {
        type: 'integer',
        min: 0,
        max: EXPORT_LIMIT,
        description: `Maximum number of entries to return (default ${EXPORT_LIMIT}).`,
      },
      offset: { type: 'integer', min: 0, max: 10_000_000, description: 'Index of the first entry to return.' },
      sortField: { type: 'string', maxLength: 320, description: 'Name of the field to use for sorting.' },
      sortOrder: { type: 'string', description: 'ASC or DESC.' },
    },
    response: {
      status: 200,
      contentType: 'text/csv',
      description:
        'A header line of field names, then one line per device (Content-Disposition: attachment; filename= DeviceSearchResult.csv).',
    },
    handle({ world, admin, query }) {
      const inScope = deviceScope(world, admin, query.adminDeviceSpaceId as number);
      const labelId = query.labelId as number | undefined;
      if (query.query === undefined && labelId === undefined)
        throw validation('query', 'One of either the query or labelId parameters is required.');
      const columns = exportColumns(query.fieldGroups as string[]);
      const matches = findDevices(world, (query.query as string | undefined) ?? '', labelId, inScope);
      const sorted = sortDevices(
        world,
        matches,
        query.sortField as string | undefined,
        query.sortOrder as string | undefined,
      );
      const offset = (query.offset as number | undefined) ?? 0;
      const page = sorted.slice(offset, offset + ((query.limit as number | undefined) ?? EXPORT_LIMIT));
      return {
        status: 200,
        body: exportCsv(world, page, columns),
        contentType: 'text/csv',
        // The space after "filename=" is in the document's response headers.
        headers: { 'content-disposition': 'attachment; filename= DeviceSearchResult.csv' },
      };
    },
  },
  {
    method: 'DELETE',
    path: '/api/v2/devices',
    summary: 'Delete retired devices not modified in the last day (V05)',
    catalogueIds: ['V05'],
    roles: ['DELETE_RETIRED'],
    query: { adminDeviceSpaceId: ADMIN_SPACE },
    requestBody: {
      contentTypes: ['application/json'],
      description: `deviceUuids, wifiMacs and/or principals (1-${DELETE_MAX} each); a device named by any of them is a candidate.`,
      example: { deviceUuids: ['10c43352-15b2-413b-a3e0-4daf3977711a', 'B0BAB9BA-388E-4612-B579-43A40411670C'] },
    },
    response: {
      status: 200,
      contentType: 'application/json',
      description: 'A bare array of the uuids deleted; ineligible devices are silently left out.',
      example: ['10c43352-15b2-413b-a3e0-4daf3977711a'],
    },
    handle({ world, admin, query, body, now }) {
      const inScope = deviceScope(world, admin, query.adminDeviceSpaceId as number);
      const object = bodyObject(body);
      const selectors = {
        deviceUuids: uuidList(object.deviceUuids, 'deviceUuids', true, DELETE_MAX),
        wifiMacs: uuidList(object.wifiMacs, 'wifiMacs', true, DELETE_MAX),
        principals: uuidList(object.principals, 'principals', true, DELETE_MAX),
      };
      if (selectors.deviceUuids.length + selectors.wifiMacs.length + selectors.principals.length === 0) {
        throw validation('deviceUuids', 'One of deviceUuids, wifiMacs or principals is required.');
      }
      return { status: 200, body: deleteRetired(world, selectors, inScope, now) };
    },
  },
  {
    method: 'GET',
    path: '/api/v2/devices/simdetails/:uuid',
    summary: 'Get the EID (SIM) details of an iOS 14+ device (V11)',
    catalogueIds: ['V11'],
    roles: ['VIEW_DEVICES'],
    query: { adminDeviceSpaceId: ADMIN_SPACE },
    response: {
      status: 200,
      contentType: 'application/json',
      description: 'One entry per SIM slot, "N/A" for unknown values; empty for other devices.',
      example: {
        results: [
          {
            eid: 'N/A',
            phoneNumber: 'N/A',
            carrierSettingVersion: 'N/A',
            carrierNetwork: 'N/A',
            slot: 'CTSubscriptionSlotOne',
            simLabel: 'N/A',
          },
          {
            eid: '89049032005008882600048285696082',
            phoneNumber: '+14089660949',
            carrierSettingVersion: '41.7.70',
            carrierNetwork: 'Verizon ',
            slot: 'CTSubscriptionSlotTwo',
            simLabel: 'Secondary',
          },
        ],
        totalCount: 2,
        resultCount: 2,
      },
    },
    handle({ world, admin, params, query }) {
      const results = simDetails(pathDevice(world, admin, params.uuid, query.adminDeviceSpaceId as number));
      return { status: 200, body: { results, totalCount: results.length, resultCount: results.length } };
    },
  },
  {
    method: 'GET',
    path: '/api/v2/activesync/devicereport',
    summary: 'ActiveSync devices: last sync time and state, as CSV (V12)',
    catalogueIds: ['V12'],
    roles: ['MANAGE_ACTIVESYNC'],
    query: {
      daysIdle: {
        type: 'integer',
        required: true,
        min: 0,
        description: 'Minimum days since the last sync; 0 for all.',
      },
      state: {
        type: 'string',
        description: 'a (allowed), b (blocked), w (wiped), q (quarantined), r (retired); the whole word works too.',
      },
    },
    response: {
      status: 200,
      contentType: 'text/csv',
      description: `Header ${REPORT_COLUMNS.join(',')}, then one line per ActiveSync device.`,
    },
    handle({ world, query, now }) {
      const state = parseState(query.state as string | undefined);
      return {
        status: 200,
        body: activeSyncReport(world.activeSyncDevices, query.daysIdle as number, state, now),
        contentType: 'text/csv',
      };
    },
  },
  {
    method: 'GET',
    path: '/api/v2/devices/:uuid/appcompliance',
    summary: 'Get app control compliance of a device (V13); needs both View devices and Mobile App',
    catalogueIds: ['V13'],
    roles: ['VIEW_DEVICES', 'MOBILE_APP'],
    query: { adminDeviceSpaceId: ADMIN_SPACE },
    response: {
      status: 200,
      contentType: 'application/json',
      description: 'results is an object; types without violations are omitted.',
      example: {
        results: {
          deviceUuid: '7b3ad194-3bc0-4229-b30f-26f6bb277dd7',
          appViolationsByType: {
            Disallowed: [{ type: 'Disallowed', appName: 'Sudoku', appVersion: '4.6' }],
            Required: [{ type: 'Required', appName: 'Evernote', appVersion: null }],
          },
        },
      },
    },
    handle({ world, admin, params, query }) {
      // "Required Roles" lists two roles without "or" (V23 says "or"): both are needed; the router checks one.
      if (!admin.roles.has('VIEW_DEVICES') || !admin.roles.has('MOBILE_APP')) {
        throw new SimHttpError(
          403,
          epmmError(
            'com.mobileiron.vsp.messages.access.denied',
            'The administrator does not have the role required for this call.',
          ),
        );
      }
      const device = pathDevice(world, admin, params.uuid, query.adminDeviceSpaceId as number);
      return {
        status: 200,
        body: { results: { deviceUuid: device.uuid, appViolationsByType: appViolationsByType(device) } },
      };
    },
  },
  {
    method: 'GET',
    path: '/api/v2/devices/:uuid/rulecompliance',
    summary: 'Get device compliance and the reasons for non-compliance (V24)',
    catalogueIds: ['V24'],
    roles: ['MANAGE_DEVICES'],
    query: { adminDeviceSpaceId: ADMIN_SPACE },
    response: {
      status: 200,
      contentType: 'application/json',
      description: 'One record per violated rule; empty for a compliant device.',
      example: {
        results: [
          {
            id: 1,
            deviceUuid: '9c311225-a7e1-486b-8682-96f96bfb38be',
            ruleId: 1,
            complianceAction: 1,
            quarantineAction: 0,
            createdAt: 1558738202000,
            userDisplayName: 'miadmin',
            userId: 'miadmin',
            platformName: 'iOS 11.2',
            model: 'iPhone 6s',
            actionName: 'Send Alert',
            ruleName: 'test2',
            complianceActionNames: ['ALERT'],
          },
        ],
        totalCount: 1,
        resultCount: 1,
      },
    },
    handle({ world, admin, params, query }) {
      const results = ruleCompliance(world, pathDevice(world, admin, params.uuid, query.adminDeviceSpaceId as number));
      return { status: 200, body: { results, totalCount: results.length, resultCount: results.length } };
    },
  },
];
