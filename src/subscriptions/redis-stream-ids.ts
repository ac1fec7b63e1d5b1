// Redis stream ids (`<milliseconds>-<sequence>`, two unsigned 64-bit numbers) order a scope's events. They are
// compared as number pairs, never as strings: "9-0" comes before "10-0". Also reads a field of a stream entry.

const MAX_U64 = 2n ** 64n - 1n;

/** The two halves of a stream id, or undefined for anything Redis would not have issued. */
export function parseStreamId(id: string): readonly [bigint, bigint] | undefined {
  const match = /^(\d{1,20})-(\d{1,20})$/.exec(id);
  if (!match) return undefined;
  const ms = BigInt(match[1]);
  const sequence = BigInt(match[2]);
  if (ms > MAX_U64 || sequence > MAX_U64) return undefined;
  // The last possible id has no successor: an exclusive range from it (`(id`) is an error in Redis.
  if (ms === MAX_U64 && sequence === MAX_U64) return undefined;
  return [ms, sequence];
}

export function isStreamId(id: string): boolean {
  return parseStreamId(id) !== undefined;
}

/** Negative, zero or positive as `a` comes before, is, or comes after `b`; both must be stream ids. */
export function compareStreamIds(a: string, b: string): number {
  const [aMs, aSequence] = parseStreamId(a) ?? [0n, 0n];
  const [bMs, bSequence] = parseStreamId(b) ?? [0n, 0n];
  if (aMs !== bMs) return aMs < bMs ? -1 : 1;
  if (aSequence !== bSequence) return aSequence < bSequence ? -1 : 1;
  return 0;
}

/** A field of a stream entry as Redis answers it (`[name, value, name, value, …]`); empty when absent. */
export function entryField(fields: string[], name: string): string {
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === name) return fields[i + 1];
  return '';
}
