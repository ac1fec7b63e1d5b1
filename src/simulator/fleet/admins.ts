import type { AdminRole, SimAdmin } from './types.js';

// Four admins that exercise role checks and space scoping. Passwords equal the names so that
// a newcomer can log in to the embedded simulator without reading any configuration.

// A Record keyed by the union makes the compiler reject this file when a role is added to types.ts and not here.
const EVERY_ROLE: Record<AdminRole, true> = {
  VIEW_DEVICES: true,
  MANAGE_DEVICES: true,
  MANAGE_DEVICES_RESTRICTED: true,
  LOCK_UNLOCK: true,
  SEND_MESSAGE: true,
  FORCE_CHECKIN: true,
  APPLY_LABEL: true,
  WIPE: true,
  RETIRE: true,
  DELETE_RETIRED: true,
  MANAGE_ACTIVESYNC: true,
  MOBILE_APP: true,
  MANAGE_COMPLIANCE_ACTION: true,
  MANAGE_SPACES: true,
  VIEW_POLICY: true,
};
const ALL_ROLES = Object.keys(EVERY_ROLE) as AdminRole[];

function admin(name: string, spaceIds: number[], roles: readonly AdminRole[]): SimAdmin {
  return { name, password: name, roles: new Set(roles), spaceIds };
}

export function buildAdmins(): SimAdmin[] {
  return [
    admin('miadmin', [1], ALL_ROLES),
    admin('emea', [2], ALL_ROLES),
    // Help desk can nudge devices but never destroy data.
    admin('helpdesk', [1], ['VIEW_DEVICES', 'LOCK_UNLOCK', 'SEND_MESSAGE', 'FORCE_CHECKIN']),
    admin('viewer', [1], ['VIEW_DEVICES']),
  ];
}
