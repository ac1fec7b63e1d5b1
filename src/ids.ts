// The one global-id codec. Ids are opaque to clients (base64url) but carry the type, the source MDM and
// the source's own key, so `node(id)` can route to the right loader without a lookup table.
import { GatewayError } from './errors.js';

export type NodeType = 'Device' | 'User' | 'DeviceSpace' | 'Group' | 'Label' | 'Policy' | 'Alert';
export type SourceName = 'EPMM' | 'NEURONS';

export interface DecodedId {
  type: NodeType;
  source: SourceName;
  key: string;
}

const NODE_TYPES: ReadonlySet<string> = new Set<NodeType>(['Device', 'User', 'DeviceSpace', 'Group', 'Label', 'Policy', 'Alert']);
const SOURCES: ReadonlySet<string> = new Set<SourceName>(['EPMM', 'NEURONS']);

export function encodeId(type: NodeType, source: SourceName, key: string): string {
  return Buffer.from(`${type}:${source}:${key}`, 'utf8').toString('base64url');
}

export function decodeId(id: string): DecodedId {
  const text = Buffer.from(id, 'base64url').toString('utf8');
  const [type, source, ...rest] = text.split(':');
  const key = rest.join(':');
  if (!NODE_TYPES.has(type) || !SOURCES.has(source) || key === '' || encodeId(type as NodeType, source as SourceName, key) !== id) {
    throw new GatewayError('BAD_USER_INPUT', `'${id.slice(0, 64)}' is not a valid id.`);
  }
  return { type: type as NodeType, source: source as SourceName, key };
}
