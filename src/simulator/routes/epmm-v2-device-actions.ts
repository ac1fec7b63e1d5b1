// EPMM v2 device actions (V03, V14, V15, V18-V21, V23); the label calls, the per-device reports and the remaining
// device endpoints are the epmm-v2-device-*.ts routes beside it. Answers follow the newer (000) edition: the long
// form for sendmessage, wipe, retire and checkcompliance, the short form elsewhere.
import type { AdminRole } from '../fleet/types.js';
import type { HandlerResult, RequestContext, RouteDefinition } from '../http/route.js';
import { deviceScope } from '../spaces/device-scope.js';
import { findInScope, flag, parseBulkRequest, validation, type BulkRequest } from '../actions/bulk-request.js';
import {
  LOCK,
  REACHABLE_STATES,
  RETIRE,
  SEND_MESSAGE,
  UNLOCK,
  V03_COMMANDS,
  WAKEUP,
  WIPE,
  type DeviceCommand,
} from '../actions/device-commands.js';
import { validateMessage } from '../actions/message.js';
import { ActionOutcome, FAILURE } from '../actions/outcomes.js';
import { runBulk } from '../actions/run-bulk.js';
import { ADMIN_SPACE } from './epmm-v2-device-params.js';

const JSON_BODY = ['application/json'];
const SAMPLE_UUID = 'af0cea8b-f56c-49f5-b615-76cc34936b2f';
const SHORT_EXAMPLE = (actionType: string) => ({
  actionType,
  deviceResults: { [SAMPLE_UUID]: 'com.mobileiron.vsp.messages.device.action.successful' },
  successful: true,
});
const LONG_EXAMPLE = (actionType: string) => ({
  results: [{ resultId: '114', resultMessage: null, records: [SAMPLE_UUID] }],
  resultCount: 1,
  ...SHORT_EXAMPLE(actionType),
});

interface BulkRoute {
  path: string;
  id: string;
  summary: string;
  roles: AdminRole[];
  command: DeviceCommand;
  form: 'short' | 'long';
  example: unknown;
  /** Extra body validation; returns the options the command needs. */
  prepare?: (request: BulkRequest) => { forced?: boolean };
}

function bulkRoute(spec: BulkRoute): RouteDefinition {
  return {
    method: 'PUT',
    path: spec.path,
    summary: spec.summary,
    catalogueIds: [spec.id],
    roles: spec.roles,
    query: { adminDeviceSpaceId: ADMIN_SPACE },
    requestBody: {
      contentTypes: JSON_BODY,
      description: 'deviceUuids (array, or a comma-separated string), optional note, optional additionalParameters.',
      example: spec.example,
    },
    response: {
      status: 200,
      contentType: 'application/json',
      description: `${spec.form === 'long' ? 'Long' : 'Short'} action response; deviceResults lists every device.`,
      example: spec.form === 'long' ? LONG_EXAMPLE(spec.command.actionType) : SHORT_EXAMPLE(spec.command.actionType),
    },
    handle(ctx) {
      const inScope = deviceScope(ctx.world, ctx.admin, ctx.query.adminDeviceSpaceId as number);
      const request = parseBulkRequest(ctx.body);
      const options = spec.prepare?.(request) ?? {};
      const outcome = runBulk(spec.command, {
        world: ctx.world,
        now: ctx.now,
        inScope,
        request,
        forced: options.forced,
      });
      return answer(outcome, spec.form);
    },
  };
}

function answer(outcome: ActionOutcome, form: 'short' | 'long'): HandlerResult {
  return {
    status: 200,
    body: form === 'long' ? outcome.long(outcome.succeeded, outcome.succeeded.length) : outcome.short(),
  };
}

