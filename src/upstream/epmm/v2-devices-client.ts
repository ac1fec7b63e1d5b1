// Typed client for the EPMM v2 device endpoints beside the search (catalogue V02-V05, V11-V25): device actions,
// labels, compliance, SIM details, the ActiveSync report, registration and the export. One method per
// allow-listed endpoint, each validating its response. State-changing calls are never retried here.
import { GatewayError } from '../../errors.js';
import type { UpstreamHttp, UpstreamRequest } from '../http.js';
import type { EpmmCaller } from './client.js';
import { callerFields, type UpstreamCaller } from '../caller.js';
import {
  ActionResponse,
  ActiveSyncReportRow,
  AppComplianceResponse,
  DeleteDevicesResponse,
  DeviceLabelsResponse,
  LabelActionResponse,
  MessagesEnvelopeOrNever,
  parseCsv,
  RegisterDeviceResponse,
  RuleComplianceResponse,
  SimDetailsResponse,
  TeamViewerSessionResponse,
  type CsvTable,
} from './device-actions-dto.js';
import { EPMM_DEVICE_ACTION_ROUTES as ROUTES } from './device-actions-routes.js';
import { parseEpmm } from './parse.js';
import type { DeviceMessage } from '../../models/device-operations.js';

export type DeviceActionType =
  | 'ENABLE_VOICE_ROAMING'
  | 'DISABLE_VOICE_ROAMING'
  | 'ENABLE_DATA_ROAMING'
  | 'DISABLE_DATA_ROAMING'
  | 'ENABLE_PERSONAL_HOTSPOT'
  | 'DISABLE_PERSONAL_HOTSPOT'
  | 'SEND_MESSAGE'
  | 'UPDATE_OS'
  | 'UNLOCK_APP_CONNECT_CONTAINER'
  | 'UNLOCK_DEVICE_ONLY';

// Declared with the models so that resolvers may name it (docs/architecture.md); re-exported for the callers here.
export type { DeviceMessage } from '../../models/device-operations.js';

export interface RegisterDeviceInput {
  countryCode: number;
  operatorId: number;
  /** EPMM's platform code: I (iOS), A (Android), L (macOS), E (Windows). */
  platform: string;
  phoneNumber?: string;
  deviceLanguageId?: number;
  notifyUser?: boolean;
  isForceRegister?: boolean;
}

export interface ExportParams {
  query?: string;
  labelId?: number;
  fieldGroups: ReadonlyArray<'BASIC' | 'COMMON' | 'ANDROID' | 'IOS' | 'USER' | 'WINDOWS_PHONE'>;
  limit?: number;
  offset?: number;
  sortField?: string;
  sortOrder?: 'ASC' | 'DESC';
}

export interface DeleteSelectors {
  deviceUuids?: readonly string[];
  wifiMacs?: readonly string[];
  principals?: readonly string[];
}

/** V12 `state`: allowed, blocked, wiped, quarantined, retired. */
export type ActiveSyncState = 'a' | 'b' | 'w' | 'q' | 'r';

export class EpmmV2DevicesClient {
  constructor(private readonly http: UpstreamHttp) {}

  /** V02: registers a device for the calling account. */
  async registerDevice(caller: UpstreamCaller, input: RegisterDeviceInput): Promise<RegisterDeviceResponse> {
    const isPhoneNumberAvailable = input.phoneNumber !== undefined;
    const body = await this.http.requestJson({
      route: ROUTES.registerDevice,
      ...callerFields(caller),
      body: {
        ...input,
        isPhoneNumberAvailable,
        notifyUser: input.notifyUser ?? true,
        isForceRegister: input.isForceRegister ?? false,
      },
    });
    return parseEpmm(RegisterDeviceResponse, body, 'device registration');
  }

  /** V03: one of the ten action types; SEND_MESSAGE needs `message` (with a subject, required here). */
  actOnDevices(
    caller: EpmmCaller,
    actionType: DeviceActionType,
    deviceUuids: readonly string[],
    options: { note?: string; message?: DeviceMessage } = {},
  ): Promise<ActionResponse> {
    return this.action(
      caller,
      { route: ROUTES.actOnDevices, query: { adminDeviceSpaceId: caller.adminDeviceSpaceId, actionType } },
      { deviceUuids, note: options.note, additionalParameters: options.message },
      'device action',
    );
  }

