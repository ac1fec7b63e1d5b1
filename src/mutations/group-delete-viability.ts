// NG04 "Check Delete Viability": which user groups Neurons would refuse to delete. Never cached: it is the
// check made right before a delete, and a stale "deletable" would send a delete Neurons refuses. Used by
// deleteUserGroup (src/mutations/groups.ts) and the Query.groupDeleteViability resolver.
import type { UpstreamCaller } from '../upstream/caller.js';
import type { NeuronsClient } from '../upstream/neurons/client.js';

export interface DeleteViability {
  deletable: boolean;
  /** Neurons' reason when it gave one; null when deletable. */
  reason: string | null;
}

/**
 * The answer lists the groups that cannot be deleted (an empty page: all can; catalogue NG04, whose element
 * shape is undocumented). An entry that names no group blocks every group asked about: the gateway cannot
 * tell which one it means, and guessing "deletable" would be the unsafe reading.
 */
export async function readDeleteViability(
  neurons: { client: NeuronsClient; caller: UpstreamCaller },
  groupIds: readonly number[],
): Promise<Map<number, DeleteViability>> {
  const answer = new Map<number, DeleteViability>(groupIds.map((id) => [id, { deletable: true, reason: null }]));
  if (groupIds.length === 0) return answer;
  const page = await neurons.client.checkDeleteViability(neurons.caller, groupIds);
  for (const entry of page.searchResults) {
    const reason =
      typeof entry.reason === 'string' ? entry.reason : 'Neurons reports that the group cannot be deleted.';
    if (entry.id !== undefined && answer.has(entry.id)) answer.set(entry.id, { deletable: false, reason });
    else if (entry.id === undefined)
      for (const id of groupIds)
        answer.set(id, { deletable: false, reason: `Neurons reported a blocker without naming the group: ${reason}` });
  }
  return answer;
}
