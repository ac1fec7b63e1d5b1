// Application settings (EPMM v1 E46/E47): a fixed catalogue assigned to labels, so a device's settings follow
// from its labels. The first entry is the document's own sample setting.
import type { LABEL_ID } from './label-catalog.js';

export type AppSettingType =
  | 'EXCHANGE'
  | 'WIFI'
  | 'BOOKMARK'
  | 'EMAIL'
  | 'VPN'
  | 'GENERAL'
  | 'CALDAV'
  | 'SUBCAL'
  | 'WEBCLIP'
  | 'SCEP'
  | 'APN'
  | 'RESTRICTION'
  | 'CERTIFICATE'
  | 'MDM'
  | 'PROVISIONING'
  | 'CARDDAV'
  | 'CONFIGURATION'
  | 'OTHER';

export const APP_SETTING_TYPES: readonly AppSettingType[] = [
  'EXCHANGE',
  'WIFI',
  'BOOKMARK',
  'EMAIL',
  'VPN',
  'GENERAL',
  'CALDAV',
  'SUBCAL',
  'WEBCLIP',
  'SCEP',
  'APN',
  'RESTRICTION',
  'CERTIFICATE',
  'MDM',
  'PROVISIONING',
  'CARDDAV',
  'CONFIGURATION',
  'OTHER',
];

export interface SimAppSetting {
  id: number;
  name: string;
  description: string;
  appType: AppSettingType;
  /** "System or Admin generated"; the admin literal is not shown in the document. */
  origin: 'SYSTEM' | 'ADMIN';
  labelIds: number[];
  properties: Array<{ key: string; value: string }>;
}

type LabelIds = typeof LABEL_ID;

export function buildAppSettings(labels: LabelIds): SimAppSetting[] {
  const setting = (
    id: number,
    name: string,
    appType: AppSettingType,
    labelIds: number[],
    properties: Record<string, string>,
    description = name,
  ): SimAppSetting => ({
    id,
    name,
    description,
    appType,
    origin: id < 0 ? 'SYSTEM' : 'ADMIN',
    labelIds,
    properties: Object.entries(properties).map(([key, value]) => ({ key, value })),
  });
  return [
    // The leading space in the name is the sample's.
    setting(
      -4,
      ' System - iOS MDM CA Certificate',
      'CERTIFICATE',
      [labels.iOS],
      {
        CERT_SERIAL_NUMBER0: '10863527040561121251',
        CERTPATH0: '/mi/files/groups/9002/99415d0e64ca8708/b34aab3122e3410e98a2ef5a078806ce',
        ENABLE_MIRRORING: 'false',
        SUPPORT_MULTIPLE_CONSUMERS: 'false',
      },
      'This CA Certificate is distributed in conjunction with the system MDM profile. It is the certificate that the mobile device will trust for the purpose of accepting OTA MDM requests.',
    ),
    setting(-3, ' System - iOS MDM', 'MDM', [labels.iOS], { ACCESS_RIGHTS: '8191', CHECK_OUT_WHEN_REMOVED: 'true' }),
    setting(-2, ' System - Android Enterprise', 'PROVISIONING', [labels.android], { WORK_PROFILE_ALLOWED: 'true' }),
    setting(11, 'Corporate Wi-Fi', 'WIFI', [labels.companyOwned], {
      SSID: 'CORP-WLAN',
      SECURITY_TYPE: 'WPA2_ENTERPRISE',
      AUTO_JOIN: 'true',
    }),
    setting(12, 'Guest Wi-Fi', 'WIFI', [labels.employeeOwned], {
      SSID: 'CORP-GUEST',
      SECURITY_TYPE: 'WPA2',
      AUTO_JOIN: 'false',
    }),
    setting(13, 'Exchange Mail', 'EXCHANGE', [labels.iOS, labels.android], {
      HOST: 'mail.example.com',
      USE_SSL: 'true',
      SYNC_DAYS: '14',
    }),
    setting(14, 'Always-on VPN', 'VPN', [labels.executives, labels.sales], {
      SERVER: 'vpn.example.com',
      TYPE: 'IKEv2',
      ON_DEMAND: 'true',
    }),
    setting(15, 'Device Identity SCEP', 'SCEP', [labels.iOS, labels.android, labels.macOS], {
      URL: 'https://scep.example.com/certsrv/mscep',
      CACHE_KEYS: 'FALSE',
      SUPPORT_MULTIPLE_CONSUMERS: 'TRUE',
    }),
    setting(16, 'Kiosk Restrictions', 'RESTRICTION', [labels.kiosk], {
      ALLOW_CAMERA: 'false',
      ALLOW_APP_INSTALL: 'false',
    }),
    setting(17, 'Intranet Web Clip', 'WEBCLIP', [labels.iOS], {
      URL: 'https://intranet.example.com',
      FULL_SCREEN: 'false',
    }),
    setting(18, 'Sales CalDAV', 'CALDAV', [labels.sales], {
      HOST: 'calendar.example.com',
      PORT: '8443',
      USE_SSL: 'true',
    }),
    setting(19, 'Windows Configuration', 'CONFIGURATION', [labels.windows], { BITLOCKER_REQUIRED: 'true' }),
    setting(20, 'Unassigned APN', 'APN', [], { APN_NAME: 'corp.apn', AUTH_TYPE: 'CHAP' }),
  ];
}
