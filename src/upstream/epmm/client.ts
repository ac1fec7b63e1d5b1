// Typed EPMM client: one method per allow-listed endpoint, each validating its response.
import type { UpstreamHttp } from '../http.js';
import {
  decodeEpmmDeviceRows,
  DeviceCountResponse,
  DeviceDetailsResponse,
  DeviceSearchResponse,
  MyDeviceSpacesResponse,
  QueryTestResponse,
  SearchFieldsResponse,
} from './dto.js';
import { parseEpmm } from './parse.js';
import { EPMM_ROUTES } from './routes.js';
import { callerFields, type UpstreamCaller } from '../caller.js';

/** Who is calling and in which device space: every EPMM call is made on someone's behalf. */
export interface EpmmCaller extends UpstreamCaller {
  /** The caller's own device space (from `/device_spaces/mine`), never client input. */
  adminDeviceSpaceId: number;
}

export interface DeviceSearchParams {
  query?: string;
  labelId?: number;
  fields: readonly string[];
  limit: number;
  offset: number;
  sortField?: string;
  sortOrder?: 'ASC' | 'DESC';
}

export class EpmmClient {
  constructor(private readonly http: UpstreamHttp) {}

  /** The API's identity in cache keys: origin and path prefix, so two servers behind one host never share entries. */
  get origin(): string {
    return this.http.baseUrl;
  }

  get breakerState(): 'closed' | 'open' | 'half-open' {
    return this.http.breakerState;
  }

  /** Whether EPMM answers at all (readiness); sends no credentials. */
  isReachable(timeoutMs: number): Promise<boolean> {
    return this.http.probe(EPMM_ROUTES.ping, timeoutMs);
  }

  async searchDevices(caller: EpmmCaller, params: DeviceSearchParams): Promise<DeviceSearchResponse> {
    const body = await this.http.requestJson({
      route: EPMM_ROUTES.searchDevices,
      ...callerFields(caller),
      query: {
        adminDeviceSpaceId: caller.adminDeviceSpaceId,
        query: params.query,
        labelId: params.labelId,
        fields: params.fields.join(','),
        limit: params.limit,
        offset: params.offset,
        sortField: params.sortField,
        sortOrder: params.sortOrder,
      },
    });
    const page = parseEpmm(DeviceSearchResponse, body, 'device search');
    decodeEpmmDeviceRows(page.results, this.http.decodeReporter(EPMM_ROUTES.searchDevices));
    return page;
  }

  async countDevices(caller: EpmmCaller, query: string): Promise<number> {
    const body = await this.http.requestJson({
      route: EPMM_ROUTES.countDevices,
      ...callerFields(caller),
      query: { adminDeviceSpaceId: caller.adminDeviceSpaceId, query },
    });
    return parseEpmm(DeviceCountResponse, body, 'device count').totalCount;
  }

  async testQuery(caller: EpmmCaller, query: string): Promise<QueryTestResponse> {
    const body = await this.http.requestJson({
      route: EPMM_ROUTES.testQuery,
      ...callerFields(caller),
      query: { adminDeviceSpaceId: caller.adminDeviceSpaceId, query },
    });
    return parseEpmm(QueryTestResponse, body, 'query test');
  }

  async searchFields(caller: EpmmCaller): Promise<SearchFieldsResponse> {
    const body = await this.http.requestJson({
      route: EPMM_ROUTES.searchFields,
      ...callerFields(caller),
      query: { adminDeviceSpaceId: caller.adminDeviceSpaceId },
    });
    return parseEpmm(SearchFieldsResponse, body, 'search fields');
  }

  async deviceDetails(
    caller: EpmmCaller,
    uuid: string,
    options: { batteryStats: boolean; os?: string },
  ): Promise<DeviceDetailsResponse> {
    const body = await this.http.requestJson({
      route: EPMM_ROUTES.deviceDetails,
      ...callerFields(caller),
      pathParams: { uuid },
      query: {
        adminDeviceSpaceId: caller.adminDeviceSpaceId,
        // V10: battery statistics need these extra parameters, the device id repeated among them.
        ...(options.batteryStats
          ? { command: 'deviceDetail', deviceId: uuid, os: options.os, isBatteryStatsRequired: true }
          : {}),
      },
    });
    return parseEpmm(DeviceDetailsResponse, body, 'device details');
  }

  /** `adminDeviceSpaceId` is not yet known here: this is the call that finds it. */
  async myDeviceSpaces(caller: UpstreamCaller): Promise<MyDeviceSpacesResponse> {
    const body = await this.http.requestJson({
      route: EPMM_ROUTES.myDeviceSpaces,
      ...callerFields(caller),
    });
    return parseEpmm(MyDeviceSpacesResponse, body, 'device spaces');
  }
}
