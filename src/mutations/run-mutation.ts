// The one pipeline every mutation runs, so the shared semantics hold everywhere (issue 5, ARCHITECTURE §3/§6):
//   scope check → guards (note, cap) → idempotency → resolve the items (reads only) → dry run, or
//   audit begin → state-changing calls in chunks (never retried; the first failure stops the rest) →
//   cache invalidation → audit end → one result per requested id, in request order.
// A mutation supplies only how to resolve its items and how to send them.
import type { Scope } from '../auth/caller.js';
import type { GatewayContext } from '../context.js';
import { GatewayError } from '../errors.js';
import type { ResourceClass } from '../loaders/shared-cache.js';
import { outcome, type ItemOutcome, type ItemResult } from './item-outcome.js';

/** An item that resolved to something the upstream can act on. */
export interface Target<T> {
  /** The id as the client sent it. */
  id: string;
  /** The upstream key (device uuid, alert id, space id…). */
  key: string;
  value: T;
}

export interface MutationUserError {
  message: string;
  field: string[];
  code: string;
}

export interface MutationSpec<T> {
  operation: string;
  /** The caller scope the operation needs beyond `act` (which every mutation needs); destructive ones also need `destructive`. */
  scope: Scope;
  /** Destructive actions need a note, respect the item cap and are idempotent by key (issue 5). */
  destructive: boolean;
  /** The requested item ids, in order (duplicates are reported once). */
  ids: readonly string[];
  note?: string | null;
  dryRun?: boolean | null;
  idempotencyKey?: string | null;
  /** What identifies the request for idempotency and the audit record; never secrets. */
  input: unknown;
  /** A keyed digest of secret inputs (passwords): part of the idempotency check only, never audited. */
  secretDigest?: string;
  /** Reads only: each id becomes a target, or an outcome decided without the upstream (NOT_FOUND, SKIPPED…). */
  resolve(ids: readonly string[]): Promise<Map<string, Target<T> | ItemOutcome>>;
  /** State-changing calls for some targets; returns an outcome per target id. */
  send(targets: ReadonlyArray<Target<T>>): Promise<Map<string, ItemOutcome>>;
  /** Targets per `send` (one upstream call each); default: all at once. */
  chunkSize?: number;
  /** What the upstream changed for everyone who can see it. */
  invalidates: { upstream: 'epmm' | 'neurons'; resources: readonly ResourceClass[] };
  /** Extra checks on the input (reads allowed): business failures become userErrors and nothing is sent. */
  validate?(): MutationUserError[] | Promise<MutationUserError[]>;
}

/** One requested item's result, with what it resolved to (for the payload's refreshed object). */
export type MutationItem<T = unknown> = ItemResult & { target: T | null };

export interface MutationResult<T = unknown> {
  results: Array<MutationItem<T>>;
  userErrors: MutationUserError[];
  auditId: string | null;
  dryRun: boolean;
  replayed: boolean;
}

const NOTE_MAX = 200;

export async function runMutation<T>(context: GatewayContext, spec: MutationSpec<T>): Promise<MutationResult<T>> {
  const ids = [...new Set(spec.ids)];
  if (ids.length === 0) throw new GatewayError('BAD_USER_INPUT', 'Name at least one item.', { field: 'input.ids' });
  const blocked = await guard(context, spec, ids);
  if (blocked) return blocked;
  const dryRun = spec.dryRun === true;
  if (dryRun || !spec.idempotencyKey) return { ...(await execute(context, spec, ids, dryRun)), replayed: false };
  const { value, replayed } = await context.mutations.idempotency.once(
    { callerScope: context.caller.cacheScope, operation: spec.operation, key: spec.idempotencyKey, input: { input: spec.input, note: spec.note ?? null, secrets: spec.secretDigest } },
    () => execute(context, spec, ids, false),
  );
  return { ...value, replayed };
}

