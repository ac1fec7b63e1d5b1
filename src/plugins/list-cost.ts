// A cost limit where list arguments multiply: `devices(first: 200) { nodes { user { ... } } }` costs 200 per
// nested field, so a wide query is refused before any upstream call. Each field costs 1 times the product of
// the page sizes above it (`first`, or the length of `ids`; a connection without `first` counts its default).
import { GraphQLError, Kind, type ASTVisitor, type FieldNode, type SelectionSetNode, type ValidationContext, type ValueNode } from 'graphql';
import { DEFAULT_PAGE_SIZE } from '../pagination.js';

export function listCostRule(maxCost: number, maxPageSize: number): (context: ValidationContext) => ASTVisitor {
  return (context) => ({
    OperationDefinition(operation) {
      const fragments = new Map(context.getDocument().definitions.flatMap((definition) => (definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition] as const] : [])));
      const visited = new Set<string>();
      const costOf = (selectionSet: SelectionSetNode, multiplier: number, depth: number): number => {
        if (depth > 64) return Infinity; // the depth limit rejects these anyway; avoid runaway recursion
        let total = 0;
        for (const selection of selectionSet.selections) {
          if (selection.kind === Kind.FIELD) {
            const factor = multiplier * listFactor(selection, maxPageSize);
            total += factor + (selection.selectionSet ? costOf(selection.selectionSet, factor, depth + 1) : 0);
          } else if (selection.kind === Kind.INLINE_FRAGMENT) {
            total += costOf(selection.selectionSet, multiplier, depth + 1);
          } else {
            const fragment = fragments.get(selection.name.value);
            if (!fragment || visited.has(fragment.name.value)) continue; // cycles are reported by graphql-js
            visited.add(fragment.name.value);
            total += costOf(fragment.selectionSet, multiplier, depth + 1);
            visited.delete(fragment.name.value);
          }
        }
        return total;
      };
      const cost = costOf(operation.selectionSet, 1, 0);
      if (cost > maxCost) {
        context.reportError(
          new GraphQLError(`The operation's estimated cost ${Number.isFinite(cost) ? Math.round(cost) : 'is unbounded'} exceeds the limit of ${maxCost}; ask for smaller pages or fewer nested lists.`, {
            nodes: [operation],
            extensions: { code: 'BAD_USER_INPUT', cost: Number.isFinite(cost) ? Math.round(cost) : null, maxCost },
          }),
        );
      }
    },
  });
}

function listFactor(field: FieldNode, maxPageSize: number): number {
  const first = field.arguments?.find((argument) => argument.name.value === 'first');
  if (first) return pageArgument(first.value, maxPageSize);
  const ids = field.arguments?.find((argument) => argument.name.value === 'ids');
  if (ids) return ids.value.kind === Kind.LIST ? Math.max(1, ids.value.values.length) : maxPageSize;
  // Connections without `first` return the default page.
  return field.name.value.endsWith('s') && field.selectionSet?.selections.some((s) => s.kind === Kind.FIELD && (s.name.value === 'nodes' || s.name.value === 'edges')) ? DEFAULT_PAGE_SIZE : 1;
}

/** A literal page size counts as given; a variable counts as the largest page allowed. */
function pageArgument(value: ValueNode, maxPageSize: number): number {
  return value.kind === Kind.INT ? Math.max(1, Number(value.value)) : maxPageSize;
}
