// Every field that cannot fall back on the default resolver has one in the map of src/resolvers/index.ts: the
// fields of the root types, and any field that takes arguments (the default resolver ignores them). The compile-time
// half is `satisfies CompleteResolvers` in that file (docs/decisions.md, "Schema and resolvers by domain").
import { isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { resolvers } from '../../src/resolvers/index.js';
import { buildSchema } from '../../src/schema.js';

const schema = buildSchema();
const map = resolvers as unknown as Record<string, Record<string, unknown> | undefined>;
const roots = new Set(
  [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].flatMap((t) => (t ? [t.name] : [])),
);

function hasResolver(type: string, field: string): boolean {
  const entry = map[type]?.[field];
  if (typeof entry === 'function') return true;
  const config = entry as { resolve?: unknown; subscribe?: unknown } | undefined;
  return typeof config?.resolve === 'function' || typeof config?.subscribe === 'function';
}

describe('resolver completeness', () => {
  it('has the root types it walks', () => {
    expect([...roots].sort()).toEqual(['Mutation', 'Query', 'Subscription']);
  });

  it('resolves every root field and every field with arguments', () => {
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        const needsOne = roots.has(type.name) || field.args.length > 0;
        if (needsOne && !hasResolver(type.name, field.name)) missing.push(`${type.name}.${field.name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('has no resolver for a field the schema does not declare', () => {
    const unknown: string[] = [];
    for (const name of roots) {
      const fields = (schema.getType(name) as { getFields(): Record<string, unknown> }).getFields();
      for (const field of Object.keys(map[name] ?? {})) if (!(field in fields)) unknown.push(`${name}.${field}`);
    }
    expect(unknown).toEqual([]);
  });
});
