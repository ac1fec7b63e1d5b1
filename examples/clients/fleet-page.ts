// What the paging recipes (urql.ts, apollo.ts) read of a fleet page: the shape of
// examples/operations/fleet-devices.graphql, written loosely enough that the document graphql-codegen generates for
// it (`FleetDevicesDocument`, examples/client-codegen.ts) can be passed where these types are asked for.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';

export interface FleetDevice {
  id: string;
}

export interface FleetPage {
  devices?: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor?: string | null };
    edges: Array<{ cursor: string; node: FleetDevice }>;
  } | null;
}

export interface FleetPageVariables {
  first?: number | null;
  after?: string | null;
}

export type FleetPageDocument = TypedDocumentNode<FleetPage, FleetPageVariables>;

/** Every device of the fleet, and the total the gateway reported with the last page. */
export interface WholeFleet {
  totalCount: number;
  devices: FleetDevice[];
}