/** Scope, note and cap: when any fails, every item is reported and nothing is read or sent. */
async function guard<T>(context: GatewayContext, spec: MutationSpec<T>, ids: string[]): Promise<MutationResult<T> | undefined> {
  const skipped = (status: 'FORBIDDEN' | 'SKIPPED', message: string, userErrors: MutationUserError[]): MutationResult<T> => ({
    results: ids.map((id) => ({ id, key: null, target: null, ...outcome(status, message) })),
    userErrors,
    auditId: null,
    dryRun: spec.dryRun === true,
    replayed: false,
  });
  // A destructive operation needs the 'destructive' scope on top of its own (deleting a device space: 'admin'
  // and 'destructive'), so no scope alone grants destroying data.
  const missing = [spec.scope, ...(spec.destructive ? (['destructive'] as const) : [])].find((scope) => !context.caller.scopes.has(scope));
  if (missing) {
    const message = `${spec.operation} needs the '${missing}' scope, which ${context.caller.name} does not hold.`;
    return skipped('FORBIDDEN', message, [{ message, field: ['input'], code: 'FORBIDDEN' }]);
  }
  const userErrors = [...((await spec.validate?.()) ?? [])];
  if (spec.destructive) {
    const note = spec.note?.trim() ?? '';
    if (note === '') userErrors.push({ message: 'Destructive actions need a note saying why.', field: ['input', 'note'], code: 'NOTE_REQUIRED' });
    if (note.length > NOTE_MAX) userErrors.push({ message: `The note must be at most ${NOTE_MAX} characters.`, field: ['input', 'note'], code: 'NOTE_TOO_LONG' });
    const cap = context.config.mutations.maxDestructiveItems;
    if (ids.length > cap) {
      userErrors.push({ message: `At most ${cap} items per destructive operation (${ids.length} requested).`, field: ['input', 'ids'], code: 'TOO_MANY_ITEMS' });
    }
  }
  return userErrors.length > 0 ? skipped('SKIPPED', 'Not sent: the input has errors (see userErrors).', userErrors) : undefined;
}

async function execute<T>(context: GatewayContext, spec: MutationSpec<T>, ids: string[], dryRun: boolean): Promise<Omit<MutationResult<T>, 'replayed'>> {
  const resolved = await spec.resolve(ids);
  const outcomes = new Map<string, ItemOutcome>();
  const targets: Target<T>[] = [];
  for (const id of ids) {
    const item = resolved.get(id) ?? outcome('NOT_FOUND', 'No such item is visible to you.');
    if ('status' in item) outcomes.set(id, item);
    else targets.push(item);
  }
  if (dryRun) {
    for (const target of targets) outcomes.set(target.id, outcome('DRY_RUN', 'Would be sent (dry run: nothing was changed).'));
    return { results: collect(ids, outcomes, targets), userErrors: [], auditId: null, dryRun: true };
  }

  const { audit } = context.mutations;
  const callsBefore = context.accounting.calls.length;
  const auditId = await audit.begin({
    caller: context.caller.name,
    operation: spec.operation,
    note: spec.note ?? null,
    items: ids.map((id) => ({ id, key: targets.find((target) => target.id === id)?.key ?? null })),
    input: spec.input,
  });
  let stopped: GatewayError | undefined;
  let sentAny = false;
  for (const chunk of chunks(targets, spec.chunkSize ?? targets.length)) {
    if (stopped) {
      for (const target of chunk) outcomes.set(target.id, outcome('SKIPPED', `Not sent: an earlier call failed (${stopped.message}).`));
      continue;
    }
    try {
      sentAny = true;
      const answered = await spec.send(chunk);
      for (const target of chunk) outcomes.set(target.id, answered.get(target.id) ?? outcome('UNCONFIRMED', 'The MDM did not report this item.'));
    } catch (error) {
      stopped = asGatewayError(error);
      for (const target of chunk) outcomes.set(target.id, failedCall(stopped));
    }
  }
  if (sentAny) context.invalidate(spec.invalidates.upstream, spec.invalidates.resources);
  const results = collect(ids, outcomes, targets);
  await audit.end(auditId, {
    results: results.map(({ id, key, status, messageKey, message }) => ({ id, key, status, messageKey, message })),
    upstreamCalls: context.accounting.calls.length - callsBefore,
  });
  return { results, userErrors: [], auditId, dryRun: false };
}

/** A call that threw: refused outright, or possibly applied before the answer was lost. */
function failedCall(error: GatewayError): ItemOutcome {
  const code = error.extensions.code;
  if (code === 'FORBIDDEN') return outcome('FORBIDDEN', error.message);
  if (code === 'NOT_FOUND') return outcome('NOT_FOUND', error.message);
  // A timeout or a lost connection may come after the MDM acted: say so rather than claim it failed.
  if (code === 'UPSTREAM_TIMEOUT') return outcome('UNCONFIRMED', `${error.message} The action may or may not have been applied.`);
  return outcome('FAILED', error.message, typeof error.extensions.upstreamMessageKey === 'string' ? error.extensions.upstreamMessageKey : null);
}

function asGatewayError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  return new GatewayError('UPSTREAM_ERROR', 'The call failed unexpectedly.');
}

function collect<T>(ids: string[], outcomes: Map<string, ItemOutcome>, targets: Target<T>[]): Array<ItemResult & { target: T | null }> {
  const byId = new Map(targets.map((target) => [target.id, target]));
  return ids.map((id) => {
    const target = byId.get(id);
    return { id, key: target?.key ?? null, target: target?.value ?? null, ...(outcomes.get(id) ?? outcome('UNCONFIRMED', 'No outcome was recorded.')) };
  });
}

function* chunks<T>(items: T[], size: number): Generator<T[]> {
  const step = Math.max(1, size);
  for (let i = 0; i < items.length; i += step) yield items.slice(i, i + step);
}