export const epmmV2DeviceActionRoutes: RouteDefinition[] = [
  {
    method: 'POST',
    path: '/api/v2/devices/action',
    summary: 'Act on a device (V03): roaming, hotspot, message, OS update, unlocks',
    catalogueIds: ['V03'],
    roles: ['MANAGE_DEVICES_RESTRICTED'],
    query: {
      adminDeviceSpaceId: ADMIN_SPACE,
      actionType: {
        type: 'string',
        required: true,
        description: `The action to perform: ${Object.keys(V03_COMMANDS).join(', ')}.`,
      },
    },
    requestBody: {
      contentTypes: JSON_BODY,
      description:
        'deviceUuids, note (1-200 characters), additionalParameters {message, mode sms|pns|email, subject, app} for SEND_MESSAGE.',
      example: {
        deviceUuids: ['db46d2ca-df92-46d6-807e-8eb014e28a6f'],
        note: 'Alerting owner to policy violation.',
        additionalParameters: {
          message: 'Your device is in policy violation',
          mode: 'sms',
          subject: 'Important news about your device',
          app: 'Motorola MC75',
        },
      },
    },
    response: {
      status: 200,
      contentType: 'application/json',
      description: 'Short action response.',
      example: SHORT_EXAMPLE('ENABLE_VOICE_ROAMING'),
    },
    handle(ctx: RequestContext) {
      const actionType = ctx.query.actionType as string;
      const command = V03_COMMANDS[actionType.toUpperCase()];
      if (!command)
        throw validation('actionType', `actionType: must be one of ${Object.keys(V03_COMMANDS).join(', ')}.`);
      const inScope = deviceScope(ctx.world, ctx.admin, ctx.query.adminDeviceSpaceId as number);
      const request = parseBulkRequest(ctx.body, { noteLength: { min: 1, max: 200 } });
      if (command.actionType === 'SEND_MESSAGE')
        validateMessage(request.additionalParameters, { required: ['message', 'mode', 'subject'] });
      return answer(runBulk(command, { world: ctx.world, now: ctx.now, inScope, request }), 'short');
    },
  },
  bulkRoute({
    path: '/api/v2/devices/wakeup',
    id: 'V14',
    summary: 'Wake up devices: force a check-in (V14)',
    roles: ['FORCE_CHECKIN'],
    command: WAKEUP,
    form: 'short',
    example: { deviceUuids: [SAMPLE_UUID], note: 'Please check in your device.' },
  }),
  bulkRoute({
    path: '/api/v2/devices/sendmessage',
    id: 'V15',
    summary: 'Send a message to devices (V15)',
    roles: ['SEND_MESSAGE'],
    command: SEND_MESSAGE,
    form: 'long',
    example: {
      deviceUuids: ['30b8b722-2954-42ab-bda8-700facfa249a'],
      note: 'Alerting to data roaming expense.',
      additionalParameters: { message: 'Data roaming is expensive.', mode: 'email', subject: 'About data roaming' },
    },
    prepare(request) {
      validateMessage(request.additionalParameters, { required: ['message'] });
      return {};
    },
  }),
  bulkRoute({
    path: '/api/v2/devices/wipe',
    id: 'V18',
    summary: 'Wipe devices (V18)',
    roles: ['WIPE'],
    command: WIPE,
    form: 'long',
    example: {
      deviceUuids: ['cb1bcc55-bba3-41df-9efa-a3496b065bf9'],
      note: 'Employee left company.',
      additionalParameters: { preserveDataPlan: 'true' },
    },
    prepare(request) {
      // Validated for type only: the simulated devices have no data plan state to preserve.
      flag(request.additionalParameters.preserveDataPlan, 'additionalParameters.preserveDataPlan');
      flag(request.additionalParameters.sendWipeNotification, 'additionalParameters.sendWipeNotification');
      return {};
    },
  }),
  bulkRoute({
    path: '/api/v2/devices/lock',
    id: 'V19',
    summary: 'Lock devices (V19)',
    roles: ['LOCK_UNLOCK'],
    command: LOCK,
    form: 'short',
    example: { deviceUuids: [SAMPLE_UUID], note: 'Employee left company.' },
  }),
  bulkRoute({
    path: '/api/v2/devices/unlock',
    id: 'V20',
    summary: 'Unlock devices (V20)',
    roles: ['LOCK_UNLOCK'],
    command: UNLOCK,
    form: 'short',
    example: { deviceUuids: [SAMPLE_UUID], note: 'Virus scan successful.' },
  }),
  bulkRoute({
    path: '/api/v2/devices/retire',
    id: 'V21',
    summary: 'Retire devices (V21); isActionForced retires RETIRE PENDING devices',
    roles: ['RETIRE'],
    command: RETIRE,
    form: 'long',
    example: {
      deviceUuids: ['e4dd5f15-0349-49a9-9cc7-0e6d121ff229', '7f2f9390-4593-4351-b065-6409016026be'],
      note: 'New phone issued',
      additionalParameters: { isActionForced: true },
    },
    prepare: (request) => ({
      forced: flag(request.additionalParameters.isActionForced, 'additionalParameters.isActionForced') ?? false,
    }),
  }),
  {
    method: 'PUT',
    path: '/api/v2/devices/checkcompliance',
    summary: 'Check device compliance for some or all devices (V23)',
    catalogueIds: ['V23'],
    roles: ['MANAGE_DEVICES', 'MANAGE_COMPLIANCE_ACTION'],
    query: {
      adminDeviceSpaceId: ADMIN_SPACE,
      allDevices: {
        type: 'boolean',
        required: true,
        description: 'true: check every device (send {}); false: the deviceUuids in the body.',
      },
    },
    requestBody: {
      contentTypes: JSON_BODY,
      description: '{} when allDevices=true, else {"deviceUuids": [...]}.',
      example: { deviceUuids: [SAMPLE_UUID] },
    },
    response: {
      status: 200,
      contentType: 'application/json',
      description: 'Long action response; records are the devices checked, deviceResults only failures.',
      example: { ...LONG_EXAMPLE('CHECK_COMPLIANCE'), deviceResults: {} },
    },
    handle(ctx) {
      const inScope = deviceScope(ctx.world, ctx.admin, ctx.query.adminDeviceSpaceId as number);
      const all = ctx.query.allDevices as boolean;
      const request = parseBulkRequest(ctx.body, { uuidsOptional: all });
      if (all && request.deviceUuids.length > 0)
        throw validation('deviceUuids', 'deviceUuids: must not be sent when allDevices is true; send {}.');
      // The simulated fleet's compliance is always current, so a check changes nothing; it reports what it checked.
      const outcome = new ActionOutcome('CHECK_COMPLIANCE', false);
      if (all) {
        for (const device of ctx.world.devices)
          if (inScope(device) && REACHABLE_STATES.includes(device.status)) outcome.success(device.uuid);
      } else {
        for (const uuid of request.deviceUuids) {
          const device = findInScope(ctx.world, uuid, inScope);
          if (!device) outcome.failure(uuid, FAILURE.deviceNotFound);
          else if (!REACHABLE_STATES.includes(device.status)) outcome.failure(uuid, FAILURE.state(device.status));
          else outcome.success(uuid);
        }
      }
      return answer(outcome, 'long');
    },
  },
];
