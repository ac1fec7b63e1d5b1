// Builds Neurons filter expressions (`fq`, group `definition`) from typed parts. Field names are checked
// against the language's shape and every value is quoted and escaped, so caller input never changes the
// expression's structure.
import { GatewayError } from '../../errors.js';
import type { TreeView } from './dto.js';

export type FqOperator = 'EQ' | 'NEQ';

/** An expression built by this module; only `fqLeaf`, `fqAll` and `fqAny` make them. */
export interface FqExpression {
  readonly text: string;
}

/** UPPERCASE names, optionally with the documents' `_#` suffix for numeric custom attributes. */
const FIELD = /^[A-Z][A-Z0-9_]*(?:_#)?$/;

/** Quotes a value: backslash and quote are backslash-escaped. */
export function fqQuote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export function fqLeaf(field: string, operator: FqOperator, value: string): FqExpression {
  if (!FIELD.test(field)) throw new GatewayError('BAD_USER_INPUT', `'${field}' is not a Neurons filter field.`);
  return { text: `${field} ${operator} ${fqQuote(value)}` };
}

export const fqEq = (field: string, value: string): FqExpression => fqLeaf(field, 'EQ', value);

function join(word: 'AND' | 'OR', parts: readonly FqExpression[]): FqExpression {
  if (parts.length === 0) throw new GatewayError('BAD_USER_INPUT', `An ${word} needs at least one condition.`);
  return { text: parts.length === 1 ? parts[0].text : parts.map((part) => `(${part.text})`).join(` ${word} `) };
}

export const fqAll = (parts: readonly FqExpression[]): FqExpression => join('AND', parts);
export const fqAny = (parts: readonly FqExpression[]): FqExpression => join('OR', parts);

/**
 * The documented recipe (NG11): a device group's `treeView` turned into the `fq` of NG13. A null tree (a
 * system group such as All Devices) means every device, an empty filter. Several `values` are alternatives.
 */
export function fqFromTreeView(tree: TreeView | null): FqExpression | null {
  if (!tree) return null;
  if (tree.operator === 'LEAF') {
    if (!tree.rule) throw new GatewayError('UPSTREAM_ERROR', 'A LEAF treeView without a rule.');
    const { field, operator, values } = tree.rule;
    if (operator !== 'EQ' && operator !== 'NEQ')
      throw new GatewayError('NOT_SUPPORTED_BY_SOURCE', `Operator ${operator} is not supported in fq.`);
    const leaves = values.map((value) => fqLeaf(field, operator, value));
    return operator === 'EQ' ? fqAny(leaves) : fqAll(leaves);
  }
  const children = (tree.children ?? []).map(fqFromTreeView).filter((child): child is FqExpression => child !== null);
  if (tree.operator === 'AND') return fqAll(children);
  if (tree.operator === 'OR') return fqAny(children);
  throw new GatewayError('NOT_SUPPORTED_BY_SOURCE', `treeView operator ${tree.operator} is not supported.`);
}
