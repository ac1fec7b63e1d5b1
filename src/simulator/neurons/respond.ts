// Neurons' `{errors, result}` envelope for successes and failures, tenant-admin scoping, and tolerant
// readers for request bodies that the documents send as JSON or form-style lines.
import type { SimAdmin } from '../fleet/types.js';
import { SimHttpError } from '../http/errors.js';
import type { HandlerResult, RouteDefinition } from '../http/route.js';
import type { NeuronsWorld } from './world.js';

/** "Tenant Admin credentials" (every NG call): the simulator's tenant admins hold this role. */
export const TENANT_ADMIN = ['MANAGE_SPACES'] as const;

export interface NeuronsErrorItem {
  type: 'ERROR';
  messageKey: string;
  message: string;
}

/** The non-null `errors` shape is undocumented; the simulator's reading is a list of keyed messages. */
export function neuronsError(messageKey: string, message: string): { errors: NeuronsErrorItem[]; result: null } {
  return { errors: [{ type: 'ERROR', messageKey, message }], result: null };
}

export const neuronsErrorBody: NonNullable<RouteDefinition['errorBody']> = (key, message) => neuronsError(key, message);

export function ok(result: unknown): HandlerResult {
  return { status: 200, body: { errors: null, result } };
}

export function badRequest(message: string): SimHttpError {
  return new SimHttpError(400, neuronsError('com.mobileiron.cloud.messages.validation.failure', message));
}

export function notFound(message: string): SimHttpError {
  return new SimHttpError(404, neuronsError('com.mobileiron.cloud.messages.not.found', message));
}

/** Every Neurons call needs tenant admin credentials; the route-level role lets only tenant admins in. */
export function tenantAdmin(neurons: NeuronsWorld, admin: SimAdmin): { accountId: number; partitionIds: number[] } {
  const found = neurons.tenantAdmins.get(admin.name);
  if (!found)
    throw new SimHttpError(
      403,
      neuronsError('com.mobileiron.cloud.messages.access.denied', 'Tenant Admin credentials are required.'),
    );
  return found;
}

/** An unknown partition is 404; one the admin may not act in is 403, so a client cannot widen its view. */
export function requirePartition(neurons: NeuronsWorld, admin: SimAdmin, partitionId: number): void {
  if (!neurons.partitions.some((partition) => partition.id === partitionId))
    throw notFound(`Unknown dmPartitionId ${partitionId}.`);
  if (!tenantAdmin(neurons, admin).partitionIds.includes(partitionId)) {
    throw new SimHttpError(
      403,
      neuronsError('com.mobileiron.cloud.messages.access.denied', `Access denied to partition ${partitionId}.`),
    );
  }
}

export function bodyObject(body: unknown): Record<string, unknown> {
  if (body === undefined) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw badRequest('The request body must be an object.');
  return body as Record<string, unknown>;
}

/** Ids as a JSON array of numbers or numeric strings (NG14 sends strings), or a comma-separated form value. */
export function idList(value: unknown, name: string): number[] {
  const items = Array.isArray(value)
    ? value
    : typeof value === 'string'
      ? value.split(',').filter((item) => item.trim() !== '')
      : typeof value === 'number'
        ? [value]
        : undefined;
  if (!items) throw badRequest(`${name}: a list of ids is required.`);
  return items.map((item) => {
    const text = typeof item === 'number' ? String(item) : typeof item === 'string' ? item.trim() : '';
    if (!/^\d{1,15}$/.test(text)) throw badRequest(`${name}: '${String(item)}' is not an id.`);
    return Number(text);
  });
}

/** Booleans arrive as JSON booleans or as `TRUE`/`true`/`false` text (NG07, NG08). */
export function booleanValue(value: unknown, name: string, fallback?: boolean): boolean {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
  throw badRequest(`${name}: must be true or false.`);
}

export function stringValue(
  value: unknown,
  name: string,
  options: { required: boolean; maxLength: number },
): string | undefined {
  if (value === undefined || value === null || value === '') {
    if (options.required) throw badRequest(`${name}: Required parameter is missing.`);
    return undefined;
  }
  if (typeof value !== 'string') throw badRequest(`${name}: must be a string.`);
  if (value.length > options.maxLength)
    throw badRequest(`${name}: must be no more than ${options.maxLength} characters.`);
  return value;
}

export function page<T>(
  items: readonly T[],
  offset: number,
  limit: number,
): { searchResults: T[]; totalCount: number; offset: number; limit: number } {
  return { searchResults: items.slice(offset, offset + limit), totalCount: items.length, offset, limit };
}
