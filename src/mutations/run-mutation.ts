// The one pipeline every mutation runs, so the shared semantics hold everywhere (docs/mutations.md):
//   scope check → guards (note, cap) → idempotency → resolve the items (reads only) → audit begin → dry run
//   (nothing sent), or state-changing calls in chunks (never retried; the first failure stops the rest) →
//   cache invalidation → audit end → one result per requested id, in request order.
// A mutation supplies only how to resolve its items and how to send them.
import type { Scope } from '../auth/caller.js';
import type { GatewayContext } from '../context.js';
import { GatewayError, type FieldPath } from '../errors.js';
import { decodeIdOf, type NodeType } from '../ids.js';
import type { ResourceClass } from '../cache/shared-cache.js';
import type { CallRecord } from '../upstream/http.js';
import { withStateChangePermit } from '../upstream/state-change-permit.js';
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
  /** Destructive actions need a note, respect the item cap and are idempotent by key. */
  destructive: boolean;
  /** The requested item ids, in order (duplicates are reported once). */
  ids: readonly string[];
  /**
   * Where the ids sit in the input (default `['input', 'ids']`; `single` for one id such as `['input', 'id']`):
   * the path of an empty list. With `type`, the ids are global ids of that type, each decoded in request order
   * before anything else, so a malformed or wrong-type id is BAD_USER_INPUT at the index the client sent
   * (docs/errors.md).
   */
  idsAt?: { field: FieldPath; type?: NodeType; single?: boolean };
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
  if (ids.length === 0) {
    throw new GatewayError('BAD_USER_INPUT', 'Name at least one item.', {
      field: spec.idsAt?.field ?? ['input', 'ids'],
    });
  }
  const { type, field, single } = spec.idsAt ?? {};
  if (type && field)
    for (const [index, id] of spec.ids.entries()) decodeIdOf(id, type, single ? field : [...field, index]);
  const blocked = await guard(context, spec, ids);
  if (blocked) return blocked;
  const dryRun = spec.dryRun === true;
  if (dryRun || !spec.idempotencyKey) return { ...(await execute(context, spec, ids, dryRun)), replayed: false };
  const { value, replayed } = await context.mutations.idempotency.once(
    {
      callerScope: context.caller.cacheScope,
      operation: spec.operation,
      key: spec.idempotencyKey,
      input: { input: spec.input, note: spec.note ?? null, secrets: spec.secretDigest },
      deadline: context.operation.deadline,
    },
    () => execute(context, spec, ids, false),
  );
  return { ...value, replayed };
}

/** Scope, note and cap: when any fails, every item is reported and nothing is read or sent. */
async function guard<T>(
  context: GatewayContext,
  spec: MutationSpec<T>,
  ids: string[],
): Promise<MutationResult<T> | undefined> {
  const skipped = (
    status: 'FORBIDDEN' | 'SKIPPED',
    message: string,
    userErrors: MutationUserError[],
  ): MutationResult<T> => ({
    results: ids.map((id) => ({ id, key: null, target: null, ...outcome(status, message) })),
    userErrors,
    auditId: null,
    dryRun: spec.dryRun === true,
    replayed: false,
  });
  // A destructive operation needs the 'destructive' scope on top of its own (deleting a device space: 'admin'
  // and 'destructive'), so no scope alone grants destroying data.
  const missing = [spec.scope, ...(spec.destructive ? (['destructive'] as const) : [])].find(
    (scope) => !context.caller.scopes.has(scope),
  );
  if (missing) {
    const message = `${spec.operation} needs the '${missing}' scope, which ${context.caller.name} does not hold.`;
    return skipped('FORBIDDEN', message, [{ message, field: ['input'], code: 'FORBIDDEN' }]);
  }
  const userErrors = [...((await spec.validate?.()) ?? [])];
  if (spec.destructive) {
    const note = spec.note?.trim() ?? '';
    if (note === '')
      userErrors.push({
        message: 'Destructive actions need a note saying why.',
        field: ['input', 'note'],
        code: 'NOTE_REQUIRED',
      });
    if (note.length > NOTE_MAX)
      userErrors.push({
        message: `The note must be at most ${NOTE_MAX} characters.`,
        field: ['input', 'note'],
        code: 'NOTE_TOO_LONG',
      });
    const cap = context.config.mutations.maxDestructiveItems;
    if (ids.length > cap) {
      userErrors.push({
        message: `At most ${cap} items per destructive operation (${ids.length} requested).`,
        field: ['input', 'ids'],
        code: 'TOO_MANY_ITEMS',
      });
    }
  }
  return userErrors.length > 0
    ? skipped('SKIPPED', 'Not sent: the input has errors (see userErrors).', userErrors)
    : undefined;
}

