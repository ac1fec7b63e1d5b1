// The simulator's admins in the gateway's scope vocabulary, so the embedded default (and tests) can refuse
// out-of-role actions before any upstream call, as an operator's PASSTHROUGH_SCOPES_FILE does for a real EPMM.
import type { AdminRole, SimAdmin } from './types.js';

type GatewayScope = 'read' | 'act' | 'destructive' | 'admin';

const SCOPE_OF_ROLE: Partial<Record<AdminRole, GatewayScope>> = {
  VIEW_DEVICES: 'read',
  LOCK_UNLOCK: 'act',
  SEND_MESSAGE: 'act',
  FORCE_CHECKIN: 'act',
  APPLY_LABEL: 'act',
  MANAGE_DEVICES: 'act',
  WIPE: 'destructive',
  RETIRE: 'destructive',
  DELETE_RETIRED: 'destructive',
  MANAGE_SPACES: 'admin',
};

export function adminScopes(admins: readonly SimAdmin[]): Record<string, GatewayScope[]> {
  return Object.fromEntries(
    admins.map((admin) => [admin.name, [...new Set([...admin.roles].flatMap((role) => SCOPE_OF_ROLE[role] ?? []))]]),
  );
}
