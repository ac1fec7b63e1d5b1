// Single-device operations outside the v2 bulk actions: locate (v1 E19), profile re-push (v1 E29) and TeamViewer
// sessions (V22). Each is one upstream call per device. What the MDM answers (locations, session links) travels
// in the item's target, so the payload can show it and an idempotent replay returns it too.
import type { GatewayContext } from '../context.js';
import { GatewayError } from '../errors.js';
import type { DeviceModel } from '../models/device.js';
import {
  epmmLocateAnswer,
  epmmRemoteSession,
  type LocateAnswer,
  type RemoteSessionModel,
} from '../models/device-operations.js';
import { resolveDevices } from './device-targets.js';
import { outcome, upstreamText, type ItemOutcome } from './item-outcome.js';
import { runMutation, type MutationResult, type Target } from './run-mutation.js';

/** A device target that also carries what the MDM answered for it (filled by `send`). */
export type DeviceWithAnswer<A> = DeviceModel & { answer: A | null };

export interface SingleDeviceOptions {
  id: string;
  note?: string | null;
  dryRun?: boolean | null;
  idempotencyKey?: string | null;
}

export type LocateResult = MutationResult<DeviceWithAnswer<LocateAnswer>>;
export type RemoteSessionResult = MutationResult<DeviceWithAnswer<RemoteSessionModel>>;

async function resolveWithAnswer<A>(
  context: GatewayContext,
  ids: readonly string[],
  qualify?: (device: DeviceModel) => ItemOutcome | undefined,
  needs: readonly string[] = [],
) {
  const resolved = await resolveDevices(context, ids, qualify, needs);
  const withAnswer = new Map<string, Target<DeviceWithAnswer<A>> | ItemOutcome>();
  for (const [id, item] of resolved)
    withAnswer.set(id, 'status' in item ? item : { ...item, value: { ...item.value, answer: null } });
  return withAnswer;
}

/** The first v1 message, as a key when it is one. */
function v1Outcome(messages: readonly string[], fallback: string): ItemOutcome {
  const text = messages.find((message) => message.trim() !== '');
  if (!text) return outcome('SUCCEEDED', fallback);
  const { messageKey, message } = upstreamText(text);
  return outcome('SUCCEEDED', message, messageKey);
}

export function locateDevice(
  context: GatewayContext,
  options: SingleDeviceOptions & { locateNow?: boolean | null },
): Promise<LocateResult> {
  const locateNow = options.locateNow === true;
  return runMutation<DeviceWithAnswer<LocateAnswer>>(context, {
    operation: 'locateDevice',
    scope: 'act',
    destructive: false,
    ids: [options.id],
    idsAt: { type: 'Device', field: ['input', 'id'], single: true },
    note: options.note,
    dryRun: options.dryRun,
    idempotencyKey: options.idempotencyKey,
    input: { id: options.id, locateNow },
    resolve: (ids) => resolveWithAnswer<LocateAnswer>(context, ids),
    chunkSize: 1,
    async send([target]) {
      const response = await context.mutations.epmm.v1Devices.locate(
        context.epmm,
        { uuid: target.key },
        { locateNow: locateNow || undefined },
      );
      target.value.answer = epmmLocateAnswer(response);
      return new Map([[target.id, v1Outcome(response.messages, 'EPMM reported the location.')]]);
    },
    // A location is never cached; nothing the read graph shows changes.
    invalidates: { upstream: 'epmm', resources: [] },
  });
}

export function repushProfiles(
  context: GatewayContext,
  options: {
    ids: readonly string[];
    profile?: { legacyId: number; type: 'APP' | 'POLICY' | 'OTHER' } | null;
    note?: string | null;
    dryRun?: boolean | null;
    idempotencyKey?: string | null;
  },
) {
  const profile = options.profile ?? null;
  return runMutation<DeviceModel>(context, {
    operation: 'repushProfiles',
    scope: 'act',
    destructive: false,
    ids: options.ids,
    idsAt: { type: 'Device', field: ['input', 'ids'] },
    note: options.note,
    dryRun: options.dryRun,
    idempotencyKey: options.idempotencyKey,
    input: { ids: options.ids, profile },
    validate: () =>
      profile?.type === 'OTHER'
        ? [
            {
              message: 'Only APP and POLICY profiles can be re-pushed.',
              field: ['input', 'profile', 'type'],
              code: 'PROFILE_TYPE_UNSUPPORTED',
            },
          ]
        : [],
    resolve: (ids) => resolveDevices(context, ids),
    // E29 takes one device per call.
    chunkSize: 1,
    async send([target]) {
      const only = profile && profile.type !== 'OTHER' ? { id: profile.legacyId, type: profile.type } : undefined;
      try {
        const response = await context.mutations.epmm.v1Devices.repushProfiles(context.epmm, target.key, only);
        return new Map([[target.id, v1Outcome(response.messages, 'EPMM accepted the re-push.')]]);
      } catch (error) {
        // The device was found before sending, so a 404 here means the profile is not on it: that device
        // fails, the others are still sent.
        if (error instanceof GatewayError && error.code === 'NOT_FOUND') {
          const what = only
            ? `${only.type} profile ${only.id} is not applied to this device`
            : 'the device holds no profiles';
          return new Map([[target.id, outcome('FAILED', `EPMM reports that ${what}.`)]]);
        }
        throw error;
      }
    },
    // The profiles' lastUpdatedAt (Device.profiles) moves.
    invalidates: { upstream: 'epmm', resources: ['device'] },
  });
}

const TEAMVIEWER_PLATFORMS: Partial<Record<DeviceModel['platform'], 'iOS' | 'Android'>> = {
  IOS: 'iOS',
  ANDROID: 'Android',
};

export function openRemoteSession(context: GatewayContext, options: SingleDeviceOptions): Promise<RemoteSessionResult> {
  return runMutation<DeviceWithAnswer<RemoteSessionModel>>(context, {
    operation: 'openRemoteSession',
    scope: 'act',
    destructive: false,
    ids: [options.id],
    idsAt: { type: 'Device', field: ['input', 'id'], single: true },
    note: options.note,
    dryRun: options.dryRun,
    idempotencyKey: options.idempotencyKey,
    input: { id: options.id },
    resolve: (ids) =>
      resolveWithAnswer<RemoteSessionModel>(
        context,
        ids,
        (device) =>
          TEAMVIEWER_PLATFORMS[device.platform]
            ? undefined
            : outcome(
                'NOT_SUPPORTED',
                `EPMM opens TeamViewer sessions for iOS and Android devices only; this one is ${device.platform}.`,
              ),
        ['platform'],
      ),
    chunkSize: 1,
    async send([target]) {
      const response = await context.mutations.epmm.v2Devices.openTeamViewerSession(
        context.epmm,
        TEAMVIEWER_PLATFORMS[target.value.platform]!,
        target.key,
      );
      const { results, messages } = response;
      // TeamViewer's own refusals come back in the error fields of a 200 answer.
      if (results.error !== null || results.error_code !== null) {
        return new Map([
          [
            target.id,
            outcome('FAILED', `TeamViewer refused the session${results.error_code ? ` (${results.error_code})` : ''}.`),
          ],
        ]);
      }
      target.value.answer = epmmRemoteSession(response);
      const messageKey = messages?.[0]?.messageKey ?? null;
      return new Map([[target.id, outcome('SUCCEEDED', 'TeamViewer session opened.', messageKey)]]);
    },
    invalidates: { upstream: 'epmm', resources: [] },
  });
}
