import { FilterSyntaxError, type FilterNode, type TreeView } from './ast.js';

/** Returns the values a record has for an UPPERCASE field (several for multi-valued fields such as ACCOUNTGROUP). */
export type FieldValues<T> = (record: T, field: string) => readonly string[];

/** Rejects fields outside the allow-list, as the documents warn that arbitrary attributes make an "unstable system". */
export function checkFields(node: FilterNode | null, known: ReadonlySet<string>): void {
  if (!node) return;
  if (node.kind === 'leaf') {
    if (!known.has(node.field)) throw new FilterSyntaxError(`Unknown field '${node.field}'.`, 0);
    return;
  }
  for (const child of node.children) checkFields(child, known);
}

/** Compiles a parsed expression to a predicate; comparisons ignore case, as the UI's pick-lists do. */
export function compileFilter<T>(node: FilterNode | null, values: FieldValues<T>): (record: T) => boolean {
  if (!node) return () => true;
  if (node.kind === 'leaf') {
    const wanted = node.value.toLowerCase();
    const field = node.field;
    const has = (record: T) => values(record, field).some((value) => value.toLowerCase() === wanted);
    return node.operator === 'EQ' ? has : (record) => !has(record);
  }
  const children = node.children.map((child) => compileFilter(child, values));
  return node.kind === 'and'
    ? (record) => children.every((test) => test(record))
    : (record) => children.some((test) => test(record));
}

/** The `treeView` of a definition: single rules are LEAF nodes, AND/OR nodes carry children. */
export function toTreeView(node: FilterNode | null): TreeView | null {
  if (!node) return null;
  if (node.kind === 'leaf') {
    return {
      operator: 'LEAF',
      rule: { field: node.field, cfAttributeName: null, operator: node.operator, values: [node.value] },
      children: null,
    };
  }
  return { operator: node.kind.toUpperCase(), rule: null, children: node.children.map((child) => toTreeView(child)!) };
}
