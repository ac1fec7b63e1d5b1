// What mutations need beyond a query's context: the state-changing clients (the gateway's one set, see
// src/upstream/clients.ts), the audit trail and the idempotency store. Built once per gateway by createGateway.
import type { AuditLog } from '../audit/audit-log.js';
import type { EpmmClients } from '../upstream/clients.js';
import type { NeuronsClient } from '../upstream/neurons/client.js';
import type { IdempotencyStore } from './idempotency.js';
import type { Logger } from '../observability/logger.js';

export interface MutationServices {
  audit: AuditLog;
  idempotency: IdempotencyStore;
  epmm: EpmmClients;
  /** Absent when Neurons is not configured. */
  neurons: NeuronsClient | undefined;
  /** For failures that must not fail the mutation (an audit end record, an invalidation). */
  logger: Logger;
}
