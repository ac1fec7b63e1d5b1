// `GET /export/devices.csv?filter=<DeviceFilter as JSON>&fields=BASIC,USER&columns=graphql|vendor`: the device
// export, streamed, its columns named as the Device fields (default) or as EPMM's (src/export/export-columns.ts). It is
// authenticated and scoped exactly as /graphql (the same context: credentials proven, device space derived
// server-side), takes the same DeviceFilter (validated by the schema's own input type, compiled by the same
// compiler) and pages through EPMM's V04 export, sending each page's rows as soon as it arrives.
import { coerceInputValue, type GraphQLError, isInputType, type GraphQLInputType, type GraphQLSchema } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { createContext, type GatewayDeps } from '../context.js';
import { GatewayError, httpStatusOf, type ErrorCode } from '../errors.js';
import { csvLine } from '../export/csv-writer.js';
import { COLUMN_NAMINGS, type ColumnNaming, exportColumns } from '../export/export-columns.js';
import { deviceExportPages, EXPORT_FIELD_GROUPS, type ExportFieldGroup } from '../export/device-export-pages.js';
import type { DeviceFilterModel } from '../models/device-filter.js';
import { deviceFilterOf, type DeviceFilterInput } from '../models/filter-inputs.js';
import type { Logger } from '../observability/logger.js';
import type { CsvTable } from '../upstream/epmm/device-actions-dto.js';
import { compileDeviceFilter } from '../upstream/epmm/device-filter.js';
import { assertExportAllowed } from './persisted-operations.js';
import { withoutSuggestion } from './suggestions.js';

export const DEVICE_EXPORT_PATH = '/export/devices.csv';

export function useDeviceExport(deps: GatewayDeps, logger: Logger): Plugin {
  let filterType: GraphQLInputType | undefined;
  return {
    onSchemaChange({ schema }) {
      filterType = deviceFilterType(schema);
    },
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== DEVICE_EXPORT_PATH) return;
      const json = (status: number, code: ErrorCode, message: string, headers: Record<string, string> = {}) =>
        new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
          status,
          headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
        });
      if (request.method !== 'GET')
        return endResponse(json(405, 'BAD_USER_INPUT', `${DEVICE_EXPORT_PATH} answers GET only.`, { allow: 'GET' }));
      try {
        // Strict persisted mode and EXPORT_ALLOWED_SHAPES: before authentication and any upstream call.
        assertExportAllowed(deps.config, url.searchParams);
        const context = await createContext(deps, request);
        if (!context.caller.scopes.has('read'))
          throw new GatewayError('FORBIDDEN', "The export needs the 'read' scope.");
        if (!filterType) throw new Error('the schema has not been seen yet');
        const criteria = compileDeviceFilter(
          parseFilter(url.searchParams.get('filter'), filterType, deps.config.limits.introspection),
        );
        const fieldGroups = parseFieldGroups(url.searchParams.get('fields'));
        const naming = parseColumnNaming(url.searchParams.get('columns'));
        const pages = deviceExportPages(deps.clients.epmm.v2Devices, context.epmm, {
          criteria,
          fieldGroups,
          pageSize: deps.config.exportPageSize,
          pageDeadlineMs: deps.config.upstream.resilience.operationDeadlineMs,
        });
        // The first page is read before answering, so that a refusal (403, a bad query, an unavailable MDM) is
        // still a status code; a failure after that can only cut the stream short.
        const first = await pages.next();
        endResponse(
          new fetchAPI.Response(
            csvStream(fetchAPI.ReadableStream, first.done ? undefined : first.value, pages, naming, logger),
            {
              status: 200,
              headers: {
                'content-type': 'text/csv; charset=utf-8',
                'content-disposition': 'attachment; filename="devices.csv"',
                'cache-control': 'no-store',
                'x-content-type-options': 'nosniff',
              },
            },
          ),
        );
      } catch (error) {
        // No WWW-Authenticate challenge on 401, as for /graphql (src/errors.ts).
        if (error instanceof GatewayError) {
          return endResponse(json(httpStatusOf(error.code), error.code, error.message));
        }
        logger.error({ err: error, path: DEVICE_EXPORT_PATH }, 'device export failed');
        return endResponse(json(500, 'INTERNAL_SERVER_ERROR', 'Unexpected error.'));
      }
    },
  };
}

