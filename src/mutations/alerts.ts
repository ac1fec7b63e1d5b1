// Marking Event Center alerts read or unread (EPMM v1 E41 for one alert, E42 for several). Alerts are named by
// their graph ids; one that is not in the caller's alert list (E37, scoped to the caller's spaces by EPMM) is
// NOT_FOUND and never sent. E42 answers only how many alerts it updated, so a short count cannot be pinned
// on particular alerts and leaves the chunk UNCONFIRMED.
import type { GatewayContext } from '../context.js';
import { epmmNumericKey } from '../ids.js';
import type { AlertModel } from '../models/alert.js';
import { outcome, type ItemOutcome } from './item-outcome.js';
import { runMutation, type MutationUserError, type Target } from './run-mutation.js';

export interface MarkAlertsOptions {
  ids: readonly string[];
  comments: string;
  dryRun?: boolean | null;
  idempotencyKey?: string | null;
}

const COMMENTS_MAX = 255;
const UPDATED_COUNT = /updated\s+(\d+)\s+alert/i;

export function markAlertsRead(context: GatewayContext, options: MarkAlertsOptions) {
  return markAlerts(context, options, true);
}

export function markAlertsUnread(context: GatewayContext, options: MarkAlertsOptions) {
  return markAlerts(context, options, false);
}

function markAlerts(context: GatewayContext, options: MarkAlertsOptions, read: boolean) {
  const { v1Admin } = context.mutations.epmm;
  const alertIds = alertIdsOf(options.ids);
  return runMutation<AlertModel>(context, {
    operation: read ? 'markAlertsRead' : 'markAlertsUnread',
    scope: 'act',
    destructive: false,
    ids: options.ids,
    // EPMM's comment is the reason for the change: it doubles as the audit note.
    note: options.comments,
    dryRun: options.dryRun,
    idempotencyKey: options.idempotencyKey,
    input: { ids: options.ids, read, comments: options.comments },
    validate: () => commentErrors(options.comments),
    async resolve(ids) {
      const visible = new Map((await context.loaders.alerts.alertList({})).map((alert) => [alert.alertId, alert]));
      const resolved = new Map<string, Target<AlertModel> | ItemOutcome>();
      for (const id of ids) {
        const alert = visible.get(alertIds.get(id)!);
        resolved.set(
          id,
          alert
            ? { id, key: String(alert.alertId), value: alert }
            : outcome('NOT_FOUND', 'No alert with this id is visible to you.'),
        );
      }
      return resolved;
    },
    // E42 repeats `id=` in the query string: a chunk keeps the URL short.
    chunkSize: context.config.mutations.actionBatchSize,
    async send(targets) {
      const update = { read, comments: options.comments };
      if (targets.length === 1) {
        // The client accepts only EPMM's success text; anything else has already thrown.
        await v1Admin.updateAlert(context.epmm, Number(targets[0].key), update);
        return new Map([[targets[0].id, outcome('SUCCEEDED', `EPMM marked the alert ${read ? 'read' : 'unread'}.`)]]);
      }
      const text = await v1Admin.updateAlerts(
        context.epmm,
        targets.map((target) => Number(target.key)),
        update,
      );
      const updated = Number(UPDATED_COUNT.exec(text)?.[1] ?? Number.NaN);
      const result =
        updated === targets.length
          ? outcome('SUCCEEDED', `EPMM updated all ${targets.length} alerts of the call.`)
          : outcome(
              'UNCONFIRMED',
              `EPMM reports ${Number.isNaN(updated) ? 'an unknown number' : updated} of ${targets.length} alerts updated, without saying which: check them.`,
            );
      return new Map(targets.map((target) => [target.id, result]));
    },
    invalidates: { upstream: 'epmm', resources: ['alerts'] },
  });
}

/** Alert ids → EPMM alert ids; an id of another type, or a non-numeric key, is malformed input. */
function alertIdsOf(ids: readonly string[]): Map<string, number> {
  return new Map(ids.map((id, index) => [id, epmmNumericKey(id, 'Alert', ['input', 'ids', index])]));
}

function commentErrors(comments: string): MutationUserError[] {
  if (comments.trim() === '')
    return [
      { message: 'EPMM needs a comment on the alerts.', field: ['input', 'comments'], code: 'COMMENTS_REQUIRED' },
    ];
  if (comments.length > COMMENTS_MAX)
    return [
      {
        message: `The comment must be at most ${COMMENTS_MAX} characters.`,
        field: ['input', 'comments'],
        code: 'COMMENTS_TOO_LONG',
      },
    ];
  return [];
}
