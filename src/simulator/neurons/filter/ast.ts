// The Neurons filter language (`fq` on /api/v1/device, `definition` on groups): `FIELD EQ 'value'` leaves
// joined by AND/OR with parentheses. The documents show only single `EQ` leaves; the rest is the simulator's
// reading (docs/decisions.md), kept small on purpose.

export type FilterOperator = 'EQ' | 'NEQ';

export type FilterNode =
  | { kind: 'leaf'; field: string; operator: FilterOperator; value: string }
  | { kind: 'and' | 'or'; children: FilterNode[] };

/** A `definition`/`fq` that does not parse; `position` is the character offset of the offending token. */
export class FilterSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

/** The parsed form the group reads return (NG02/NG09/NG11 `treeView`). */
export interface TreeView {
  operator: string;
  rule: { field: string; cfAttributeName: string | null; operator: string; values: string[] } | null;
  children: TreeView[] | null;
}
