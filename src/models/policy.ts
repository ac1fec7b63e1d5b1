import type { ConnectionModel, EdgeModel } from './connection.js';
import type { PolicyType, PolicyStatus } from '../generated/enums.js';

// GraphQL enums (schema/*.graphql): the SDL is the single source of their values. PolicyType holds EPMM's
// profile types (E43 `profileType`); anything else the MDM reports is OTHER.
export type { PolicyType, PolicyStatus };

export interface PolicyRuleModel {
  name: string;
  value: string | null;
}

/** An EPMM policy as resolvers see it. */
export interface PolicyModel {
  /** Discriminates policies from other Node models in `Node.__resolveType`. */
  kind: 'Policy';
  source: 'EPMM';
  /** EPMM's numeric id; negative for default (built-in) policies. */
  legacyId: number;
  name: string;
  type: PolicyType;
  builtIn: boolean;
  status: PolicyStatus;
  /** Lower wins when several policies of one type reach a device. */
  priority: number | null;
  description: string | null;
  /** Devices with the policy applied; null when the source (E44) does not say. */
  deviceCount: number | null;
  pendingDeviceCount: number | null;
  rules: PolicyRuleModel[];
}

export type PolicyConnectionModel = ConnectionModel<PolicyModel>;
export type PolicyEdgeModel = EdgeModel<PolicyModel>;
