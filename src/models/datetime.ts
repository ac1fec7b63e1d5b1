/**
 * Normalises every timestamp style the MDMs send to ISO-8601 UTC: ISO strings (with or without
 * milliseconds), epoch milliseconds (numbers or digit strings), and EPMM v1's `MM-DD-YYYY hh:mm:ss`.
 * Returns null for absent or unreadable values rather than inventing a time.
 */
export function toDateTime(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') return fromEpochMillis(value);
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (/^\d{10,}$/.test(text)) return fromEpochMillis(Number(text));
  const v1 = /^(\d{2})-(\d{2})-(\d{4})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (v1) {
    const [, month, day, year, hours, minutes, seconds] = v1;
    return fromEpochMillis(Date.UTC(+year, +month - 1, +day, +hours, +minutes, +seconds));
  }
  // A zone-less ISO time is read as UTC so the result never depends on the gateway's time zone.
  const iso = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/.test(text)
    ? `${text}${text.length > 10 ? 'Z' : 'T00:00:00Z'}`
    : text;
  const millis = Date.parse(iso);
  return Number.isNaN(millis) ? null : new Date(millis).toISOString();
}

function fromEpochMillis(millis: number): string | null {
  return Number.isFinite(millis) ? new Date(millis).toISOString() : null;
}
