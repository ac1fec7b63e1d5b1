// A DeviceFilter's free-text `search` as one EPMM term: `contains` OR-ed over the fields a person would type
// into a search box. Each comparison costs its field name plus the text against the 255-character query limit,
// so the field list is short: the phone number is searched (by its digits) only when the text could be one, and
// then in place of the user's name, which it cannot be.
import { anyOf, comparison } from './search-query.js';

/** Device name (iOS/macOS report one), model, the user's display name and the serial number. */
const TEXT_FIELDS = ['ios.DeviceName', 'common.model', 'user.display_name', 'common.SerialNumber'] as const;
const USER_FIELD = 'user.display_name';
const PHONE_FIELD = 'common.current_phone_number';
/** Digits with the separators people type in phone numbers; EPMM stores the digits only. */
const PHONE_LIKE = /^[\d\s().+-]+$/;

/** The OR-ed term, or null for a blank search (an empty search box filters nothing). */
export function searchTextTerm(search: string | null | undefined): string | null {
  const text = search?.trim();
  if (!text) return null;
  const digits = text.replace(/\D/g, '');
  if (!PHONE_LIKE.test(text) || digits.length === 0)
    return anyOf(TEXT_FIELDS.map((field) => comparison(field, 'contains', text)));
  // Digits and separators cannot be a person's name; the room goes to the phone number instead.
  const fields = TEXT_FIELDS.filter((field) => field !== USER_FIELD);
  return anyOf([
    ...fields.map((field) => comparison(field, 'contains', text)),
    comparison(PHONE_FIELD, 'contains', digits),
  ]);
}
