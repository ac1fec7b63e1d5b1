// Typed EPMM v1 administration client (catalogue E30-E47): one method per allow-listed route, each validating
// its response through the tolerant v1 readers. v1 takes no device space: EPMM scopes by the caller's spaces.
import { GatewayError } from '../../errors.js';
import type { QueryValue, UpstreamHttp } from '../http.js';
import type { UpstreamRoute } from '../route.js';
import {
  AlertsResponse,
  AppSettingsResponse,
  EAS_GROUPS,
  EasDeviceDetailsResponse,
  EasDevicesResponse,
  LdapSearchResponse,
  PasswordChangeResponse,
  PoliciesResponse,
  SmUserResponse,
  V1MessagesOnly,
  type EasDevice,
  type EasDeviceDetails,
  type EpmmAlert,
  type EpmmAppSetting,
  type EpmmPolicy,
  type LdapUser,
  type SmUser,
} from './v1-admin-dto.js';
import { EPMM_V1_ADMIN_ROUTES } from './v1-admin-routes.js';
import { parseV1 } from './v1-json.js';
import { callerFields, type UpstreamCaller } from '../caller.js';

export type EasAction = 'BLOCK_DEVICE' | 'REINSTATE_DEVICE' | 'WIPE';
/** Alert filter: `read: true` only read alerts, `false` only unread, absent all. */
export interface AlertFilter {
  read?: boolean;
}

/** v1 reports a failed mutation as message text, possibly with status 200; this is what a success says. */
const SUCCESS = {
  activeSync: /modified to .* status/i,
  password: /password changed successfully/i,
  alert: /updated .*successfully/i,
  policy: /policy (applied to|removed from) label/i,
} as const;

interface Call {
  route: UpstreamRoute;
  pathParams?: Record<string, string>;
  query?: Record<string, QueryValue>;
  form?: Record<string, string>;
}

export class EpmmV1AdminClient {
  constructor(private readonly http: UpstreamHttp) {}

  /** E30: every ActiveSync partnership, flattened, each with the group it was listed in. Empty when EPMM has none (404). */
  async activeSyncDevices(caller: UpstreamCaller): Promise<EasDevice[]> {
    const body = await this.orEmpty(caller, { route: EPMM_V1_ADMIN_ROUTES.activeSyncDevices });
    if (body === undefined) return [];
    const parsed = parseV1(EasDevicesResponse, body, 'ActiveSync device list');
    return EAS_GROUPS.flatMap((group) => parsed[`${group}Devices`].map((device) => ({ ...device, group })));
  }

  /** E31: one partnership's key/value details as Exchange reports them. */
  async activeSyncDevice(caller: UpstreamCaller, easUuid: string): Promise<EasDeviceDetails> {
    const body = await this.call(caller, { route: EPMM_V1_ADMIN_ROUTES.activeSyncDevice, pathParams: { easUuid } });
    return parseV1(EasDeviceDetailsResponse, body, 'ActiveSync device details');
  }

  /** E32: block, reinstate or wipe partnerships; returns EPMM's message ("N device(s) modified to … status"). */
  async activeSyncAction(caller: UpstreamCaller, action: EasAction, easUuids: readonly string[]): Promise<string> {
    if (easUuids.length === 0) throw new GatewayError('BAD_USER_INPUT', 'At least one ActiveSync device is required.');
    const body = await this.call(caller, {
      route: EPMM_V1_ADMIN_ROUTES.activeSyncAction,
      query: { action, uuids: easUuids },
    });
    return this.successMessage(body, SUCCESS.activeSync, 'ActiveSync action');
  }

  /** E33: changes a user's password; `oldPassword` is required when EPMM saves user passwords. */
  async updatePassword(
    caller: UpstreamCaller,
    userName: string,
    passwords: { oldPassword?: string; newPassword: string },
  ): Promise<string> {
    const form: Record<string, string> = { newpassword: passwords.newPassword };
    if (passwords.oldPassword !== undefined) form.oldpassword = passwords.oldPassword;
    const body = await this.call(caller, {
      route: EPMM_V1_ADMIN_ROUTES.updatePassword,
      pathParams: { userName },
      form,
    });
    parseV1(PasswordChangeResponse, body, 'password change');
    return this.successMessage(body, SUCCESS.password, 'password change');
  }

