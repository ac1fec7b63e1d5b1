// The outcome of one requested item of a mutation (a device, an alert, a space, a group). Every mutation
// reports exactly one per requested id, in request order (ARCHITECTURE §3).
import type { ActionStatus } from '../generated/enums.js';

// GraphQL enums (schema/*.graphql): the SDL is the single source of their values.
export type { ActionStatus };

export interface ItemOutcome {
  status: ActionStatus;
  /** The upstream's message key (e.g. com.mobileiron.vsp.messages.device.action.successful), when it sent one. */
  messageKey: string | null;
  /** For people: what happened to this item. */
  message: string;
}

/** One requested item and its outcome; `key` is the upstream key (device uuid, alert id…) when it is known. */
export interface ItemResult extends ItemOutcome {
  id: string;
  key: string | null;
}

export const outcome = (status: ActionStatus, message: string, messageKey: string | null = null): ItemOutcome => ({
  status,
  message,
  messageKey,
});

/** EPMM answers either a message key (dotted, no spaces) or a sentence; only the former is a key. */
export function upstreamText(text: string): { messageKey: string | null; message: string } {
  const isKey = /^[a-z][\w-]*(\.[\w-]+)+$/i.test(text.trim());
  return isKey ? { messageKey: text.trim(), message: humanise(text.trim()) } : { messageKey: null, message: text };
}

/** `com.mobileiron.vsp.messages.device.action.successful` → `device action successful`. */
function humanise(key: string): string {
  const parts = key.split('.');
  const start = parts.indexOf('messages');
  return (start >= 0 ? parts.slice(start + 1) : parts.slice(-3))
    .join(' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
}

/** The GraphQL ItemResult's model (codegen mapper). */
export type ItemResultModel = ItemResult;
