// The body every v2 bulk device call takes: `deviceUuids`, an optional `note`, optional `additionalParameters`.
// The documents type the uuid list as "String … use commas" but every sample sends a JSON array; both are accepted.
import type { SimDevice, World } from '../fleet/types.js';
import { SimHttpError } from '../http/errors.js';
import { epmmError } from '../http/respond.js';

export interface BulkRequest {
  /** As sent (trimmed), duplicates removed; `deviceResults` is keyed by these. */
  deviceUuids: string[];
  note?: string;
  additionalParameters: Record<string, unknown>;
}

export interface BulkOptions {
  /** Inclusive character bounds of `note`; only V03 documents them (1-200). */
  noteLength?: { min: number; max: number };
  /** V23 with allDevices=true takes `{}`: the list may then be absent. */
  uuidsOptional?: boolean;
}

export function validation(param: string, message: string): SimHttpError {
  return new SimHttpError(400, epmmError('com.mobileiron.vsp.messages.validation.failure', message, [param]));
}

export function bodyObject(body: unknown): Record<string, unknown> {
  if (body === undefined) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw validation('body', 'The request body must be a JSON object.');
  return body as Record<string, unknown>;
}

export function parseBulkRequest(body: unknown, options: BulkOptions = {}): BulkRequest {
  const object = bodyObject(body);
  const deviceUuids = uuidList(object.deviceUuids, 'deviceUuids', options.uuidsOptional === true);
  const note = object.note;
  if (note !== undefined && note !== null && typeof note !== 'string')
    throw validation('note', 'note: must be a string.');
  if (
    typeof note === 'string' &&
    options.noteLength &&
    (note.length < options.noteLength.min || note.length > options.noteLength.max)
  ) {
    throw validation(
      'note',
      `note: Must be at least ${options.noteLength.min} and no more than ${options.noteLength.max} characters.`,
    );
  }
  const extra = object.additionalParameters;
  if (extra !== undefined && extra !== null && (typeof extra !== 'object' || Array.isArray(extra))) {
    throw validation('additionalParameters', 'additionalParameters: must be an object.');
  }
  return {
    deviceUuids,
    note: typeof note === 'string' ? note : undefined,
    additionalParameters: (extra ?? {}) as Record<string, unknown>,
  };
}

/** A list of strings sent as a JSON array or as one comma-separated string; `[]` when absent and optional. */
export function uuidList(
  value: unknown,
  name: string,
  optional: boolean,
  maxItems = Number.POSITIVE_INFINITY,
): string[] {
  if (value === undefined || value === null) {
    if (optional) return [];
    throw validation(name, `${name}: Required parameter is missing.`);
  }
  const items = typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : undefined;
  if (!items || items.some((item) => typeof item !== 'string'))
    throw validation(name, `${name}: must be an array of strings.`);
  const trimmed = [...new Set((items as string[]).map((item) => item.trim()).filter((item) => item.length > 0))];
  if (trimmed.length === 0 && !optional) throw validation(name, `${name}: at least 1 value(s) required.`);
  if (trimmed.length > maxItems) throw validation(name, `${name}: no more than ${maxItems} values.`);
  return trimmed;
}

/** EPMM reads "true"/"false" strings (the V18 sample) and JSON booleans (the V21 sample) alike. */
export function flag(value: unknown, name: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
  throw validation(name, `${name}: must be true or false.`);
}

/** The device a sent uuid names, if it exists and the admin's space can see it (uuids are matched case-insensitively). */
export function findInScope(
  world: World,
  uuid: string,
  inScope: (device: SimDevice) => boolean,
): SimDevice | undefined {
  const device = world.devicesByUuid.get(uuid.toLowerCase());
  return device && inScope(device) ? device : undefined;
}

/** A non-negative integer body field, sent as a JSON number or (form bodies) as digits. */
export function bodyInteger(value: unknown, name: string, required: boolean): number | undefined {
  if (value === undefined || value === null) {
    if (required) throw validation(name, `${name}: Required parameter is missing.`);
    return undefined;
  }
  const number = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 0)
    throw validation(name, `${name}: '${String(value)}' is not a number.`);
  return number;
}
