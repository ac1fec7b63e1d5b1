// Typed Neurons for MDM client: one method per allow-listed endpoint, each validating its `{errors, result}`.
import type { QueryValue, UpstreamHttp } from '../http.js';
import type { UpstreamRoute } from '../route.js';
import { z } from 'zod';
import {
  DeleteViabilityPage,
  DeviceGroup,
  DeviceGroupPage,
  DevicePartitionPage,
  DeviceSearchResult,
  NeuronsDeviceDetail,
  UserGroup,
  UserGroupPage,
  WriteResult,
} from './dto.js';
import type { FqExpression } from './fq.js';
import { parseNeurons } from './parse.js';
import { TenantMetadata } from './partitions-dto.js';
import { NEURONS_ROUTES } from './routes.js';
import { callerFields, type UpstreamCaller } from '../caller.js';

export interface GroupReadOptions {
  /** false: assignedConfigs/assignedPolicies come back null. */
  assignedPoliciesAndConfigs?: boolean;
  /** false: memberCount comes back 0, which then means "not counted", not "empty". */
  memberCount?: boolean;
}

export interface DeviceSearchParams {
  dmPartitionId: number;
  /** Built with the fq module only, so values are always escaped. */
  fq?: FqExpression | null;
  q?: string;
  /** At most 500 ("the APIs do not permit a value of greater than 500"). */
  rows: number;
  start: number;
  sortField?: string;
  sortOrder?: 'ASC' | 'DESC';
}

const MAX_ROWS = 500;

export class NeuronsClient {
  // Where Neurons lives under its origin (`/neurons` on the simulator, a tenant's path) is the UpstreamHttp's
  // `pathPrefix`, as for EPMM: one mechanism, so a prefix is never applied twice.
  constructor(private readonly http: UpstreamHttp) {}

  /** The API's identity in cache keys: origin and path prefix, so two servers behind one host never share entries. */
  get origin(): string {
    return this.http.baseUrl;
  }

  private async call(
    caller: UpstreamCaller,
    route: UpstreamRoute,
    request: { pathParams?: Record<string, string>; query?: Record<string, QueryValue>; body?: unknown },
  ): Promise<unknown> {
    return this.http.requestJson({
      route,
      ...callerFields(caller),
      ...request,
    });
  }

  /** NG01. A static group when `definition` is absent, else a dynamic one. */
  async createUserGroup(
    caller: UpstreamCaller,
    input: { name: string; definition?: FqExpression },
  ): Promise<UserGroup> {
    const body = input.definition
      ? { name: input.name, source: 'LOCAL', definition: input.definition.text }
      : { name: input.name, source: 'LOCAL', membershipStatic: true };
    return parseNeurons(
      UserGroup,
      await this.call(caller, NEURONS_ROUTES.createUserGroup, { body }),
      'user group creation',
    );
  }

  /** NG02. `start`/`rows` are undocumented there; without them Neurons answers its first 20. */
  async listUserGroups(caller: UpstreamCaller, paging: { start?: number; rows?: number } = {}): Promise<UserGroupPage> {
    return parseNeurons(
      UserGroupPage,
      await this.call(caller, NEURONS_ROUTES.listUserGroups, { query: { start: paging.start, rows: paging.rows } }),
      'user group list',
    );
  }

  /** NG04: the groups that cannot be deleted (an empty page means all can). */
  async checkDeleteViability(caller: UpstreamCaller, ids: readonly number[]): Promise<DeleteViabilityPage> {
    const body = await this.call(caller, NEURONS_ROUTES.listUserGroups, {
      query: { checkDeleteViability: true, ids: ids.join(',') },
    });
    return parseNeurons(DeleteViabilityPage, body, 'delete viability');
  }

  /** NG05: the number of groups deleted. */
  async deleteUserGroup(caller: UpstreamCaller, id: number): Promise<number> {
    const result = parseNeurons(
      WriteResult,
      await this.call(caller, NEURONS_ROUTES.deleteUserGroup, { query: { id } }),
      'user group deletion',
    );
    return Number(result);
  }

  /** NG03/NG08: group-centric; `append: false` replaces the group's members. */
  async setGroupAccounts(
    caller: UpstreamCaller,
    groupId: number,
    input: { accountIds: readonly number[]; append: boolean },
  ): Promise<boolean> {
    const body = await this.call(caller, NEURONS_ROUTES.setGroupAccounts, {
      pathParams: { id: String(groupId) },
      body: { accountIds: input.accountIds, append: input.append },
    });
    return parseNeurons(WriteResult, body, 'group accounts update') !== false;
  }

  /** NG07: account-centric; `append: false` replaces each account's group memberships. */
  async assignAccounts(
    caller: UpstreamCaller,
    input: { accountIds: readonly number[]; groupIds: readonly number[]; append: boolean },
  ): Promise<boolean> {
    const query = { accountIds: input.accountIds.join(','), groupIds: input.groupIds.join(','), append: input.append };
    return (
      parseNeurons(
        WriteResult,
        await this.call(caller, NEURONS_ROUTES.assignAccounts, { query }),
        'account assignment',
      ) !== false
    );
  }

