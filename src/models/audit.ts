import type { AuditEntry } from '../audit/audit-log.js';
import type { ConnectionModel, EdgeModel } from './connection.js';

export type AuditEntryModel = AuditEntry;
export type AuditEntryConnectionModel = ConnectionModel<AuditEntry>;
export type AuditEntryEdgeModel = EdgeModel<AuditEntry>;