function deviceFilterType(schema: GraphQLSchema): GraphQLInputType {
  const type = schema.getType('DeviceFilter');
  if (!type || !isInputType(type)) throw new Error('the schema has no DeviceFilter input type');
  return type;
}

/**
 * The `filter` parameter as a DeviceFilter, checked by the schema's input type as a GraphQL variable would be.
 * Where introspection is off, its messages lose their "Did you mean …?", as /graphql's do (src/plugins/suggestions.ts).
 */
function parseFilter(text: string | null, type: GraphQLInputType, suggest: boolean): DeviceFilterModel | null {
  if (text === null || text.trim() === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new GatewayError(
      'BAD_USER_INPUT',
      'The `filter` parameter is not JSON; send a DeviceFilter object, e.g. {"platform":["IOS"]}.',
      { field: ['filter'] },
    );
  }
  const problems: string[] = [];
  const coerced = coerceInputValue(value, type, (path, _invalid, error: GraphQLError) => {
    problems.push(`${['filter', ...path].join('.')}: ${suggest ? error.message : withoutSuggestion(error.message)}`);
  });
  if (problems.length > 0)
    throw new GatewayError(
      'BAD_USER_INPUT',
      `The \`filter\` parameter is not a valid DeviceFilter. ${problems.join(' ')}`,
      { field: ['filter'] },
    );
  return deviceFilterOf(coerced as DeviceFilterInput);
}

function parseColumnNaming(text: string | null): ColumnNaming {
  const naming = (text ?? '').trim().toLowerCase() || 'graphql';
  if ((COLUMN_NAMINGS as readonly string[]).includes(naming)) return naming as ColumnNaming;
  throw new GatewayError(
    'BAD_USER_INPUT',
    `The \`columns\` parameter takes ${COLUMN_NAMINGS.join(' or ')} (the Device field names, or EPMM's); '${text}' is neither.`,
    { field: ['columns'] },
  );
}

function parseFieldGroups(text: string | null): ExportFieldGroup[] {
  if (text === null || text.trim() === '') return ['BASIC'];
  const groups = text.split(',').map((group) => group.trim().toUpperCase());
  const unknown = groups.filter((group) => !(EXPORT_FIELD_GROUPS as readonly string[]).includes(group));
  if (unknown.length > 0) {
    throw new GatewayError(
      'BAD_USER_INPUT',
      `The \`fields\` parameter takes ${EXPORT_FIELD_GROUPS.join(', ')} (comma-separated); '${unknown.join("', '")}' is not one of them.`,
      { field: ['fields'] },
    );
  }
  return [...new Set(groups as ExportFieldGroup[])];
}

/**
 * A pull stream: the header and first page at once, then one upstream page per pull, so the client's reading pace
 * drives the paging and at most one page is held in memory.
 */
function csvStream(
  Stream: typeof ReadableStream,
  first: CsvTable | undefined,
  pages: AsyncGenerator<CsvTable>,
  naming: ColumnNaming,
  logger: Logger,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const columns = exportColumns(first?.columns ?? [], naming);
  const rows = (page: CsvTable) => page.rows.map((row) => csvLine(columns.cells(row))).join('');
  return new Stream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvLine(columns.header) + (first ? rows(first) : '')));
    },
    async pull(controller) {
      try {
        // A pull must enqueue or close, or the stream would wait for a pull that never comes.
        for (;;) {
          const next = await pages.next();
          if (next.done) return controller.close();
          if (next.value.rows.length > 0) return controller.enqueue(encoder.encode(rows(next.value)));
        }
      } catch (error) {
        // Headers are gone: aborting the body is the only way to tell the client the file is incomplete.
        logger.warn(
          { err: error instanceof GatewayError ? error.message : error, path: DEVICE_EXPORT_PATH },
          'device export cut short',
        );
        controller.error(error);
      }
    },
    async cancel() {
      await pages.return(undefined);
    },
  });
}
