import type { GatewayContext } from '../../context.js';
import type { QueryResolvers } from '../../generated/resolvers-types.js';
import { decodeIdOf } from '../../ids.js';
import { parseGroupKey } from '../../models/group-id.js';
import type { GroupModel } from '../../models/group.js';
import { offsetAfter, pageSize } from '../../pagination.js';
import { pageOfList } from '../connection.js';

/**
 * User groups (NG02, tenant-wide) then the device groups of every partition the caller holds (NG10 per partition),
 * filtered and paged locally: neither call filters by name, and NG10 answers its first 50 groups without paging.
 */
export const groups: QueryResolvers['groups'] = async (
  _parent,
  { first, after, type, search },
  { loaders, config },
) => {
  pageSize(first, config.maxPageSize);
  offsetAfter(after);
  const [userGroups, deviceGroups] = await Promise.all([
    type === 'DEVICE_GROUP' ? [] : loaders.groups.userGroups(),
    type === 'USER_GROUP' ? [] : loaders.groups.allDeviceGroups(),
  ]);
  const needle = search?.trim().toLowerCase();
  const all = [...userGroups, ...deviceGroups].filter((group) => !needle || group.name.toLowerCase().includes(needle));
  return pageOfList(all, first, after, config.maxPageSize);
};

export async function loadGroup(key: string, { loaders }: GatewayContext): Promise<GroupModel | null> {
  const parsed = parseGroupKey(key);
  if (!parsed) return null;
  if (parsed.kind === 'DEVICE_GROUP') return loaders.groups.deviceGroup(parsed.partitionId, parsed.id);
  return (await loaders.groups.userGroups()).find((group) => group.legacyId === parsed.id) ?? null;
}

export const group: QueryResolvers['group'] = (_parent, { id }, context) => {
  return loadGroup(decodeIdOf(id, 'Group', ['id']).key, context);
};
