import type { ConnectionModel, EdgeModel } from './connection.js';

/** An EPMM label as resolvers see it. Vendor field names never get past the mappers that build this. */
export interface LabelModel {
  /** Discriminates labels from other Node models in `Node.__resolveType`. */
  kind: 'Label';
  source: 'EPMM';
  /** EPMM's numeric id; negative for built-in (system) labels. */
  legacyId: number;
  name: string;
  description: string | null;
  builtIn: boolean;
  /** True when devices are applied by hand; false when the label is a query. */
  static: boolean | null;
  /** The criteria of a dynamic label as EPMM words them; null for static labels. */
  query: string | null;
  /** Devices in the label as the label list counts them; null when the source (V25) does not say. */
  deviceCount: number | null;
}

export type LabelConnectionModel = ConnectionModel<LabelModel>;
export type LabelEdgeModel = EdgeModel<LabelModel>;
