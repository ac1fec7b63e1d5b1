// Parsed form of an advanced-search query. Field names are canonical (already
// resolved by the parser), so evaluation never has to know about aliases.

export type ComparisonOp = '=' | '!=' | 'contains' | 'starts with' | '<' | '>' | '<=' | '>=';

export type QueryNode =
  | { kind: 'and' | 'or'; left: QueryNode; right: QueryNode }
  | { kind: 'cmp'; field: string; op: ComparisonOp; value: string | number };
