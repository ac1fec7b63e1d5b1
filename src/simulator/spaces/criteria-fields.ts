// The device-space criteria fields (DS03): the subset of the advanced-search field catalogue a space may be
// defined by. The document shows 3 of its 35 names (home country code and name first, `user.user_id` last); the
// rest are the attributes an EPMM administrator plausibly partitions a fleet by (place, platform, ownership,
// user directory data), read from fleet/device-fields.ts so criteria evaluate exactly like device searches.
import { FIELD_BY_NAME, resolveFieldName } from '../fleet/device-fields.js';

const CRITERIA_FIELD_NAMES: readonly string[] = [
  'common.home_country_code',
  'common.home_country_name',
  'common.home_operator_name',
  'common.language',
  'common.locale',
  'common.platform',
  'common.platform_name',
  'common.os_version',
  'common.manufacturer',
  'common.model',
  'common.owner',
  'common.status',
  'common.compliant',
  'common.quarantined',
  'common.device_is_compromised',
  'common.mdm_managed',
  'common.device_encrypted',
  'common.imei',
  'common.imsi',
  'common.SerialNumber',
  'common.current_phone_number',
  'common.wifi_mac_address',
  'common.ip_address',
  'common.client_name',
  'common.client_version',
  'common.registration_date',
  'android.registration_status',
  'ios.DeviceName',
  'user.uuid',
  'user.display_name',
  'user.email_address',
  'user.first_name',
  'user.last_name',
  'user.sam_account_name',
  'user.user_id',
];

export interface CriteriaField {
  name: string;
  type: 'STRING' | 'NUMBER' | 'DATE';
}

/** DS03's list, in the document's order; booleans read as STRING, as V08 reports them. */
export const CRITERIA_FIELDS: readonly CriteriaField[] = CRITERIA_FIELD_NAMES.map((name) => {
  const field = FIELD_BY_NAME.get(name);
  if (!field) throw new Error(`criteria field ${name} is not in the device field catalogue`);
  return { name, type: field.type === 'BOOLEAN' ? 'STRING' : field.type };
});

const CRITERIA_FIELD_SET: ReadonlySet<string> = new Set(CRITERIA_FIELD_NAMES);

/** The advanced-search resolver narrowed to criteria fields: any other field is the parser's unknown token. */
export function resolveCriteriaField(written: string): string | undefined {
  const name = resolveFieldName(written);
  return name !== undefined && CRITERIA_FIELD_SET.has(name) ? name : undefined;
}
