// Typed client for the EPMM device-space endpoints (catalogue DS01, DS03-DS11; DS02 is EpmmClient.myDeviceSpaces):
// one method per allow-listed endpoint, each validating its response. State-changing calls are never retried.
import { GatewayError } from '../../errors.js';
import type { UpstreamHttp, UpstreamRequest } from '../http.js';
import type { EpmmCaller } from './client.js';
import {
  ChangePriorityResponse,
  CriteriaFieldsResponse,
  DeviceSpaceIdResponse,
  DeviceSpaceListResponse,
  NoContentResponse,
  PolicyRestrictionsResponse,
  SaveMessagesResponse,
  type DeviceSpaceDetail,
  type InfoMessage,
  type PolicyRestriction,
} from './device-spaces-dto.js';
import { EPMM_DEVICE_SPACE_ROUTES as ROUTES } from './device-spaces-routes.js';
import { parseEpmm } from './parse.js';
import { callerFields } from '../caller.js';

export interface ListDeviceSpacesParams {
  /** 0-10,000; EPMM's default is 10,000. */
  limit?: number;
  offset?: number;
  /** Faster; every `deviceCount` is then 0. */
  excludeDeviceCount?: boolean;
}

export interface DeviceSpaceInput {
  /** Present: update that space. Absent: create one. */
  id?: number;
  name: string;
  parentId: number;
  /** Advanced-search text over the DS03 fields, e.g. `"common.home_country_code" = "GB"`. */
  criteria: string;
}

export interface LdapEntity {
  name: string;
  type: 'GROUP' | 'USER' | 'OU';
  dn: string;
}

/** DS06/DS07 take admins by principal or as LDAP entities, never both in one call. */
export type AdminSelection = { adminUsers: readonly string[] } | { adminLdapEntities: readonly LdapEntity[] };

export interface PolicyRestrictionInput {
  policyProfileType: 'PRIVACY' | 'SECURITY';
  creationAllowedInSpace: boolean;
  overrideGlobalPolicies: boolean;
}

export class EpmmDeviceSpacesClient {
  constructor(private readonly http: UpstreamHttp) {}

  /** DS01: the spaces visible in the caller's space, by priority. */
  async listDeviceSpaces(caller: EpmmCaller, params: ListDeviceSpacesParams = {}): Promise<DeviceSpaceListResponse> {
    const body = await this.json(caller, {
      route: ROUTES.listDeviceSpaces,
      query: {
        adminDeviceSpaceId: caller.adminDeviceSpaceId,
        limit: params.limit,
        offset: params.offset,
        excludeDeviceCount: params.excludeDeviceCount,
      },
    });
    return parseEpmm(DeviceSpaceListResponse, body, 'device space list');
  }

  /** DS03: the fields a space's criteria may use. */
  async criteriaFields(caller: EpmmCaller): Promise<CriteriaFieldsResponse> {
    const body = await this.json(caller, {
      route: ROUTES.criteriaFields,
      query: { adminDeviceSpaceId: caller.adminDeviceSpaceId },
    });
    return parseEpmm(CriteriaFieldsResponse, body, 'device space criteria');
  }

  /** DS04: creates or (with `id`) updates a space; returns its id. */
  async saveDeviceSpace(caller: EpmmCaller, input: DeviceSpaceInput): Promise<number> {
    const body = await this.json(caller, {
      route: ROUTES.saveDeviceSpace,
      query: { adminDeviceSpaceId: caller.adminDeviceSpaceId },
      body: {
        ...(input.id !== undefined ? { id: input.id } : {}),
        name: input.name,
        parentId: input.parentId,
        criteria: input.criteria,
      },
    });
    return parseEpmm(DeviceSpaceIdResponse, body, 'device space save').results.id;
  }

  /**
   * DS05: marks a space for deletion (DS11 completes it); returns its id. EPMM reads a 0 id as "the current
   * device space", so this method refuses anything but a positive id rather than delete by default.
   */
  async deleteDeviceSpace(caller: EpmmCaller, id: number): Promise<number> {
    const body = await this.json(caller, {
      route: ROUTES.deleteDeviceSpace,
      pathParams: { id: spaceId(id) },
      query: { adminDeviceSpaceId: caller.adminDeviceSpaceId },
    });
    return parseEpmm(DeviceSpaceIdResponse, body, 'device space delete').results.id;
  }

