// The one global-id codec. Ids are opaque to clients (base64url) but carry the type, the source MDM and
// the source's own key, so `node(id)` can route to the right loader without a lookup table.
import { GatewayError, type FieldPath } from './errors.js';
import type { DeviceModel, NeuronsDeviceRef } from './models/device.js';
import { UUID } from './models/uuid.js';

export type NodeType = 'Device' | 'User' | 'DeviceSpace' | 'Group' | 'Label' | 'Policy' | 'Alert';
export type SourceName = 'EPMM' | 'NEURONS';

export interface DecodedId {
  type: NodeType;
  source: SourceName;
  key: string;
}

const NODE_TYPES: ReadonlySet<string> = new Set<NodeType>([
  'Device',
  'User',
  'DeviceSpace',
  'Group',
  'Label',
  'Policy',
  'Alert',
]);
const SOURCES: ReadonlySet<string> = new Set<SourceName>(['EPMM', 'NEURONS']);

/**
 * A Neurons device's key: `<dmPartitionId>:<device id>`, the two things Neurons' device read
 * (`GET /api/v1/device/{id}?dmPartitionId=`) takes. Neurons cannot find a device by UUID, so the UUID is no key there.
 * Digits only, no leading zero: one key per device, and nothing else can reach the upstream URL.
 */
const NEURONS_DEVICE_KEY = /^([1-9]\d{0,14}):([1-9]\d{0,14})$/;

/** Keys whose shape is fixed: an id with any other key is not one the gateway made, so it is malformed input. */
const KEY_SHAPES: Partial<Record<`${NodeType}:${SourceName}`, RegExp>> = { 'Device:NEURONS': NEURONS_DEVICE_KEY };

export function encodeId(type: NodeType, source: SourceName, key: string): string {
  return Buffer.from(`${type}:${source}:${key}`, 'utf8').toString('base64url');
}

/**
 * `field`: where the id sits in the operation's arguments (['id'], ['input', 'ids', 2]); every malformed id is
 * BAD_USER_INPUT located there (docs/errors.md).
 */
export function decodeId(id: string, field?: FieldPath): DecodedId {
  const text = Buffer.from(id, 'base64url').toString('utf8');
  const [type, source, ...rest] = text.split(':');
  const key = rest.join(':');
  const shape = KEY_SHAPES[`${type as NodeType}:${source as SourceName}`];
  if (
    !NODE_TYPES.has(type) ||
    !SOURCES.has(source) ||
    key === '' ||
    (shape !== undefined && !shape.test(key)) ||
    encodeId(type as NodeType, source as SourceName, key) !== id
  ) {
    throw new GatewayError('BAD_USER_INPUT', notAnIdMessage(id), field ? { field } : {});
  }
  return { type: type as NodeType, source: source as SourceName, key };
}

/** A bare device UUID is the commonest wrong id: the message names the lookup that takes one. */
function notAnIdMessage(id: string): string {
  const shown = id.slice(0, 64);
  return UUID.test(id.trim())
    ? `'${shown}' is a device UUID, not a global id: look the device up with device(uuid: "${shown}") and use its id.`
    : `'${shown}' is not a valid id.`;
}

/** An id that must name an object of `type` (any source): an id of another type is malformed input at `field`. */
export function decodeIdOf(id: string, type: NodeType, field: FieldPath): DecodedId {
  const decoded = decodeId(id, field);
  if (decoded.type !== type) throw wrongType(id, decoded.type, type, field);
  return decoded;
}

function wrongType(id: string, actual: NodeType, expected: NodeType, field: FieldPath): GatewayError {
  return new GatewayError(
    'BAD_USER_INPUT',
    `'${id.slice(0, 64)}' is ${article(actual)} id, not ${article(expected)} id.`,
    {
      field,
    },
  );
}

const article = (type: string) => `${/^[AEIOU]/.test(type) ? 'an' : 'a'} ${type}`;

/** A device's global id: EPMM devices by UUID, Neurons devices by partition and numeric id (see NEURONS_DEVICE_KEY). */
export function deviceGlobalId(device: Pick<DeviceModel, 'source' | 'uuid' | 'neurons'>): string {
  if (device.source === 'EPMM') return encodeId('Device', 'EPMM', device.uuid);
  // Every Neurons mapper sets the reference; a model without one is a gateway bug, masked as an internal error.
  if (!device.neurons) throw new Error('A Neurons device model without its partition and device id.');
  return encodeId('Device', 'NEURONS', `${device.neurons.partitionId}:${device.neurons.id}`);
}

/** The partition and numeric id in the key of a decoded Neurons Device id (decodeId has checked its shape). */
export function neuronsDeviceRefOf(decoded: DecodedId, field?: FieldPath): NeuronsDeviceRef {
  const match = decoded.type === 'Device' && decoded.source === 'NEURONS' ? NEURONS_DEVICE_KEY.exec(decoded.key) : null;
  if (!match) throw new GatewayError('BAD_USER_INPUT', 'Not a Neurons device id.', field ? { field } : {});
  return { partitionId: Number(match[1]), id: Number(match[2]) };
}

/**
 * An EPMM object's numeric key from its global id (alerts, labels, device spaces, policies): an id of another
 * type or source, or a key outside `key`'s shape, is malformed input for the whole operation.
 */
export function epmmNumericKey(id: string, type: NodeType, field: FieldPath, key: RegExp = /^\d{1,15}$/): number {
  const decoded = decodeIdOf(id, type, field);
  if (decoded.source !== 'EPMM' || !key.test(decoded.key)) {
    throw new GatewayError('BAD_USER_INPUT', `'${id.slice(0, 64)}' is not ${article(type)} id.`, { field });
  }
  return Number(decoded.key);
}

/**
 * The one argument naming an object where a lookup takes its global id or its native key (`device(id|uuid)`,
 * `user(id|principal)`): exactly one must be given. Both or neither is BAD_USER_INPUT; the path names the native
 * key when both are given (drop it) and the global id when neither is (the one to prefer).
 */
export function oneOfIdOrKey<K extends string>(
  args: { id?: string | null } & { [name in K]?: string | null },
  keyName: K,
  prefix: FieldPath = [],
): { id: string } | { key: string } {
  const id = args.id ?? null;
  const key = args[keyName] ?? null;
  if ((id === null) === (key === null)) {
    throw new GatewayError('BAD_USER_INPUT', `Give exactly one of \`id\` (the global id) and \`${keyName}\`.`, {
      field: [...prefix, id === null ? 'id' : keyName],
    });
  }
  return id !== null ? { id } : { key: key as string };
}

/** A Neurons partition's dmPartitionId from its DeviceSpace id; an EPMM space's id is malformed input here. */
export function neuronsPartitionKey(id: string, field: FieldPath): number {
  const decoded = decodeIdOf(id, 'DeviceSpace', field);
  if (decoded.source !== 'NEURONS' || !/^[1-9]\d{0,14}$/.test(decoded.key))
    throw new GatewayError('BAD_USER_INPUT', `'${id.slice(0, 64)}' is not a Neurons partition's DeviceSpace id.`, {
      field,
    });
  return Number(decoded.key);
}