  /** V04: the search as CSV with the columns of the field groups. */
  async exportDevices(caller: EpmmCaller, params: ExportParams): Promise<CsvTable> {
    const text = await this.http.requestText({
      route: ROUTES.exportDevices,
      ...callerFields(caller),
      query: {
        adminDeviceSpaceId: caller.adminDeviceSpaceId,
        query: params.query,
        labelId: params.labelId,
        fieldGroups: params.fieldGroups.join(','),
        limit: params.limit,
        offset: params.offset,
        sortField: params.sortField,
        sortOrder: params.sortOrder,
      },
    });
    return csvOrError(text, 'device export');
  }

  /** V05: deletes the retired devices named; returns the uuids actually deleted (the rest are silently kept). */
  async deleteRetiredDevices(caller: EpmmCaller, selectors: DeleteSelectors): Promise<string[]> {
    const body = await this.http.requestJson({
      route: ROUTES.deleteDevices,
      ...callerFields(caller),
      query: { adminDeviceSpaceId: caller.adminDeviceSpaceId },
      body: selectors,
    });
    return parseEpmm(DeleteDevicesResponse, body, 'device deletion');
  }

  /** V11: SIM slots of an iOS 14+ device. */
  async simDetails(caller: EpmmCaller, uuid: string): Promise<SimDetailsResponse> {
    return parseEpmm(SimDetailsResponse, await this.read(caller, ROUTES.simDetails, uuid), 'SIM details');
  }

  /** V12: ActiveSync partnerships idle for at least `daysIdle` days (0 = all), optionally of one state. */
  async activeSyncReport(
    caller: UpstreamCaller,
    params: { daysIdle: number; state?: ActiveSyncState },
  ): Promise<ActiveSyncReportRow[]> {
    const text = await this.http.requestText({
      route: ROUTES.activeSyncReport,
      ...callerFields(caller),
      query: { daysIdle: params.daysIdle, state: params.state },
    });
    const table = csvOrError(text, 'ActiveSync report');
    return table.rows.map((row) => parseEpmm(ActiveSyncReportRow, row, 'ActiveSync report'));
  }

  /** V13: app-control violations of a device, by type. */
  async appCompliance(caller: EpmmCaller, uuid: string): Promise<AppComplianceResponse> {
    return parseEpmm(AppComplianceResponse, await this.read(caller, ROUTES.appCompliance, uuid), 'app compliance');
  }

  /** V14: asks devices to check in. */
  wakeUp(caller: EpmmCaller, deviceUuids: readonly string[], note?: string): Promise<ActionResponse> {
    return this.bulk(caller, ROUTES.wakeUp, { deviceUuids, note }, 'wake-up');
  }

  /** V15: sends a message (push, SMS or e-mail). */
  sendMessage(
    caller: EpmmCaller,
    deviceUuids: readonly string[],
    message: DeviceMessage,
    note?: string,
  ): Promise<ActionResponse> {
    return this.bulk(caller, ROUTES.sendMessage, { deviceUuids, note, additionalParameters: message }, 'send message');
  }

  /** V16: applies labels, by name, to devices. Success leaves `deviceResults` empty; records list the devices per label. */
  applyLabels(
    caller: EpmmCaller,
    labelNames: readonly string[],
    deviceUuids: readonly string[],
  ): Promise<LabelActionResponse> {
    return this.labels(caller, ROUTES.applyLabels, labelNames, deviceUuids);
  }

  /** V17: removes labels, by name, from devices. */
  removeLabels(
    caller: EpmmCaller,
    labelNames: readonly string[],
    deviceUuids: readonly string[],
  ): Promise<LabelActionResponse> {
    return this.labels(caller, ROUTES.removeLabels, labelNames, deviceUuids);
  }

  /** V18: wipes devices; the flag is sent as the "true"/"false" string the document's sample uses. */
  wipe(
    caller: EpmmCaller,
    deviceUuids: readonly string[],
    options: { note?: string; preserveDataPlan?: boolean } = {},
  ): Promise<ActionResponse> {
    const additionalParameters =
      options.preserveDataPlan === undefined ? undefined : { preserveDataPlan: String(options.preserveDataPlan) };
    return this.bulk(caller, ROUTES.wipe, { deviceUuids, note: options.note, additionalParameters }, 'wipe');
  }

  /** V19. */
  lock(caller: EpmmCaller, deviceUuids: readonly string[], note?: string): Promise<ActionResponse> {
    return this.bulk(caller, ROUTES.lock, { deviceUuids, note }, 'lock');
  }

  /** V20. */
  unlock(caller: EpmmCaller, deviceUuids: readonly string[], note?: string): Promise<ActionResponse> {
    return this.bulk(caller, ROUTES.unlock, { deviceUuids, note }, 'unlock');
  }

