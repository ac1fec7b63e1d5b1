// What the device-space endpoints remember beyond `world.spaces`: admin assignments (DS06/DS07), policy
// restrictions (DS08/DS09) and spaces marked for deletion (DS05, removed by DS11). Kept per World in a WeakMap
// so the fleet generator and its types stay untouched and each simulator instance has its own state.
import type { World } from '../fleet/types.js';

export type LdapEntityType = 'GROUP' | 'USER' | 'OU';

export type AdminAssignment =
  | { kind: 'user'; userId: string; roles: number[] }
  | { kind: 'ldap'; name: string; type: LdapEntityType; dn: string; roles: number[] };

export type PolicyProfileType = 'PRIVACY' | 'SECURITY';

export interface PolicyRestriction {
  policyProfileType: PolicyProfileType;
  creationAllowedInSpace: boolean;
  overrideGlobalPolicies: boolean;
}

export interface SpaceState {
  /** By space id, in assignment order. */
  assignments: Map<number, AdminAssignment[]>;
  /** By space id, then profile type; a space never configured has none (DS08 then answers the defaults). */
  restrictions: Map<number, Map<PolicyProfileType, PolicyRestriction>>;
  /** DS05 marks; DS11 removes. */
  markedForDeletion: Set<number>;
  /** Ids are never reused, even after a deletion, so a stale id can never name a different space. */
  nextId: number;
}

const STATES = new WeakMap<World, SpaceState>();

export function spaceState(world: World): SpaceState {
  let state = STATES.get(world);
  if (!state) {
    state = {
      assignments: new Map(),
      restrictions: new Map(),
      markedForDeletion: new Set(),
      nextId: Math.max(0, ...world.spaces.map((space) => space.id)) + 1,
    };
    STATES.set(world, state);
  }
  return state;
}
