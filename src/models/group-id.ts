// The key inside a Group's global id: user groups are tenant-wide, device groups live in a partition, and
// reading one again needs that partition.
import type { FieldPath } from '../errors.js';
import { decodeIdOf, encodeId } from '../ids.js';
import type { GroupModel } from './group.js';

export type GroupKey = { kind: 'USER_GROUP'; id: number } | { kind: 'DEVICE_GROUP'; partitionId: number; id: number };

export function groupGlobalId(group: GroupModel): string {
  const key =
    group.groupKind === 'USER_GROUP' ? `user:${group.legacyId}` : `device:${group.partitionId ?? 0}:${group.legacyId}`;
  return encodeId('Group', 'NEURONS', key);
}

export function parseGroupKey(key: string): GroupKey | null {
  const user = /^user:(\d{1,15})$/.exec(key);
  if (user) return { kind: 'USER_GROUP', id: Number(user[1]) };
  const device = /^device:(\d{1,15}):(\d{1,15})$/.exec(key);
  if (device) return { kind: 'DEVICE_GROUP', partitionId: Number(device[1]), id: Number(device[2]) };
  return null;
}

/** The key of a Group global id sent as input; another type's id is malformed input, an unknown key null. */
export function groupKeyOfId(id: string, field: FieldPath): GroupKey | null {
  return parseGroupKey(decodeIdOf(id, 'Group', field).key);
}
