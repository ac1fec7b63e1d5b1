// Account-side facts: which accounts belong to which user group (static lists, the built-in All Users, and
// dynamic definitions evaluated over account fields).
import type { SimUser, World } from '../fleet/types.js';
import { compileFilter } from './filter/evaluate.js';
import type { NeuronsUserGroup, NeuronsWorld } from './world.js';

/** Fields a user-group `definition` may use (the UI's attribute list is not in the documents; see decisions). */
export const ACCOUNT_FIELDS: ReadonlySet<string> = new Set([
  'ACCOUNTSOURCE',
  'UID',
  'EMAILADDRESS',
  'FIRSTNAME',
  'LASTNAME',
  'DISPLAYNAME',
  'ACCOUNTGROUP',
]);

function accountValues(neurons: NeuronsWorld) {
  return (user: SimUser, field: string): readonly string[] => {
    switch (field) {
      case 'ACCOUNTSOURCE':
        return [user.source];
      case 'UID':
        return [user.email];
      case 'EMAILADDRESS':
        return [user.email];
      case 'FIRSTNAME':
        return [user.firstName];
      case 'LASTNAME':
        return [user.lastName];
      case 'DISPLAYNAME':
        return [user.displayName];
      // Only static memberships, so a dynamic definition can never refer to itself.
      case 'ACCOUNTGROUP': {
        const id = neurons.accountIdByUserUuid.get(user.uuid);
        return [...neurons.userGroups.values()]
          .filter((group) => group.membershipStatic && id !== undefined && group.members.has(id))
          .map((group) => group.name);
      }
      default:
        return [];
    }
  };
}

/** The account ids in a group now. */
export function userGroupMembers(world: World, neurons: NeuronsWorld, group: NeuronsUserGroup): Set<number> {
  if (group.system) return new Set(neurons.userByAccountId.keys());
  if (group.membershipStatic) return group.members;
  const test = compileFilter(group.filter, accountValues(neurons));
  const members = new Set<number>();
  for (const user of world.users) if (test(user)) members.add(neurons.accountIdByUserUuid.get(user.uuid)!);
  return members;
}

/** Every account's group names, computed once per request (devices facet and filter on ACCOUNTGROUP). */
export function groupNamesByAccount(world: World, neurons: NeuronsWorld): Map<number, string[]> {
  const names = new Map<number, string[]>();
  for (const group of neurons.userGroups.values()) {
    for (const accountId of userGroupMembers(world, neurons, group)) {
      const list = names.get(accountId);
      if (list) list.push(group.name);
      else names.set(accountId, [group.name]);
    }
  }
  return names;
}
