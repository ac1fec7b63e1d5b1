// ActiveSync partnership actions (v1 E32): block, reinstate, wipe. Partnerships are named by their easUuid (as
// `Device.activeSync.easUuid` shows them) and resolved against the caller's partnership list (E30, one cached
// call). E32 answers only a count ("N device(s) modified to <ACTION> status") and silently skips uuids it does not
// know, so the count is read per item: when it covers every uuid sent, each SUCCEEDED; otherwise the list is
// re-read and each partnership is judged by its state (docs/mutations.md "Device operations").
import type { GatewayContext } from '../context.js';
import type { ActiveSyncAccess, ActiveSyncPartnershipModel } from '../models/device-detail.js';
import { epmmActiveSyncPartnership } from '../models/epmm-device-detail.js';
import type { EasAction } from '../upstream/epmm/v1-admin-client.js';
import { outcome, type ItemOutcome } from './item-outcome.js';
import { runMutation, type MutationResult, type Target } from './run-mutation.js';

export interface ActiveSyncActionOptions {
  easUuids: readonly string[];
  note?: string | null;
  dryRun?: boolean | null;
  idempotencyKey?: string | null;
}

/** The access state each action leaves a partnership in. */
const RESULTING_ACCESS: Readonly<Record<EasAction, ActiveSyncAccess>> = {
  BLOCK_DEVICE: 'BLOCKED',
  REINSTATE_DEVICE: 'ALLOWED',
  WIPE: 'WIPED',
};
const OPERATION: Readonly<Record<EasAction, string>> = {
  BLOCK_DEVICE: 'blockActiveSyncDevices',
  REINSTATE_DEVICE: 'reinstateActiveSyncDevices',
  WIPE: 'wipeActiveSyncDevices',
};

/** "3 device(s) modified to BLOCK_DEVICE status" → 3; null when the text carries no count. */
export function modifiedCount(message: string): number | null {
  const match = /(\d+)\s+device\(?s?\)?\s+modified/i.exec(message);
  return match ? Number(match[1]) : null;
}

/**
 * One outcome per easUuid sent. `after` is the partnership list re-read after the call, needed only when the
 * count does not cover every uuid.
 */
export async function readActiveSyncAnswer(
  sent: readonly string[],
  message: string,
  action: EasAction,
  after: () => Promise<readonly ActiveSyncPartnershipModel[]>,
): Promise<Map<string, ItemOutcome>> {
  const count = modifiedCount(message);
  const outcomes = new Map<string, ItemOutcome>();
  if (count !== null && count >= sent.length) {
    for (const uuid of sent) outcomes.set(uuid, outcome('SUCCEEDED', message));
    return outcomes;
  }
  const wanted = RESULTING_ACCESS[action];
  const byUuid = new Map((await after()).map((partnership) => [partnership.easUuid.toLowerCase(), partnership]));
  for (const uuid of sent) {
    const partnership = byUuid.get(uuid.toLowerCase());
    if (partnership?.access === wanted)
      outcomes.set(uuid, outcome('SUCCEEDED', `EPMM lists the partnership as ${wanted} (${message}).`));
    else if (count === null)
      outcomes.set(
        uuid,
        outcome(
          'UNCONFIRMED',
          `EPMM's answer gives no count and lists the partnership as ${partnership?.access ?? 'absent'}.`,
        ),
      );
    else
      outcomes.set(
        uuid,
        outcome(
          'FAILED',
          `EPMM modified ${count} of ${sent.length} partnerships and lists this one as ${partnership?.access ?? 'absent'}.`,
        ),
      );
  }
  return outcomes;
}

export type ActiveSyncPayloadModel = MutationResult<ActiveSyncPartnershipModel>;

export function activeSyncAction(
  context: GatewayContext,
  action: EasAction,
  options: ActiveSyncActionOptions,
): Promise<ActiveSyncPayloadModel> {
  const { v1Admin } = context.mutations.epmm;
  const wanted = RESULTING_ACCESS[action];
  return runMutation<ActiveSyncPartnershipModel>(context, {
    operation: OPERATION[action],
    scope: action === 'WIPE' ? 'destructive' : 'act',
    destructive: action === 'WIPE',
    ids: options.easUuids.map((uuid) => uuid.trim()),
    idsAt: { field: ['input', 'easUuids'] },
    note: options.note,
    dryRun: options.dryRun,
    idempotencyKey: options.idempotencyKey,
    input: { easUuids: options.easUuids, action },
    async resolve(ids) {
      const visible = new Map(
        (await context.loaders.deviceDetail.activeSyncPartnerships()).map((partnership) => [
          partnership.easUuid.toLowerCase(),
          partnership,
        ]),
      );
      const resolved = new Map<string, Target<ActiveSyncPartnershipModel> | ItemOutcome>();
      for (const id of ids) {
        const partnership = visible.get(id.toLowerCase());
        if (!partnership)
          resolved.set(id, outcome('NOT_FOUND', 'No ActiveSync partnership with this easUuid is visible to you.'));
        // Sending it again would only be counted as another modification; a second wipe is never useful.
        else if (partnership.access === wanted)
          resolved.set(id, outcome('SKIPPED', `The partnership is already ${wanted}.`));
        else resolved.set(id, { id, key: partnership.easUuid, value: partnership });
      }
      return resolved;
    },
    chunkSize: context.config.mutations.actionBatchSize,
    async send(targets) {
      const message = await v1Admin.activeSyncAction(
        context.epmm,
        action,
        targets.map((target) => target.key),
      );
      // The confirming read goes to EPMM, not the cache: the cached list predates the change.
      const read = await readActiveSyncAnswer(
        targets.map((target) => target.key),
        message,
        action,
        async () => (await v1Admin.activeSyncDevices(context.epmm)).map(epmmActiveSyncPartnership),
      );
      return new Map(
        targets.map((target) => [
          target.id,
          read.get(target.key) ?? outcome('UNCONFIRMED', 'The MDM did not report this partnership.'),
        ]),
      );
    },
    // Device.activeSync, the ActiveSync report and compliance (a blocked phone) move.
    invalidates: { upstream: 'epmm', resources: ['device', 'alerts'] },
  });
}
