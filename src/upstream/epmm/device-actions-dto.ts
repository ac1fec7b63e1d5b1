// Wire shapes of the EPMM v2 device actions and per-device reports, validated at the boundary. Lenient where the
// two editions differ: an action answer may be the short or the long form, whichever the server speaks.
import { z } from 'zod';
import { GatewayError } from '../../errors.js';

const count = z.number().int().nonnegative();

export const DEVICE_ACTION_SUCCESSFUL = 'com.mobileiron.vsp.messages.device.action.successful';

/** V16/V17 records: one per label, with the devices it now covers. */
export const LabelDeviceRecord = z.object({
  uuid: z.string().nullable().optional(),
  id: z.number().nullable().optional(),
  principal: z.string().nullable().optional(),
  deviceSpaceId: z.number().int().optional(),
  deviceSpacePath: z.string().optional(),
  label: z.string(),
  device: z.array(z.object({ uuid: z.string() })),
});
export type LabelDeviceRecord = z.infer<typeof LabelDeviceRecord>;

function actionResponse<R extends z.ZodType>(record: R) {
  return z.object({
    actionType: z.string(),
    /** Per device (or, on label calls, per label name): the success key or a failure text. */
    deviceResults: z.record(z.string(), z.string()),
    successful: z.boolean(),
    // The long form only (000's sendmessage, wipe, retire, labels, checkcompliance).
    results: z
      .array(z.object({ resultId: z.string(), resultMessage: z.string().nullable(), records: z.array(record) }))
      .optional(),
    resultCount: count.optional(),
  });
}

export const ActionResponse = actionResponse(z.string());
export type ActionResponse = z.infer<typeof ActionResponse>;
export const LabelActionResponse = actionResponse(LabelDeviceRecord);
export type LabelActionResponse = z.infer<typeof LabelActionResponse>;

export const RegisterDeviceResponse = z.object({
  results: z.array(z.object({ passcode: z.string(), ttl: z.string(), regLink: z.string(), email: z.string() })),
  totalCount: count.optional(),
  resultCount: count.optional(),
});
export type RegisterDeviceResponse = z.infer<typeof RegisterDeviceResponse>;

/** V05 answers a bare array of the uuids deleted. */
export const DeleteDevicesResponse = z.array(z.string());

/** V11: "N/A" for unknown values, never null. */
export const SimDetailsResponse = z.object({
  results: z.array(
    z.object({
      eid: z.string(),
      phoneNumber: z.string(),
      carrierSettingVersion: z.string(),
      carrierNetwork: z.string(),
      slot: z.string(),
      simLabel: z.string(),
    }),
  ),
  totalCount: count.optional(),
  resultCount: count.optional(),
});
export type SimDetailsResponse = z.infer<typeof SimDetailsResponse>;

const AppViolation = z.object({ type: z.string(), appName: z.string(), appVersion: z.string().nullable() });
export const AppComplianceResponse = z.object({
  results: z.object({ deviceUuid: z.string(), appViolationsByType: z.record(z.string(), z.array(AppViolation)) }),
});
export type AppComplianceResponse = z.infer<typeof AppComplianceResponse>;

export const RuleComplianceResponse = z.object({
  results: z.array(
    z.object({
      id: z.number().int(),
      deviceUuid: z.string(),
      ruleId: z.number().int(),
      complianceAction: z.number().int(),
      quarantineAction: z.number().int(),
      /** Epoch ms, unlike every other date of these APIs. */
      createdAt: z.number(),
      userDisplayName: z.string(),
      userId: z.string(),
      platformName: z.string(),
      model: z.string(),
      actionName: z.string(),
      ruleName: z.string(),
      complianceActionNames: z.array(z.string()),
    }),
  ),
  totalCount: count.optional(),
  resultCount: count.optional(),
});
export type RuleComplianceResponse = z.infer<typeof RuleComplianceResponse>;

const nullableText = z.string().nullable();
export const TeamViewerSessionResponse = z.object({
  results: z.object({
    httpStatus: z.string(),
    error: nullableText,
    error_description: nullableText,
    error_code: nullableText,
    error_signature: nullableText,
    code: z.string(),
    state: z.string(),
    groupid: z.string(),
    end_customer: nullableText,
    description: nullableText,
    assigned_userid: z.string(),
    end_customer_link: z.string(),
    // The document's sample wraps the link in [ ]; the brackets are removed.
    supporter_link: z.string().transform((link) => link.replace(/^\[(.*)\]$/, '$1')),
    valid_until: z.string(),
  }),
  messages: z
    .array(z.object({ type: z.string(), messageKey: z.string(), localizedMessage: z.string().optional() }))
    .optional(),
});
export type TeamViewerSessionResponse = z.infer<typeof TeamViewerSessionResponse>;

/** V25 (this simulator's shape; the endpoint is only named by the v1 guide). */
export const DeviceLabelsResponse = z.object({
  results: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      description: z.string().nullable().optional(),
      staticLabel: z.boolean().optional(),
    }),
  ),
  totalCount: count.optional(),
  resultCount: count.optional(),
});
export type DeviceLabelsResponse = z.infer<typeof DeviceLabelsResponse>;

/** V12 CSV rows. `SyncStatus` is open: the document's own sample has `Unknown`, outside its list. */
export const ActiveSyncReportRow = z.object({
  DeviceId: z.string(),
  MailboxId: z.string(),
  Status: z.string(),
  SyncStatus: z.string(),
  Retired: z.enum(['true', 'false']).transform((value) => value === 'true'),
  LastSyncTime: z.string(),
  SentryType: z.string(),
});
export type ActiveSyncReportRow = z.infer<typeof ActiveSyncReportRow>;

export interface CsvTable {
  columns: string[];
  rows: Array<Record<string, string>>;
}

/** RFC 4180 reading: quoted fields may hold commas, doubled quotes and line breaks; CRLF or LF line ends. */
export function parseCsv(text: string, what: string): CsvTable {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field === '') quoted = true;
    else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += char;
  }
  if (quoted) throw new GatewayError('UPSTREAM_ERROR', `EPMM sent a truncated ${what} CSV.`);
  if (field !== '' || record.length > 0) records.push([...record, field]);
  const [columns, ...rows] = records;
  if (!columns) throw new GatewayError('UPSTREAM_ERROR', `EPMM sent an empty ${what} CSV.`);
  return {
    columns,
    rows: rows.map((cells, index) => {
      if (cells.length !== columns.length)
        throw new GatewayError('UPSTREAM_ERROR', `EPMM sent a malformed ${what} CSV (line ${index + 2}).`);
      return Object.fromEntries(columns.map((column, at) => [column, cells[at]]));
    }),
  };
}

/** Matches nothing: used to route a JSON body met where CSV was expected through parseEpmm's error mapping. */
export const MessagesEnvelopeOrNever = z.never();
