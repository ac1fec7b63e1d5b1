import type { DeviceSpaceStatus } from '../generated/enums.js';

// GraphQL enums (schema/*.graphql): the SDL is the single source of their values.
export type { DeviceSpaceStatus };

/** An EPMM device space, or a Neurons partition (Neurons' own word for it is "device space"). */
export interface DeviceSpaceModel {
  /** The GraphQL type, read by Node.__resolveType (src/resolvers/Node.ts). */
  kind: 'DeviceSpace';
  id: number;
  name: string;
  description: string | null;
  /**
   * The DS01 list record, when the space came from `/api/v2/device_spaces`; absent when it came from
   * `/device_spaces/mine`, whose records carry only id, name and description (resolvers then look it up).
   */
  listing?: DeviceSpaceListing;
  /** Set only for a Neurons partition (its global id is a NEURONS DeviceSpace id); EPMM-only fields are null there. */
  partition?: NeuronsPartitionFacts;
}

/** What the Neurons partition list says of a partition beside its id, name and description. */
export interface NeuronsPartitionFacts {
  defaultPartition: boolean;
  priority: number;
  deviceCount: number | null;
}

export interface DeviceSpaceListing {
  criteria: string;
  priority: number;
  status: DeviceSpaceStatus;
  deviceCount: number;
  admins: string[];
}

export interface DeviceSpacePolicyRestrictionModel {
  profileType: string;
  creationAllowedInSpace: boolean;
  overrideGlobalPolicies: boolean;
}

export type DeviceSpaceConnectionModel = import('./connection.js').ConnectionModel<DeviceSpaceModel>;
export type DeviceSpaceEdgeModel = import('./connection.js').EdgeModel<DeviceSpaceModel>;
