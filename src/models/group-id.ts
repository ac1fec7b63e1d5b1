// The key inside a Group's global id: user groups are tenant-wide, device groups live in a partition, and
// reading one again needs that partition.
import { GatewayError } from '../errors.js';
import { decodeId, encodeId } from '../ids.js';
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
export function groupKeyOfId(id: string, field: readonly string[]): GroupKey | null {
  const decoded = decodeId(id);
  if (decoded.type !== 'Group')
    throw new GatewayError('BAD_USER_INPUT', `'${id.slice(0, 64)}' is a ${decoded.type} id, not a Group id.`, {
      field: [...field],
    });
  return parseGroupKey(decoded.key);
}
