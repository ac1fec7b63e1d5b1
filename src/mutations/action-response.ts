// Reads an EPMM v2 bulk action answer into one outcome per requested device. The documents use three forms
// (catalogue V03-V23, docs/decisions.md "Reading deviceResults"):
// - successes listed: `deviceResults` maps each device uuid to the success key or a failure text (V03, V14, V19,
//   V20 and the 001 editions of V18/V21);
// - failures only: `deviceResults` is `{}` on success and the devices that succeeded are in `results[].records`
//   (V16, V17, V23; label failures are keyed by the label name, not a device);
// - the samples' mismatched form: one device requested, one entry under a different uuid (V18/V21 001 samples).
// Anything else is reported as UNCONFIRMED rather than guessed.
import { DEVICE_ACTION_SUCCESSFUL } from '../upstream/epmm/device-actions-dto.js';
import { outcome, upstreamText, type ItemOutcome } from './item-outcome.js';

export interface BulkAnswer {
  deviceResults: Record<string, string>;
  successful: boolean;
  results?: ReadonlyArray<{ records: ReadonlyArray<unknown> }>;
}

export type AnswerForm = 'lists-successes' | 'lists-failures';

const NOT_FOUND_TEXT = /device not found/i;

export function readBulkAnswer(
  requested: readonly string[],
  answer: BulkAnswer,
  form: AnswerForm,
): Map<string, ItemOutcome> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(answer.deviceResults)) entries.set(key.toLowerCase(), value);
  const recorded = recordedDevices(answer);
  const wanted = new Set(requested.map((uuid) => uuid.toLowerCase()));
  // Keys as EPMM wrote them: a label name is reported in its own case.
  const foreign = Object.entries(answer.deviceResults).filter(([key]) => !wanted.has(key.toLowerCase()));
  const outcomes = new Map<string, ItemOutcome>();
  for (const uuid of requested) {
    const text = entries.get(uuid.toLowerCase());
    if (text !== undefined) outcomes.set(uuid, fromText(text));
    // A label that failed fails every device of the request, even one the other labels reached.
    else if (form === 'lists-failures' && foreign.length > 0) outcomes.set(uuid, failuresOnly(answer, foreign));
    else if (recorded.has(uuid.toLowerCase()))
      outcomes.set(uuid, outcome('SUCCEEDED', 'The MDM reports the device as done.', DEVICE_ACTION_SUCCESSFUL));
    else if (form === 'lists-failures') outcomes.set(uuid, failuresOnly(answer, foreign));
    else if (requested.length === 1 && foreign.length === 1) outcomes.set(uuid, fromText(foreign[0][1]));
    else outcomes.set(uuid, outcome('UNCONFIRMED', 'The MDM accepted the request but did not report this device.'));
  }
  return outcomes;
}

function fromText(text: string): ItemOutcome {
  const { messageKey, message } = upstreamText(text);
  if (messageKey === DEVICE_ACTION_SUCCESSFUL || (messageKey !== null && messageKey.endsWith('.successful'))) {
    return outcome('SUCCEEDED', 'The MDM accepted the action for this device.', messageKey);
  }
  // EPMM reports a device outside the admin's space exactly like a missing one.
  if (NOT_FOUND_TEXT.test(message)) return outcome('NOT_FOUND', message, messageKey);
  return outcome('FAILED', message, messageKey);
}

/** Failures-only answers: entries keyed by something other than a device (a label name) fail every device. */
function failuresOnly(answer: BulkAnswer, foreign: ReadonlyArray<[string, string]>): ItemOutcome {
  if (foreign.length > 0) {
    const reasons = foreign.map(([key, text]) => `${key}: ${upstreamText(text).message}`).join('; ');
    return outcome('FAILED', reasons, upstreamText(foreign[0][1]).messageKey);
  }
  // With records, they are the devices that succeeded: one missing from them and from the failures is unreported.
  if (answer.results !== undefined)
    return outcome('UNCONFIRMED', 'The MDM neither lists this device as done nor as failed.');
  if (answer.successful) return outcome('SUCCEEDED', 'The MDM reported no failure for this device.');
  return outcome('UNCONFIRMED', 'The MDM reported the request as unsuccessful without naming this device.');
}

/** Uuids in `results[].records`: plain uuid strings, or label records listing `device[].uuid`. */
function recordedDevices(answer: BulkAnswer): Set<string> {
  const uuids = new Set<string>();
  for (const result of answer.results ?? []) {
    for (const record of result.records) {
      if (typeof record === 'string') uuids.add(record.toLowerCase());
      else if (record && typeof record === 'object' && Array.isArray((record as { device?: unknown }).device)) {
        for (const device of (record as { device: Array<{ uuid?: unknown }> }).device)
          if (typeof device.uuid === 'string') uuids.add(device.uuid.toLowerCase());
      }
    }
  }
  return uuids;
}
