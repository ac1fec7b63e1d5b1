// What device-space mutations share: turning DeviceSpace ids into EPMM space ids with reads only (a space not in
// the caller's DS01 list is NOT_FOUND and never sent), and checking a space's criteria before EPMM sees it.
import type { GatewayContext } from '../context.js';
import { GatewayError } from '../errors.js';
import { epmmNumericKey } from '../ids.js';
import type { DeviceSpaceModel } from '../models/device-space.js';
import { parseSearchQuery, printSearchQuery, type SearchNode } from '../upstream/epmm/search-parser.js';
import { outcome, type ItemOutcome } from './item-outcome.js';
import type { MutationUserError, Target } from './run-mutation.js';

/** "1 is the ID for the Global device space" (DS04); EPMM's root, which no call may change or delete. */
export const GLOBAL_SPACE_ID = 1;

/**
 * What a device-space mutation's item points at, for the payload's `deviceSpace`. Mutable on purpose: a
 * created space's id is known only from EPMM's answer, which `send` records here.
 */
export interface SpaceRef {
  spaceId: number | null;
}

/** A DeviceSpace global id → EPMM's numeric id; anything else is malformed input for the whole operation. */
export function spaceIdOf(id: string, field: string[]): number {
  return epmmNumericKey(id, 'DeviceSpace', field, /^[1-9]\d{0,8}$/);
}

/** The space if the caller's DS01 list (their space and the spaces below it) has it. */
export async function visibleSpace(context: GatewayContext, spaceId: number): Promise<DeviceSpaceModel | null> {
  return (await context.loaders.deviceSpaceList()).find((space) => space.id === spaceId) ?? null;
}

/** One space as a mutation's item; `changesGlobal`: Global is refused here rather than sent (EPMM refuses it). */
export async function resolveSpace(
  context: GatewayContext,
  id: string,
  spaceId: number,
  changesGlobal: string | null,
): Promise<Map<string, Target<SpaceRef> | ItemOutcome>> {
  const space = await visibleSpace(context, spaceId);
  if (!space) return new Map([[id, outcome('NOT_FOUND', 'No device space with this id is visible to you.')]]);
  if (changesGlobal && space.id === GLOBAL_SPACE_ID) return new Map([[id, outcome('SKIPPED', changesGlobal)]]);
  return new Map([[id, { id, key: String(space.id), value: { spaceId: space.id } }]]);
}

/**
 * Criteria are parsed by the gateway's own advanced-search parser, every field is checked against EPMM's
 * criteria fields (DS03, one read) and the text sent is the parser's rewrite, never the client's.
 */
export async function checkCriteria(
  context: GatewayContext,
  text: string,
  field: string[],
): Promise<{ criteria: string } | { errors: MutationUserError[] }> {
  let tree: SearchNode | null;
  try {
    tree = parseSearchQuery(text);
  } catch (error) {
    if (!(error instanceof GatewayError)) throw error;
    return {
      errors: [{ message: error.message.replace('search query', 'criteria'), field, code: 'CRITERIA_INVALID' }],
    };
  }
  // Only Global selects every device; a space without criteria would be a second Global.
  if (!tree) return { errors: [{ message: 'A device space needs criteria.', field, code: 'CRITERIA_REQUIRED' }] };
  const known = new Set(
    (await context.mutations.epmm.deviceSpaces.criteriaFields(context.epmm)).results.map((candidate) =>
      candidate.name.toLowerCase(),
    ),
  );
  const unknown = [...new Set(fieldsOf(tree))].filter((name) => !known.has(name.toLowerCase()));
  if (unknown.length > 0) {
    return {
      errors: [
        {
          message: `Device-space criteria cannot use ${unknown.map((name) => `'${name}'`).join(', ')}; see EPMM's criteria fields.`,
          field,
          code: 'CRITERIA_FIELD_UNKNOWN',
        },
      ],
    };
  }
  return { criteria: printSearchQuery(tree) };
}

function fieldsOf(node: SearchNode): string[] {
  return node.kind === 'compare' ? [node.field] : [...fieldsOf(node.left), ...fieldsOf(node.right)];
}

/** A name check against the visible spaces; a clash with a space the caller cannot see is EPMM's to report. */
export function nameErrors(
  name: string,
  spaces: readonly DeviceSpaceModel[],
  except: number | null,
): MutationUserError[] {
  const trimmed = name.trim();
  if (trimmed === '')
    return [{ message: 'A device space needs a name.', field: ['input', 'name'], code: 'NAME_REQUIRED' }];
  const clash = spaces.find((space) => space.id !== except && space.name.toLowerCase() === trimmed.toLowerCase());
  return clash
    ? [
        {
          message: `A device space named '${clash.name}' already exists.`,
          field: ['input', 'name'],
          code: 'NAME_NOT_UNIQUE',
        },
      ]
    : [];
}
