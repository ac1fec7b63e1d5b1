// Reads which Device fields an operation selects, for projection of EPMM's device search (see
// models/epmm-device-projection.ts). Fragments are followed; @skip/@include are not evaluated, so a field under
// either is counted as selected: asking EPMM for a field too many is harmless, one too few is not.
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { GatewayConfig } from '../config.js';
import type { DeviceOrderField } from '../models/device-filter.js';
import { epmmFieldsFor } from '../models/epmm-device-projection.js';

/** Type conditions under which a selection applies to a Device. */
const DEVICE_TYPES = new Set(['Device', 'Node']);

/** The fields selected directly in `sets`, with the sub-selections of each, fragments flattened. */
function fieldsIn(
  sets: readonly SelectionSetNode[],
  info: GraphQLResolveInfo,
  accepts: (type: string | undefined) => boolean,
): Map<string, SelectionSetNode[]> {
  const out = new Map<string, SelectionSetNode[]>();
  const visit = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const subs = out.get(selection.name.value) ?? [];
        if (selection.selectionSet) subs.push(selection.selectionSet);
        out.set(selection.name.value, subs);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (accepts(selection.typeCondition?.name.value)) visit(selection.selectionSet);
      } else {
        const fragment = info.fragments[selection.name.value];
        if (fragment && accepts(fragment.typeCondition.name.value)) visit(fragment.selectionSet);
      }
    }
  };
  sets.forEach(visit);
  return out;
}

const anyType = () => true;
const deviceType = (type: string | undefined) => type === undefined || DEVICE_TYPES.has(type);

function ownSelections(info: GraphQLResolveInfo): SelectionSetNode[] {
  return info.fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
}

/** Device fields selected on the devices of a connection field (`nodes { … }` and `edges { node { … } }`). */
export function selectedConnectionDeviceFields(info: GraphQLResolveInfo): Set<string> {
  return selectedConnectionNodeFields(info, DEVICE_TYPES);
}

/** Fields selected on the nodes of a connection field whose nodes are of `types` (fragments on others ignored). */
export function selectedConnectionNodeFields(info: GraphQLResolveInfo, types: ReadonlySet<string>): Set<string> {
  const connection = fieldsIn(ownSelections(info), info, anyType);
  const edges = fieldsIn(connection.get('edges') ?? [], info, anyType);
  const nodeSets = [...(connection.get('nodes') ?? []), ...(edges.get('node') ?? [])];
  return new Set(fieldsIn(nodeSets, info, (type) => type === undefined || types.has(type)).keys());
}

/** Device fields selected on a field that returns a Device or a Node (`device`, `node`, `nodes`). */
export function selectedDeviceFields(info: GraphQLResolveInfo): Set<string> {
  return new Set(fieldsIn(ownSelections(info), info, deviceType).keys());
}

/** The EPMM fields to search with, or undefined (every field) when PROJECTION=off. */
export function epmmProjection(
  config: GatewayConfig,
  deviceFields: Iterable<string>,
  orderField?: DeviceOrderField | null,
): readonly string[] | undefined {
  return config.projection ? epmmFieldsFor(deviceFields, orderField) : undefined;
}