  /** E34: the user with exactly this login or e-mail address. */
  async findUser(caller: UpstreamCaller, userNameOrEmail: string): Promise<SmUser> {
    const body = await this.call(caller, {
      route: EPMM_V1_ADMIN_ROUTES.findUser,
      pathParams: { userName: userNameOrEmail },
    });
    return parseV1(SmUserResponse, body, 'user').user;
  }

  /** E35: LDAP users matching a search string of at least 2 characters; EPMM refuses (400) more than its limit. */
  async searchLdapUsers(caller: UpstreamCaller, search: string): Promise<LdapUser[]> {
    if (search.trim().length < 2)
      throw new GatewayError('BAD_USER_INPUT', 'The LDAP search string needs at least 2 characters.');
    const body = await this.orEmpty(caller, { route: EPMM_V1_ADMIN_ROUTES.searchLdapUsers, query: { userid: search } });
    return body === undefined ? [] : parseV1(LdapSearchResponse, body, 'LDAP user search').users;
  }

  /**
   * E36: checks an end user's credentials and returns the user. EPMM answers bad credentials with 401, which the
   * HTTP layer cannot tell apart from the calling admin's own credentials failing: both are UNAUTHENTICATED.
   */
  async authenticateUser(caller: UpstreamCaller, userName: string, password: string): Promise<SmUser> {
    const body = await this.call(caller, {
      route: EPMM_V1_ADMIN_ROUTES.authenticateUser,
      form: { username: userName, password },
    });
    return parseV1(SmUserResponse, body, 'user authentication').user;
  }

  /** E37: all alerts; empty when none matches (EPMM answers 404 "no data"). */
  async alerts(caller: UpstreamCaller, filter: AlertFilter = {}): Promise<EpmmAlert[]> {
    return this.alertList(caller, { route: EPMM_V1_ADMIN_ROUTES.alerts, query: { isRead: filter.read } });
  }

  /** E38: alerts of the devices with this phone number (digits only). */
  async alertsByPhone(caller: UpstreamCaller, phoneNumber: string, filter: AlertFilter = {}): Promise<EpmmAlert[]> {
    return this.alertList(caller, {
      route: EPMM_V1_ADMIN_ROUTES.alertsByPhone,
      pathParams: { phoneNumber },
      query: { isRead: filter.read },
    });
  }

  /** E39: alerts on all devices of a user. */
  async alertsByUser(caller: UpstreamCaller, userName: string, filter: AlertFilter = {}): Promise<EpmmAlert[]> {
    return this.alertList(caller, {
      route: EPMM_V1_ADMIN_ROUTES.alertsByUser,
      pathParams: { userName },
      query: { isRead: filter.read },
    });
  }

  /** E40: alerts of one phone number of a user. */
  async alertsByUserAndPhone(
    caller: UpstreamCaller,
    userName: string,
    phoneNumber: string,
    filter: AlertFilter = {},
  ): Promise<EpmmAlert[]> {
    return this.alertList(caller, {
      route: EPMM_V1_ADMIN_ROUTES.alertsByUserAndPhone,
      pathParams: { userName, phoneNumber },
      query: { isRead: filter.read },
    });
  }

  /** E41: marks one alert read or unread with a comment (at most 255 characters). */
  async updateAlert(caller: UpstreamCaller, id: number, update: { read: boolean; comments: string }): Promise<string> {
    checkComments(update.comments);
    const body = await this.call(caller, {
      route: EPMM_V1_ADMIN_ROUTES.updateAlert,
      pathParams: { id: String(id) },
      query: { isRead: update.read, comments: update.comments },
    });
    return this.successMessage(body, SUCCESS.alert, 'alert update');
  }

