// Which space holds each device. A device descends from Global into the first child (by priority) whose
// criteria it matches, then into that child's children the same way, and stays where no child matches. A nested
// space can therefore only take devices its parent holds, so creating a space never widens anyone's view.
// For the generated world (Global plus three disjoint country spaces) this gives exactly the generator's
// assignment; it is recomputed only after a space changes.
import { FIELD_BY_NAME } from '../fleet/device-fields.js';
import type { SimDevice, SimDeviceSpace, World } from '../fleet/types.js';
import { compilePredicate, parseAdvancedQuery } from '../search/index.js';
import { resolveCriteriaField } from './criteria-fields.js';

interface Node {
  space: SimDeviceSpace;
  matches: (device: SimDevice) => boolean;
  children: Node[];
}

export function reassignDevices(world: World): void {
  const root = buildTree(world);
  if (!root) return;
  for (const device of world.devices) {
    let node = root;
    for (;;) {
      const next = node.children.find((child) => child.matches(device));
      if (!next) break;
      node = next;
    }
    device.spaceId = node.space.id;
  }
}

/** Devices per space, counting a space's descendants too: what an admin of that space sees. */
export function deviceCounts(world: World): Map<number, number> {
  const direct = new Map<number, number>();
  for (const device of world.devices) direct.set(device.spaceId, (direct.get(device.spaceId) ?? 0) + 1);
  const counts = new Map<number, number>();
  for (const space of world.spaces) {
    let total = 0;
    for (const other of world.spaces) if (other.path.startsWith(space.path)) total += direct.get(other.id) ?? 0;
    counts.set(space.id, total);
  }
  return counts;
}

function buildTree(world: World): Node | undefined {
  const nodes = new Map<number, Node>();
  for (const space of world.spaces)
    nodes.set(space.id, { space, matches: criteriaPredicate(world, space.criteria), children: [] });
  let root: Node | undefined;
  for (const node of nodes.values()) {
    const parent = node.space.parentId === null ? undefined : nodes.get(node.space.parentId);
    if (parent) parent.children.push(node);
    else if (node.space.parentId === null) root = node;
  }
  for (const node of nodes.values()) node.children.sort((a, b) => a.space.priority - b.space.priority);
  return root;
}

function criteriaPredicate(world: World, criteria: string): (device: SimDevice) => boolean {
  // Stored criteria were validated by DS04 (or written by the generator), so they parse.
  const node = parseAdvancedQuery(criteria, resolveCriteriaField);
  return compilePredicate(
    node,
    (device: SimDevice, name: string) => FIELD_BY_NAME.get(name)?.get(device, world) ?? null,
  );
}
