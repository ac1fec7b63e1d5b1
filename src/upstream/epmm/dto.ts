// EPMM v2 wire shapes, validated at the boundary: a body that does not fit is an UPSTREAM_ERROR, never a crash.
// Schemas are lenient where the documents and real servers disagree (extra keys, missing optional counts).
import { z } from 'zod';
import { EPOCH_MS_MIN, isMasked, toBoolean, toEpochMillis, type DecodeReporter } from '../decode-warnings.js';

/** A device row: flat keys such as `common.uuid` or `ios.iPhone UDID` (dots and spaces are part of the name). */
export type EpmmDeviceRow = Record<string, unknown>;
/**
 * Checked in place rather than with `z.record`, which copies every key of every row into a new object: on a page of
 * 50 rows that copy was most of the search's validation cost. The mapper reads each value defensively (any field may
 * be missing or of another type), so a row need only be an object.
 */
export const EpmmDeviceRow = z.custom<EpmmDeviceRow>(
  (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
  'expected a device row object',
);

/** Row keys whose values become ids or keys in the graph: a masked placeholder there is removed. */
const ROW_KEYS = ['common.uuid', 'user.user_id', 'common.id'];
/** Row times the mapper reads; ISO strings and epoch millis it reads itself, epoch seconds are converted here. */
const ROW_TIMES = ['common.last_connected_at', 'common.registration_date'];
const SECONDS = /^\s*\d{9,10}\s*$/;
/**
 * Posture flags the device mapper reads: a value that is not a boolean (`"true"`, `1`, `"Yes"`) is converted here, or
 * nulled when unreadable, and reported by name so an operator learns what their server sends.
 */
const ROW_FLAGS = ['common.device_encrypted', 'ios.PasscodeIsCompliant', 'ios.PasscodeIsCompliantWithProfiles'];

/**
 * The row step of tolerant decoding (docs/decisions.md): a few key lookups per row, no per-field work. A row whose
 * `common.uuid` is masked keeps its other fields and is then left out by the mapper, as a row without a uuid is.
 */
export function decodeEpmmDeviceRows(rows: EpmmDeviceRow[], report: DecodeReporter): void {
  for (const row of rows) {
    for (const key of ROW_KEYS) {
      if (isMasked(row[key])) {
        delete row[key];
        report(`results[].${key}`, 'masked');
      }
    }
    for (const key of ROW_TIMES) {
      const value = row[key];
      const seconds =
        typeof value === 'number'
          ? value > 0 && value < EPOCH_MS_MIN
          : typeof value === 'string' && SECONDS.test(value);
      if (seconds) {
        row[key] = toEpochMillis(value);
        report(`results[].${key}`, 'type');
      }
    }
    for (const key of ROW_FLAGS) {
      const value = row[key];
      if (value === undefined || value === null || typeof value === 'boolean') continue;
      row[key] = toBoolean(value);
      report(`results[].${key}`, isMasked(value) ? 'masked' : 'type');
    }
  }
}

const count = z.number().int().nonnegative();

export const DeviceSearchResponse = z.object({
  results: z.array(EpmmDeviceRow),
  totalCount: count,
  resultCount: count.optional(),
  hasMore: z.boolean().optional(),
  searchTimeMillis: z.number().optional(),
  currentServerTimeMilliseconds: z.number().optional(),
});
export type DeviceSearchResponse = z.infer<typeof DeviceSearchResponse>;

export const DeviceCountResponse = z.object({ totalCount: count });

export const QueryTestResponse = z.object({ valid: z.boolean(), token: z.string(), position: z.number().int() });
export type QueryTestResponse = z.infer<typeof QueryTestResponse>;

export const SearchFieldsResponse = z.array(z.object({ name: z.string(), type: z.string() }));
export type SearchFieldsResponse = z.infer<typeof SearchFieldsResponse>;

const DetailValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export const DeviceDetailsResponse = z.object({
  results: z.array(z.object({ name: z.string(), value: DetailValue.optional().transform((value) => value ?? null) })),
  totalCount: count.optional(),
  resultCount: count.optional(),
});
export type DeviceDetailsResponse = z.infer<typeof DeviceDetailsResponse>;

export const MyDeviceSpacesResponse = z.object({
  results: z.array(z.object({ id: z.number().int(), name: z.string(), description: z.string().nullable().optional() })),
  totalCount: count.optional(),
  resultCount: count.optional(),
});
export type MyDeviceSpacesResponse = z.infer<typeof MyDeviceSpacesResponse>;

export const MessagesEnvelope = z.object({
  messages: z
    .array(z.object({ type: z.string(), messageKey: z.string(), localizedMessage: z.string().optional() }))
    .min(1),
});