  /** V21: `force` retires devices stuck in RETIRE PENDING (000's isActionForced, a JSON boolean as in its sample). */
  retire(
    caller: EpmmCaller,
    deviceUuids: readonly string[],
    options: { note?: string; force?: boolean } = {},
  ): Promise<ActionResponse> {
    const additionalParameters = options.force === undefined ? undefined : { isActionForced: options.force };
    return this.bulk(caller, ROUTES.retire, { deviceUuids, note: options.note, additionalParameters }, 'retire');
  }

  /** V22: a TeamViewer session; the body is a form with the space id in it. */
  async openTeamViewerSession(
    caller: EpmmCaller,
    platform: 'iOS' | 'Android',
    uuid: string,
  ): Promise<TeamViewerSessionResponse> {
    const body = await this.http.requestJson({
      route: platform === 'iOS' ? ROUTES.teamViewerIos : ROUTES.teamViewerAndroid,
      ...callerFields(caller),
      form: { adminDeviceSpaceId: String(caller.adminDeviceSpaceId), deviceUuid: uuid },
    });
    return parseEpmm(TeamViewerSessionResponse, body, 'TeamViewer session');
  }

  /** V23: triggers a compliance check of some devices, or of all (sending `{}` as the document requires). */
  checkCompliance(
    caller: EpmmCaller,
    target: { allDevices: true } | { deviceUuids: readonly string[] },
  ): Promise<ActionResponse> {
    const all = 'allDevices' in target;
    return this.action(
      caller,
      { route: ROUTES.checkCompliance, query: { adminDeviceSpaceId: caller.adminDeviceSpaceId, allDevices: all } },
      all ? {} : { deviceUuids: target.deviceUuids },
      'compliance check',
    );
  }

  /** V24: the violated compliance rules of a device; empty when compliant. */
  async ruleCompliance(caller: EpmmCaller, uuid: string): Promise<RuleComplianceResponse> {
    return parseEpmm(RuleComplianceResponse, await this.read(caller, ROUTES.ruleCompliance, uuid), 'rule compliance');
  }

  /** V25: the labels a device is in. */
  async deviceLabels(caller: EpmmCaller, uuid: string): Promise<DeviceLabelsResponse> {
    return parseEpmm(DeviceLabelsResponse, await this.read(caller, ROUTES.deviceLabels, uuid), 'device labels');
  }

  private read(caller: EpmmCaller, route: UpstreamRequest['route'], uuid: string): Promise<unknown> {
    return this.http.requestJson({
      route,
      ...callerFields(caller),
      pathParams: { uuid },
      query: { adminDeviceSpaceId: caller.adminDeviceSpaceId },
    });
  }

  private bulk(
    caller: EpmmCaller,
    route: UpstreamRequest['route'],
    body: Record<string, unknown>,
    what: string,
  ): Promise<ActionResponse> {
    return this.action(caller, { route, query: { adminDeviceSpaceId: caller.adminDeviceSpaceId } }, body, what);
  }

  private async action(
    caller: EpmmCaller,
    target: Pick<UpstreamRequest, 'route' | 'query'>,
    body: Record<string, unknown>,
    what: string,
  ): Promise<ActionResponse> {
    const response = await this.http.requestJson({
      ...target,
      ...callerFields(caller),
      body: withoutUndefined(body),
    });
    return parseEpmm(ActionResponse, response, what);
  }

  private async labels(
    caller: EpmmCaller,
    route: UpstreamRequest['route'],
    labelNames: readonly string[],
    deviceUuids: readonly string[],
  ): Promise<LabelActionResponse> {
    // The names travel as one comma-separated path segment, so a name with a comma would become two labels.
    if (labelNames.length === 0 || labelNames.some((name) => name.includes(',') || name.trim() === '')) {
      throw new GatewayError('BAD_USER_INPUT', 'Label names must be non-empty and must not contain a comma.');
    }
    const response = await this.http.requestJson({
      route,
      ...callerFields(caller),
      pathParams: { labelNames: labelNames.join(',') },
      query: { adminDeviceSpaceId: caller.adminDeviceSpaceId },
      body: { deviceUuids },
    });
    return parseEpmm(LabelActionResponse, response, 'label');
  }
}

function withoutUndefined(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
}

/** A CSV call may still answer an EPMM `messages` error (JSON) with a 2xx status: that is reported as the error. */
function csvOrError(text: string, what: string): CsvTable {
  if (text.trimStart().startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return parseCsv(text, what);
    }
    parseEpmm(MessagesEnvelopeOrNever, json, what);
  }
  return parseCsv(text, what);
}
