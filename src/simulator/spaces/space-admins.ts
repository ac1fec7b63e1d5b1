// DS06/DS07 admin assignments and DS01's `admins` text. Assignments are recorded on the space. When an
// assignment names one of the simulator's own administrators, that administrator also gains or loses the space
// (their roles stay fixed), so DS01, DS02 and device visibility always agree.
import type { World } from '../fleet/types.js';
import { spaceState, type AdminAssignment, type LdapEntityType } from './space-state.js';

export type AdminTarget =
  | { kind: 'user'; userId: string }
  | { kind: 'ldap'; name: string; type: LdapEntityType; dn: string };

/** Adds the admins, or replaces the roles of those already assigned (DS06 documents no replace-all). */
export function assignAdmins(world: World, spaceId: number, targets: AdminTarget[], roles: number[]): void {
  const state = spaceState(world);
  const list = state.assignments.get(spaceId) ?? [];
  for (const target of targets) {
    const assignment: AdminAssignment = { ...target, roles: [...roles] };
    const at = list.findIndex((existing) => sameAdmin(existing, target));
    if (at >= 0) list[at] = assignment;
    else list.push(assignment);
    const builtIn = target.kind === 'user' ? world.admins.find((admin) => admin.name === target.userId) : undefined;
    if (builtIn && !builtIn.spaceIds.includes(spaceId)) builtIn.spaceIds.push(spaceId);
  }
  state.assignments.set(spaceId, list);
}

/** Removes the admins; naming someone who is not an admin of the space changes nothing. */
export function removeAdmins(world: World, spaceId: number, targets: AdminTarget[]): void {
  const state = spaceState(world);
  const list = state.assignments.get(spaceId) ?? [];
  state.assignments.set(
    spaceId,
    list.filter((existing) => !targets.some((target) => sameAdmin(existing, target))),
  );
  for (const target of targets) {
    if (target.kind !== 'user') continue;
    const builtIn = world.admins.find((admin) => admin.name === target.userId);
    const at = builtIn ? builtIn.spaceIds.indexOf(spaceId) : -1;
    if (builtIn && at >= 0) builtIn.spaceIds.splice(at, 1);
  }
}

/** DS01 `admins`: the space's administrators by name, comma-separated ("miadmin" in the sample). */
export function adminsText(world: World, spaceId: number): string {
  const names = world.admins.filter((admin) => admin.spaceIds.includes(spaceId)).map((admin) => admin.name);
  for (const assignment of spaceState(world).assignments.get(spaceId) ?? []) {
    names.push(assignment.kind === 'user' ? assignment.userId : assignment.name);
  }
  return [...new Set(names)].join(', ');
}

function sameAdmin(existing: AdminAssignment, target: AdminTarget): boolean {
  if (existing.kind === 'user' && target.kind === 'user') return existing.userId === target.userId;
  if (existing.kind === 'ldap' && target.kind === 'ldap')
    return existing.type === target.type && existing.dn.toLowerCase() === target.dn.toLowerCase();
  return false;
}
