import type { QueryResolvers } from '../../generated/resolvers-types.js';
import { readDeleteViability } from '../../mutations/group-delete-viability.js';
import { neuronsFor } from '../../mutations/groups.js';
import { groupKeyOfId } from '../../models/group-id.js';

/**
 * A read (NG04 is a GET that changes nothing), so a Query field rather than a mutation. Ids that are not
 * visible user groups answer `deletable: false` with the reason, and are not sent: NG04 is about user groups.
 */
export const groupDeleteViability: QueryResolvers['groupDeleteViability'] = async (_parent, { ids }, context) => {
  // Before anything else: without Neurons, NOT_SUPPORTED_BY_SOURCE.
  const neurons = neuronsFor(context, 'groupDeleteViability');
  const keys = ids.map((id, index) => [id, groupKeyOfId(id, ['ids', index])] as const);
  const userGroups = keys.some(([, key]) => key?.kind === 'USER_GROUP')
    ? await context.loaders.groups.userGroups()
    : [];
  const groupOf = new Map(
    keys.map(([id, key]) => [
      id,
      key?.kind === 'USER_GROUP' ? (userGroups.find((group) => group.legacyId === key.id) ?? null) : null,
    ]),
  );
  const known = [...new Set([...groupOf.values()].flatMap((group) => (group ? [group.legacyId] : [])))];
  const viability = await readDeleteViability(neurons, known);
  return keys.map(([id, key]) => {
    const group = groupOf.get(id) ?? null;
    if (!group) {
      const reason =
        key?.kind === 'DEVICE_GROUP'
          ? 'Neurons documents no call that deletes a device group.'
          : 'No such user group is visible to you.';
      return { id, group: null, deletable: false, reason };
    }
    const verdict = viability.get(group.legacyId)!;
    return { id, group, deletable: verdict.deletable, reason: verdict.reason };
  });
};
