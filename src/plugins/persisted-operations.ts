// Persisted operations for portals: a JSON file maps operation ids (e.g. SHA-256 hashes from the client's
// build) to documents; clients send `extensions.persistedQuery.sha256Hash` (Apollo style) or `documentId`.
// In strict mode only these documents run, so a stolen portal credential cannot run arbitrary queries. The same
// policy covers every other route that reads data: the device export (assertExportAllowed, below).
import { readFileSync } from 'node:fs';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { Plugin } from 'graphql-yoga';
import type { ExportShape, GatewayConfig } from '../config.js';
import { GatewayError } from '../errors.js';

export function loadPersistedOperations(file: string): Map<string, string> {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new Error(`PERSISTED_OPERATIONS_FILE ${file}: expected a JSON object of id -> document`);
  const entries = Object.entries(parsed as Record<string, unknown>);
  for (const [id, document] of entries) {
    if (typeof document !== 'string')
      throw new Error(`PERSISTED_OPERATIONS_FILE ${file}: the document of ${id} is not a string`);
  }
  return new Map(entries as Array<[string, string]>);
}

export function usePersistedOperationsFile(file: string, strict: boolean): Plugin {
  const operations = loadPersistedOperations(file);
  return usePersistedOperations({
    getPersistedOperation: (id) => operations.get(id) ?? null,
    allowArbitraryOperations: !strict,
  }) as Plugin;
}

/**
 * `GET /export/devices.csv` under the same policy as /graphql: with EXPORT_ALLOWED_SHAPES set, only those exact
 * shapes (field groups and filter, compared as sent, key order aside) are answered; in strict mode without it,
 * none, as strict mode runs nothing a client made up. Checked before authentication and any upstream call, as a
 * persisted-operation refusal is. Throws FORBIDDEN.
 */
export function assertExportAllowed(
  config: Pick<GatewayConfig, 'persistedOperations' | 'exportAllowedShapes'>,
  params: URLSearchParams,
): void {
  const shapes = config.exportAllowedShapes;
  if (shapes === undefined) {
    if (!config.persistedOperations.strict) return;
    throw new GatewayError(
      'FORBIDDEN',
      'The device export is disabled: strict persisted-operations mode answers only the export shapes an ' +
        'operator allows (EXPORT_ALLOWED_SHAPES).',
    );
  }
  const requested = shapeKey(params.get('fields'), params.get('filter'));
  if (requested === undefined || !allowedKeys(shapes).has(requested)) {
    throw new GatewayError(
      'FORBIDDEN',
      'This export (its `fields` and `filter`) is not one of the shapes an operator allows (EXPORT_ALLOWED_SHAPES).',
    );
  }
}

const keysOf = new WeakMap<readonly ExportShape[], Set<string>>();

function allowedKeys(shapes: readonly ExportShape[]): Set<string> {
  let keys = keysOf.get(shapes);
  if (!keys) {
    const filterText = (shape: ExportShape) => (shape.filter == null ? null : JSON.stringify(shape.filter));
    keys = new Set(shapes.map((shape) => shapeKey(shape.fields ?? null, filterText(shape)) as string));
    keysOf.set(shapes, keys);
  }
  return keys;
}

/** One text per shape: the field groups as the export reads them (BASIC when absent), the filter with keys sorted. */
function shapeKey(fields: string | null, filter: string | null): string | undefined {
  const groups =
    fields === null || fields.trim() === ''
      ? ['BASIC']
      : [...new Set(fields.split(',').map((group) => group.trim().toUpperCase()))].sort();
  let parsed: unknown = null;
  if (filter !== null && filter.trim() !== '') {
    try {
      parsed = JSON.parse(filter);
    } catch {
      return undefined;
    }
  }
  return JSON.stringify([groups, sortedKeys(parsed)]);
}

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(object)
      .sort()
      .map((key) => [key, sortedKeys(object[key])]),
  );
}
