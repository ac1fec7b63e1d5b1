import type { ConnectionModel, EdgeModel } from './connection.js';
import type { AlertType, AlertSeverity, AlertStatus, AlertTransport } from '../generated/enums.js';

// GraphQL enums (schema/*.graphql): the SDL is the single source of their values.
export type { AlertType, AlertSeverity, AlertStatus, AlertTransport };

/** An Event Center alert as resolvers see it; `alertId` (not `uuid`) keeps it apart from devices in Node. */
export interface AlertModel {
  /** The GraphQL type, read by Node.__resolveType (src/resolvers/Node.ts). */
  kind: 'Alert';
  alertId: number;
  type: AlertType;
  severity: AlertSeverity;
  status: AlertStatus;
  transport: AlertTransport;
  message: string;
  createdAt: string | null;
  updatedAt: string | null;
  /** Already un-inverted: true when an administrator marked it read. */
  read: boolean;
  subscriptionName: string | null;
  deviceUuid: string;
  /** The recipient's login name. */
  userPrincipal: string | null;
  labelId: number | null;
}

export type AlertConnectionModel = ConnectionModel<AlertModel>;
export type AlertEdgeModel = EdgeModel<AlertModel>;
