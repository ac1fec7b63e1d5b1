import type { ConnectionModel, EdgeModel } from './connection.js';
import type { GroupKind } from '../generated/enums.js';

// GraphQL enums (schema/*.graphql): the SDL is the single source of their values.
export type { GroupKind };

/** How a device group's members are found: its rule as an `fq` (null: every device of the partition) or a static id list. */
export type GroupMembership =
  | { kind: 'rule'; fq: string | null }
  | { kind: 'static'; deviceIds: number[] }
  /** A rule the gateway cannot turn into an `fq` (an operator outside EQ/NEQ), or a user group. */
  | { kind: 'unsupported'; reason: string };

export interface GroupAssignmentModel {
  legacyId: number | null;
  name: string;
  type: string;
  ruleType: string;
  enabled: boolean;
}

/** A Neurons user group or device group, as resolvers see it. */
export interface GroupModel {
  /** The GraphQL type, read by Node.__resolveType (src/resolvers/Node.ts). */
  kind: 'Group';
  /** Also the discriminator Node.__resolveType uses: no other model has it. */
  groupKind: GroupKind;
  legacyId: number;
  name: string;
  description: string | null;
  static: boolean;
  definition: string | null;
  /** The device partition of a device group (needed to read it again); null for user groups. */
  partitionId: number | null;
  partitionName: string | null;
  memberCount: number | null;
  membership: GroupMembership;
  assignedConfigurations: GroupAssignmentModel[] | null;
  assignedPolicies: GroupAssignmentModel[] | null;
}

export type GroupConnectionModel = ConnectionModel<GroupModel>;
export type GroupEdgeModel = EdgeModel<GroupModel>;