  /** DS06: adds admins to a space with the given role ids. */
  async assignAdmins(
    caller: EpmmCaller,
    deviceSpaceId: number,
    admins: AdminSelection,
    roles: readonly number[],
  ): Promise<void> {
    await this.noContent(
      caller,
      {
        route: ROUTES.assignAdmins,
        pathParams: { id: spaceId(deviceSpaceId) },
        query: { adminDeviceSpaceId: caller.adminDeviceSpaceId },
        body: { roles, ...admins },
      },
      'device space admin assignment',
    );
  }

  /** DS07: a DELETE with a body, which repeats the space id ("in the request path and in the request body"). */
  async removeAdmins(caller: EpmmCaller, deviceSpaceId: number, admins: AdminSelection): Promise<void> {
    await this.noContent(
      caller,
      {
        route: ROUTES.removeAdmins,
        pathParams: { id: spaceId(deviceSpaceId) },
        query: { adminDeviceSpaceId: caller.adminDeviceSpaceId },
        body: { deviceSpaceId, ...admins },
      },
      'device space admin removal',
    );
  }

  /** DS08 (under /msa/v2). */
  async policyRestrictions(
    caller: EpmmCaller,
    deviceSpaceId: number,
  ): Promise<{ deviceSpaceId: number; policyRestrictions: PolicyRestriction[] }> {
    const body = await this.json(caller, {
      route: ROUTES.policyRestrictions,
      query: { adminDeviceSpaceId: caller.adminDeviceSpaceId, deviceSpaceId },
    });
    return parseEpmm(PolicyRestrictionsResponse, body, 'policy restrictions').results;
  }

  /** DS09: sets the listed profile types; the document names no `adminDeviceSpaceId` here, so none is sent. */
  async assignPolicyRestrictions(
    caller: EpmmCaller,
    deviceSpaceId: number,
    restrictions: readonly PolicyRestrictionInput[],
  ): Promise<InfoMessage[]> {
    const body = await this.json(caller, {
      route: ROUTES.assignPolicyRestrictions,
      query: { deviceSpaceId },
      body: { policyRestrictions: restrictions },
    });
    return parseEpmm(SaveMessagesResponse, body, 'policy restrictions save').messages;
  }

  /** DS10: puts the space directly below `aboveId` (0: first). Sent as a form field, as the sample sends it. */
  async changePriority(caller: EpmmCaller, deviceSpaceId: number, aboveId: number): Promise<DeviceSpaceDetail> {
    if (!Number.isSafeInteger(aboveId) || aboveId < 0)
      throw new GatewayError('BAD_USER_INPUT', 'The space above must be 0 or a device space id.');
    const body = await this.json(caller, {
      route: ROUTES.changePriority,
      pathParams: { id: spaceId(deviceSpaceId) },
      query: { adminDeviceSpaceId: caller.adminDeviceSpaceId },
      form: { deviceSpaceIdAboveMe: String(aboveId) },
    });
    return parseEpmm(ChangePriorityResponse, body, 'device space priority').results;
  }

  /** DS11: completes pending deletions and settles pending spaces; answers nothing. */
  async evaluate(caller: EpmmCaller): Promise<void> {
    await this.noContent(
      caller,
      { route: ROUTES.evaluate, query: { adminDeviceSpaceId: caller.adminDeviceSpaceId } },
      'device space evaluation',
    );
  }

  private json(caller: EpmmCaller, request: Omit<UpstreamRequest, 'credential' | 'observer'>): Promise<unknown> {
    return this.http.requestJson({
      ...request,
      ...callerFields(caller),
    });
  }

  /** "200 OK" and no body; a body, if any, is only checked for an error envelope. */
  private async noContent(
    caller: EpmmCaller,
    request: Omit<UpstreamRequest, 'credential' | 'observer'>,
    what: string,
  ): Promise<void> {
    const text = await this.http.requestText({ ...request, ...callerFields(caller) }, 'application/json');
    if (text.trim() === '') return;
    let body: unknown;
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      return; // the documents show the literal text "200 OK"
    }
    parseEpmm(NoContentResponse, body, what);
  }
}

function spaceId(id: number): string {
  if (!Number.isSafeInteger(id) || id < 1)
    throw new GatewayError('BAD_USER_INPUT', 'A device space id must be a positive integer.');
  return String(id);
}
