// Reads the device export a page at a time from EPMM's V04 export, so the gateway never holds more than one page:
// each page is fetched only when the client has taken the previous one (the caller pulls this generator).
import type { CsvTable } from '../upstream/epmm/device-actions-dto.js';
import type { EpmmV2DevicesClient, ExportParams } from '../upstream/epmm/v2-devices-client.js';
import type { EpmmCaller } from '../upstream/epmm/client.js';
import type { EpmmSearchCriteria } from '../upstream/epmm/device-filter.js';
import { compileDeviceOrder } from '../upstream/epmm/device-filter.js';
import { operationWithin } from '../upstream/operation.js';

export type ExportFieldGroup = ExportParams['fieldGroups'][number];
export const EXPORT_FIELD_GROUPS: readonly ExportFieldGroup[] = [
  'BASIC',
  'COMMON',
  'USER',
  'ANDROID',
  'IOS',
  'WINDOWS_PHONE',
];

export interface DeviceExportRequest {
  criteria: EpmmSearchCriteria;
  fieldGroups: readonly ExportFieldGroup[];
  pageSize: number;
  /** Each page's calls must finish within this long (the operation deadline of one GraphQL operation). */
  pageDeadlineMs: number;
}

/**
 * Yields V04 pages in `common.id` order (stable offsets while paging) until a page comes back shorter than
 * `pageSize`: ⌊devices / pageSize⌋ + 1 calls.
 */
export async function* deviceExportPages(
  client: EpmmV2DevicesClient,
  caller: EpmmCaller,
  request: DeviceExportRequest,
): AsyncGenerator<CsvTable> {
  const { criteria } = request;
  let offset = 0;
  for (;;) {
    // Each page has a deadline of its own: an export streams for as long as the client reads.
    const page = await client.exportDevices(
      { ...caller, operation: operationWithin(request.pageDeadlineMs) },
      {
        // EPMM answers a label together with an advanced query with an empty page: a label goes alone.
        query: criteria.labelId === undefined ? criteria.query : undefined,
        labelId: criteria.labelId,
        fieldGroups: request.fieldGroups,
        limit: request.pageSize,
        offset,
        ...compileDeviceOrder(null),
      },
    );
    yield page;
    if (page.rows.length < request.pageSize) return;
    offset += page.rows.length;
  }
}