  /** NG09. Without a definition the simulator creates a static group (see docs/decisions.md). */
  async createDeviceGroup(
    caller: UpstreamCaller,
    input: { name: string; dmPartitionId: number; description?: string; definition?: FqExpression },
  ): Promise<DeviceGroup> {
    const body = {
      name: input.name,
      type: 'DEVICE',
      dmPartitionId: input.dmPartitionId,
      description: input.description,
      definition: input.definition?.text,
    };
    return parseNeurons(
      DeviceGroup,
      await this.call(caller, NEURONS_ROUTES.createDeviceGroup, { body }),
      'device group creation',
    );
  }

  /** NG10: the first 50 device groups of a partition (no paging is documented). */
  async listDeviceGroups(
    caller: UpstreamCaller,
    dmPartitionId: number,
    options: GroupReadOptions = {},
  ): Promise<DeviceGroupPage> {
    const query = { dmPartitionId, type: 'DEVICE', ...options };
    return parseNeurons(
      DeviceGroupPage,
      await this.call(caller, NEURONS_ROUTES.listDeviceGroups, { query }),
      'device group list',
    );
  }

  /** NG11. */
  async getDeviceGroup(
    caller: UpstreamCaller,
    id: number,
    dmPartitionId: number,
    options: GroupReadOptions = {},
  ): Promise<DeviceGroup> {
    const body = await this.call(caller, NEURONS_ROUTES.getDeviceGroup, {
      pathParams: { id: String(id) },
      query: { type: 'DEVICE', dmPartitionId, ...options },
    });
    return parseNeurons(DeviceGroup, body, 'device group');
  }

  /** NG12: groups with this name in the given partitions. */
  async findDeviceGroups(
    caller: UpstreamCaller,
    name: string,
    dmPartitionIds: readonly number[],
    options: GroupReadOptions = {},
  ): Promise<DeviceGroupPage> {
    const query = { q: name, type: 'DEVICE', fq: '', dmPartitionIds: dmPartitionIds.join(','), ...options };
    return parseNeurons(
      DeviceGroupPage,
      await this.call(caller, NEURONS_ROUTES.findDeviceGroups, { query }),
      'device group search',
    );
  }

  /** NG14: replaces the static member list (exclude a device to remove it). */
  async setStaticMembers(caller: UpstreamCaller, groupId: number, deviceIds: readonly number[]): Promise<void> {
    const body = await this.call(caller, NEURONS_ROUTES.setStaticMembers, {
      pathParams: { id: String(groupId) },
      body: { deviceIds: deviceIds.map(String) },
    });
    parseNeurons(z.unknown(), body, 'static membership update');
  }

  /** NG06: removes the listed static members. */
  async removeStaticMembers(caller: UpstreamCaller, groupId: number, deviceIds: readonly number[]): Promise<void> {
    const body = await this.call(caller, NEURONS_ROUTES.removeStaticMembers, {
      pathParams: { id: String(groupId) },
      body: { deviceIds },
    });
    parseNeurons(WriteResult, body, 'static membership removal');
  }

  /** NG13. */
  async searchDevices(caller: UpstreamCaller, params: DeviceSearchParams): Promise<DeviceSearchResult> {
    if (!Number.isInteger(params.rows) || params.rows < 1 || params.rows > MAX_ROWS)
      throw new RangeError(`rows must be 1..${MAX_ROWS}`);
    const query: Record<string, QueryValue> = {
      q: params.q ?? '',
      rows: params.rows,
      start: params.start,
      dmPartitionId: params.dmPartitionId,
      fq: params.fq?.text ?? '',
      'sortFields[0].name': params.sortField,
      'sortFields[0].order': params.sortField ? (params.sortOrder ?? 'ASC') : undefined,
    };
    return parseNeurons(
      DeviceSearchResult,
      await this.call(caller, NEURONS_ROUTES.searchDevices, { query }),
      'device search',
    );
  }

  /** One device in full detail, with its device groups. */
  async getDevice(caller: UpstreamCaller, id: number, dmPartitionId: number): Promise<NeuronsDeviceDetail> {
    const body = await this.call(caller, NEURONS_ROUTES.getDevice, {
      pathParams: { id: String(id) },
      query: { dmPartitionId },
    });
    return parseNeurons(NeuronsDeviceDetail, body, 'device');
  }

  /** The tenant's device partitions: where `dmPartitionId` comes from. */
  async listDevicePartitions(caller: UpstreamCaller): Promise<DevicePartitionPage> {
    return parseNeurons(
      DevicePartitionPage,
      await this.call(caller, NEURONS_ROUTES.devicePartitions, {}),
      'device partitions',
    );
  }

  /**
   * "The GET Tenant call" the documents point to for `dmPartitionId`: the tenant and the partitions the caller holds.
   * The gateway lists partitions with listDevicePartitions (which also names the default one and counts devices).
   */
  async tenantMetadata(caller: UpstreamCaller): Promise<TenantMetadata> {
    return parseNeurons(TenantMetadata, await this.call(caller, NEURONS_ROUTES.tenantMetadata, {}), 'tenant metadata');
  }
}