async function execute<T>(
  context: GatewayContext,
  spec: MutationSpec<T>,
  ids: string[],
  dryRun: boolean,
): Promise<Omit<MutationResult<T>, 'replayed'>> {
  const resolved = await spec.resolve(ids);
  const outcomes = new Map<string, ItemOutcome>();
  const targets: Target<T>[] = [];
  for (const id of ids) {
    const item = resolved.get(id) ?? outcome('NOT_FOUND', 'No such item is visible to you.');
    if ('status' in item) outcomes.set(id, item);
    else targets.push(item);
  }
  const items = ids.map((id) => ({ id, key: targets.find((target) => target.id === id)?.key ?? null }));
  const begin = {
    caller: context.caller.name,
    operation: spec.operation,
    note: spec.note ?? null,
    items,
    input: spec.input,
  };
  if (dryRun) {
    for (const target of targets)
      outcomes.set(target.id, outcome('DRY_RUN', 'Would be sent (dry run: nothing was changed).'));
    const results = collect(ids, outcomes, targets);
    // A dry run reads which items the caller may act on: it is audited like the real thing, with nothing sent.
    const auditId = await beginAudit(context, { ...begin, dryRun: true });
    await endAudit(context, auditId, results, 0);
    return { results, userErrors: [], auditId, dryRun: true };
  }

  const callsBefore = context.accounting.calls.length;
  // Before the first state-changing call: when the begin record cannot be written, nothing is sent.
  const auditId = await beginAudit(context, { ...begin, dryRun: false });
  // From here on nothing may throw: once a call may have reached the MDM, the caller gets one result per item
  // and an idempotency key keeps them, so a retry replays instead of acting twice (docs/security.md).
  let stopped: GatewayError | undefined;
  let sentAny = false;
  for (const chunk of chunks(targets, spec.chunkSize ?? targets.length)) {
    if (stopped) {
      for (const target of chunk)
        outcomes.set(target.id, outcome('SKIPPED', `Not sent: an earlier call failed (${stopped.message}).`));
      continue;
    }
    const chunkCallsFrom = context.accounting.calls.length;
    try {
      sentAny = true;
      const answered = await withStateChangePermit(context.operation, () => spec.send(chunk));
      for (const target of chunk)
        outcomes.set(target.id, answered.get(target.id) ?? outcome('UNCONFIRMED', 'The MDM did not report this item.'));
    } catch (error) {
      stopped = asGatewayError(error);
      const failed = failedCall(stopped, context.accounting.calls.slice(chunkCallsFrom));
      for (const target of chunk) outcomes.set(target.id, failed);
    }
  }
  if (sentAny) {
    try {
      context.invalidate(spec.invalidates.upstream, spec.invalidates.resources);
    } catch (error) {
      context.mutations.logger.error(
        { operation: spec.operation, auditId, err: errorName(error) },
        'cache invalidation after a mutation failed',
      );
    }
  }
  const results = collect(ids, outcomes, targets);
  await endAudit(context, auditId, results, context.accounting.calls.length - callsBefore);
  return { results, userErrors: [], auditId, dryRun: false };
}

async function beginAudit(
  context: GatewayContext,
  record: Parameters<GatewayContext['mutations']['audit']['begin']>[0],
): Promise<string> {
  try {
    return await context.mutations.audit.begin(record);
  } catch (error) {
    context.mutations.logger.error(
      { operation: record.operation, err: errorName(error) },
      'audit begin record could not be written',
    );
    throw new GatewayError(
      'INTERNAL_SERVER_ERROR',
      'The audit trail could not be written, so nothing was sent; retrying is safe.',
    );
  }
}

/**
 * The end record. Its failure must not lose the outcome: the begin record stays unfinished (readers report it
 * as such), the error is logged, and the results still reach the caller and the idempotency key.
 */
async function endAudit(
  context: GatewayContext,
  auditId: string,
  results: ItemResult[],
  upstreamCalls: number,
): Promise<void> {
  try {
    await context.mutations.audit.end(auditId, {
      results: results.map(({ id, key, status, messageKey, message }) => ({ id, key, status, messageKey, message })),
      upstreamCalls,
    });
  } catch (error) {
    context.mutations.logger.error(
      { auditId, err: errorName(error) },
      'audit end record could not be written; the entry stays unfinished',
    );
  }
}

/** A filesystem or runtime error's code or name: enough to act on, never a path or a value. */
function errorName(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.name : 'unknown';
}

/**
 * A send that threw. FAILED tells a client that a retry is safe, so it is said only when the MDM cannot have
 * acted: every state-changing call of the chunk was refused by the MDM or never left (docs/security.md, "lost
 * answers"). When a call may have arrived (a reset after sending, a body cut off, a timeout, a 2xx whose body
 * does not parse) the item is UNCONFIRMED, whatever the error's code.
 */
function failedCall(error: GatewayError, calls: readonly CallRecord[]): ItemOutcome {
  const mayHaveActed = calls.some(
    (call) => call.stateChanging && (call.delivery === 'answered' || call.delivery === 'unknown'),
  );
  if (mayHaveActed) {
    return outcome(
      'UNCONFIRMED',
      `${error.message} The MDM may have applied the action before its answer was lost; check the item's state before retrying.`,
    );
  }
  const code = error.code;
  if (code === 'FORBIDDEN') return outcome('FORBIDDEN', error.message);
  if (code === 'NOT_FOUND') return outcome('NOT_FOUND', error.message);
  return outcome('FAILED', error.message, error.details.upstreamMessageKey ?? null);
}

function asGatewayError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  return new GatewayError('UPSTREAM_ERROR', 'The call failed unexpectedly.');
}

function collect<T>(
  ids: string[],
  outcomes: Map<string, ItemOutcome>,
  targets: Target<T>[],
): Array<ItemResult & { target: T | null }> {
  const byId = new Map(targets.map((target) => [target.id, target]));
  return ids.map((id) => {
    const target = byId.get(id);
    return {
      id,
      key: target?.key ?? null,
      target: target?.value ?? null,
      ...(outcomes.get(id) ?? outcome('UNCONFIRMED', 'No outcome was recorded.')),
    };
  });
}

function* chunks<T>(items: T[], size: number): Generator<T[]> {
  const step = Math.max(1, size);
  for (let i = 0; i < items.length; i += step) yield items.slice(i, i + step);
}
