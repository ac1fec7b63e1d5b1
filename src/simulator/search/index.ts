// Public surface of the EPMM advanced-search language used by the simulator.

export type { ComparisonOp, QueryNode } from './ast.js';
export { SearchSyntaxError } from './errors.js';
export { tokenize, type Token, type TokenKind } from './lexer.js';
export { parseAdvancedQuery } from './parser.js';
export { compilePredicate, exactUuidLookup, type FieldValue } from './evaluate.js';
