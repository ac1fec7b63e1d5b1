// Persisted operations for portals: a JSON file maps operation ids (e.g. SHA-256 hashes from the client's
// build) to documents; clients send `extensions.persistedQuery.sha256Hash` (Apollo style) or `documentId`.
// In strict mode only these documents run, so a stolen portal credential cannot run arbitrary queries.
import { readFileSync } from 'node:fs';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { Plugin } from 'graphql-yoga';

export function loadPersistedOperations(file: string): Map<string, string> {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`PERSISTED_OPERATIONS_FILE ${file}: expected a JSON object of id -> document`);
  const entries = Object.entries(parsed as Record<string, unknown>);
  for (const [id, document] of entries) {
    if (typeof document !== 'string') throw new Error(`PERSISTED_OPERATIONS_FILE ${file}: the document of ${id} is not a string`);
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