  /** E42: marks several alerts read or unread with one comment. */
  async updateAlerts(
    caller: UpstreamCaller,
    ids: readonly number[],
    update: { read: boolean; comments: string },
  ): Promise<string> {
    if (ids.length === 0) throw new GatewayError('BAD_USER_INPUT', 'At least one alert id is required.');
    checkComments(update.comments);
    const body = await this.call(caller, {
      route: EPMM_V1_ADMIN_ROUTES.updateAlerts,
      query: { id: ids.map(String), isRead: update.read, comments: update.comments },
    });
    return this.successMessage(body, SUCCESS.alert, 'alert update');
  }

  /** E43: all policies with rules and device counts. */
  async policies(caller: UpstreamCaller): Promise<EpmmPolicy[]> {
    const body = await this.orEmpty(caller, { route: EPMM_V1_ADMIN_ROUTES.policies });
    return body === undefined ? [] : parseV1(PoliciesResponse, body, 'policies').policies;
  }

  /** E44: the policies in force on a device (NOT_FOUND for an unknown device or one without policies). */
  async devicePolicies(caller: UpstreamCaller, deviceUuid: string): Promise<EpmmPolicy[]> {
    const body = await this.call(caller, {
      route: EPMM_V1_ADMIN_ROUTES.devicePolicies,
      pathParams: { uuid: deviceUuid },
    });
    return parseV1(PoliciesResponse, body, 'device policies').policies;
  }

  /** E45: applies a policy to a label (by name) or removes it from one. */
  async setPolicyLabel(
    caller: UpstreamCaller,
    policyId: number,
    labelName: string,
    action: 'apply' | 'remove',
  ): Promise<string> {
    const body = await this.call(caller, {
      route: EPMM_V1_ADMIN_ROUTES.policyLabel,
      pathParams: { policyId: String(policyId) },
      query: { action: action === 'apply' ? 'apply_label' : 'remove_label', label: labelName },
    });
    return this.successMessage(body, SUCCESS.policy, 'policy label change');
  }

  /** E46: all application settings, optionally of one `appType` (EXCHANGE, WIFI, SCEP, …). */
  async appSettings(caller: UpstreamCaller, type?: string): Promise<EpmmAppSetting[]> {
    const body = await this.orEmpty(caller, { route: EPMM_V1_ADMIN_ROUTES.appSettings, query: { type } });
    return body === undefined ? [] : parseV1(AppSettingsResponse, body, 'application settings').appSettings;
  }

  /** E47: the application settings of one device. */
  async deviceAppSettings(caller: UpstreamCaller, deviceUuid: string): Promise<EpmmAppSetting[]> {
    const body = await this.call(caller, {
      route: EPMM_V1_ADMIN_ROUTES.deviceAppSettings,
      pathParams: { uuid: deviceUuid },
    });
    return parseV1(AppSettingsResponse, body, 'device application settings').appSettings;
  }

  private async alertList(caller: UpstreamCaller, call: Call): Promise<EpmmAlert[]> {
    const body = await this.orEmpty(caller, call);
    return body === undefined ? [] : parseV1(AlertsResponse, body, 'alerts').alerts;
  }

  private call(caller: UpstreamCaller, call: Call): Promise<unknown> {
    return this.http.requestJson({
      ...call,
      ...callerFields(caller),
    });
  }

  /** v1 list calls answer "no data" with 404; for them that is an empty list, not a missing object. */
  private async orEmpty(caller: UpstreamCaller, call: Call): Promise<unknown> {
    try {
      return await this.call(caller, call);
    } catch (error) {
      if (error instanceof GatewayError && error.code === 'NOT_FOUND') return undefined;
      throw error;
    }
  }

  /** The success text of a mutation; any other text (EPMM's "descriptive error message") is a refusal. */
  private successMessage(body: unknown, success: RegExp, what: string): string {
    const texts = parseV1(V1MessagesOnly, body, what).messages;
    const text = texts.find((candidate) => success.test(candidate));
    // The upstream text stays out of the error: gateway errors never carry upstream bodies.
    if (text === undefined) throw new GatewayError('BAD_USER_INPUT', `EPMM refused the ${what}.`);
    return text.trim();
  }
}

function checkComments(comments: string): void {
  if (comments.length === 0 || comments.length > 255)
    throw new GatewayError('BAD_USER_INPUT', 'Alert comments must be 1 to 255 characters.');
}
