// V16/V17 apply and remove labels by name; V25 lists a device's labels (named only by the v1 guide as the v2
// replacement of `/api/v1/dm/labels/devices/{uuid}`; its shape is this simulator's, see docs/decisions.md).
import type { RouteDefinition } from '../http/route.js';
import { SimHttpError } from '../http/errors.js';
import { epmmError } from '../http/respond.js';
import { deviceHasLabel } from '../labels.js';
import { deviceScope } from '../spaces/device-scope.js';
import { ADMIN_SPACE } from './epmm-v2-device-params.js';
import { findInScope, parseBulkRequest, validation } from '../actions/bulk-request.js';
import { runLabelAction } from '../actions/label-actions.js';

const SAMPLE_RECORD = (label: string) => ({
  uuid: null,
  id: null,
  principal: null,
  deviceSpaceId: 1,
  deviceSpacePath: '/1/',
  label,
  device: [{ uuid: '9a56d1e5-ca74-4776-868c-389c849348b2' }],
});

function labelRoute(mode: 'add' | 'remove'): RouteDefinition {
  const actionType = mode === 'add' ? 'APPLY_LABEL_TO_DEVICES' : 'REMOVE_LABEL_FROM_DEVICES';
  return {
    method: 'PUT',
    path: `/api/v2/devices/labels/:labelNames/${mode}`,
    summary:
      mode === 'add'
        ? 'Apply labels (by name, comma-separated in the path) to devices (V16)'
        : 'Remove labels (by name) from devices (V17)',
    catalogueIds: [mode === 'add' ? 'V16' : 'V17'],
    roles: ['APPLY_LABEL'],
    query: { adminDeviceSpaceId: ADMIN_SPACE },
    requestBody: {
      contentTypes: ['application/json'],
      description: 'deviceUuids (array, or a comma-separated string).',
      example: { deviceUuids: ['af0cea8b-f56c-49f5-b615-76cc34936b2f'] },
    },
    response: {
      status: 200,
      contentType: 'application/json',
      description:
        'Long action response: one record per label with the devices it now covers; deviceResults lists failures only.',
      example: {
        results: [
          { resultId: '114', resultMessage: null, records: [SAMPLE_RECORD('ios'), SAMPLE_RECORD('company-owned')] },
        ],
        resultCount: 1,
        actionType,
        deviceResults: {},
        successful: true,
      },
    },
    handle(ctx) {
      const adminDeviceSpaceId = ctx.query.adminDeviceSpaceId as number;
      const inScope = deviceScope(ctx.world, ctx.admin, adminDeviceSpaceId);
      const labelNames = [
        ...new Set(
          ctx.params.labelNames
            .split(',')
            .map((name) => name.trim())
            .filter((name) => name.length > 0),
        ),
      ];
      if (labelNames.length === 0) throw validation('labelNames', 'labelNames: at least 1 label name required.');
      const request = parseBulkRequest(ctx.body);
      return {
        status: 200,
        body: runLabelAction({
          world: ctx.world,
          now: ctx.now,
          inScope,
          adminDeviceSpaceId,
          labelNames,
          deviceUuids: request.deviceUuids,
          mode,
        }),
      };
    },
  };
}

export const epmmV2DeviceLabelRoutes: RouteDefinition[] = [
  labelRoute('add'),
  labelRoute('remove'),
  {
    method: 'GET',
    path: '/api/v2/devices/:uuid/labels',
    summary: "Get a device's labels (V25; named by the v1 guide, shape chosen by the simulator)",
    catalogueIds: ['V25'],
    roles: ['VIEW_DEVICES'],
    query: { adminDeviceSpaceId: ADMIN_SPACE },
    response: {
      status: 200,
      contentType: 'application/json',
      description: 'The labels the device is in, built-in (dynamic) ones included, in label id order.',
      example: {
        results: [
          { id: -1, name: 'All-Smartphones', description: 'All iOS and Android devices', staticLabel: false },
          { id: 1, name: 'iOS', description: 'All iOS and iPadOS devices', staticLabel: true },
        ],
        totalCount: 2,
        resultCount: 2,
      },
    },
    handle(ctx) {
      const inScope = deviceScope(ctx.world, ctx.admin, ctx.query.adminDeviceSpaceId as number);
      const device = findInScope(ctx.world, ctx.params.uuid, inScope);
      if (!device)
        throw new SimHttpError(
          404,
          epmmError('com.mobileiron.vsp.messages.device.not.found', `Device not found: ${ctx.params.uuid}`, [
            ctx.params.uuid,
          ]),
        );
      const results = ctx.world.labels
        .filter((label) => deviceHasLabel(device, label))
        .sort((a, b) => a.id - b.id)
        .map((label) => ({
          id: label.id,
          name: label.name,
          description: label.description,
          staticLabel: !label.builtIn,
        }));
      return { status: 200, body: { results, totalCount: results.length, resultCount: results.length } };
    },
  },
];
