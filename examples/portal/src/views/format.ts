// How values read on screen: enum codes as words, instants in the reader's locale, absent values as a dash.
import { h } from '../dom.js';

/** Words of enum values that are abbreviations, kept in capitals. */
const ABBREVIATIONS: ReadonlySet<string> = new Set(['OS', 'SIM', 'SMS', 'APNS', 'EPMM']);

/** `OUT_OF_CONTACT` -> `Out of contact`: the schema's enum values are words already, only their case differs. */
export function humanize(code: string): string {
  const words = code.split('_').map((word) => (ABBREVIATIONS.has(word) ? word : word.toLowerCase()));
  const sentence = words.join(' ');
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

const PLATFORM_NAMES: Record<string, string> = {
  IOS: 'iOS',
  ANDROID: 'Android',
  MACOS: 'macOS',
  WINDOWS: 'Windows',
  OTHER: 'Other',
};

export function platformName(platform: string): string {
  return PLATFORM_NAMES[platform] ?? humanize(platform);
}

export function when(instant: string | null | undefined): string {
  return instant ? new Date(instant).toLocaleString() : '—';
}

export function text(value: string | number | null | undefined): string {
  return value === null || value === undefined || value === '' ? '—' : String(value);
}

export function yesNo(value: boolean | null | undefined): string {
  return value === null || value === undefined ? 'unknown' : value ? 'yes' : 'no';
}

/** A coloured tag for a status code; `data-status` keeps the raw code for styles and tests. */
export function badge(code: string): HTMLElement {
  return h('span', { class: 'badge', 'data-status': code }, humanize(code));
}

export function complianceBadge(compliant: boolean | null | undefined): HTMLElement {
  const code = compliant === null || compliant === undefined ? 'UNKNOWN' : compliant ? 'COMPLIANT' : 'NON_COMPLIANT';
  return badge(code);
}
