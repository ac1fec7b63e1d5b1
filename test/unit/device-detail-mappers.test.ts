import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  epmmActiveSyncPartnership,
  epmmAndroidBattery,
  epmmAppViolations,
  epmmComplianceState,
  epmmDeviceAppSettings,
  epmmDeviceProfiles,
  epmmRuleViolations,
  epmmSimSlots,
} from '../../src/models/epmm-device-detail.js';
import {
  AppComplianceResponse,
  RuleComplianceResponse,
  SimDetailsResponse,
} from '../../src/upstream/epmm/device-actions-dto.js';
import { AppSettingsResponse, EasDevicesResponse } from '../../src/upstream/epmm/v1-admin-dto.js';
import { V1DeviceResponse, V1ProfilesResponse } from '../../src/upstream/epmm/v1-dto.js';
import { parseV1 } from '../../src/upstream/epmm/v1-json.js';

describe('epmmSimSlots (V11)', () => {
  it('turns "N/A" into null and keeps real values', () => {
    const response = SimDetailsResponse.parse({
      results: [
        {
          eid: 'N/A',
          phoneNumber: 'N/A',
          carrierSettingVersion: 'N/A',
          carrierNetwork: 'N/A',
          slot: 'CTSubscriptionSlotOne',
          simLabel: 'N/A',
        },
        {
          eid: '89049032005008882600059871652108',
          phoneNumber: '+4915112345678',
          carrierSettingVersion: '47.1.11',
          carrierNetwork: 'Telekom.de',
          slot: 'CTSubscriptionSlotTwo',
          simLabel: 'Secondary',
        },
      ],
    });
    expect(epmmSimSlots(response)).toEqual([
      {
        slot: 'CTSubscriptionSlotOne',
        eid: null,
        phoneNumber: null,
        carrierNetwork: null,
        carrierSettingVersion: null,
        label: null,
      },
      {
        slot: 'CTSubscriptionSlotTwo',
        eid: '89049032005008882600059871652108',
        phoneNumber: '+4915112345678',
        carrierNetwork: 'Telekom.de',
        carrierSettingVersion: '47.1.11',
        label: 'Secondary',
      },
    ]);
  });
});

describe('epmmAppViolations (V13)', () => {
  it('flattens violations by type and types unknown kinds as OTHER', () => {
    const response = AppComplianceResponse.parse({
      results: {
        deviceUuid: 'd1',
        appViolationsByType: {
          Disallowed: [{ type: 'Disallowed', appName: 'TikTok', appVersion: '3.1' }],
          Required: [{ type: 'Required', appName: 'Outlook', appVersion: null }],
          Sideloaded: [{ type: 'Sideloaded', appName: 'x', appVersion: '1' }],
        },
      },
    });
    expect(epmmAppViolations(response)).toEqual([
      { type: 'DISALLOWED', vendorType: 'Disallowed', appName: 'TikTok', appVersion: '3.1' },
      { type: 'REQUIRED', vendorType: 'Required', appName: 'Outlook', appVersion: null },
      { type: 'OTHER', vendorType: 'Sideloaded', appName: 'x', appVersion: '1' },
    ]);
  });
});

describe('epmmRuleViolations (V24)', () => {
  it('types the actions, reads the epoch-millisecond date and the quarantine flag', () => {
    const response = RuleComplianceResponse.parse({
      results: [
        {
          id: 70,
          deviceUuid: 'd1',
          ruleId: 1,
          complianceAction: 2,
          quarantineAction: 1,
          createdAt: 1596024109907,
          userDisplayName: 'A B',
          userId: 'ab',
          platformName: 'iOS 17',
          model: 'iPhone',
          actionName: 'Block ActiveSync and Send Alert',
          ruleName: 'Compromised device',
          complianceActionNames: ['ALERT', 'BLOCK_ACTIVESYNC', 'WIPE'],
        },
      ],
    });
    expect(epmmRuleViolations(response)).toEqual([
      {
        id: 70,
        ruleId: 1,
        ruleName: 'Compromised device',
        actionName: 'Block ActiveSync and Send Alert',
        actions: ['ALERT', 'BLOCK_ACTIVESYNC', 'OTHER'],
        vendorActions: ['ALERT', 'BLOCK_ACTIVESYNC', 'WIPE'],
        quarantines: true,
        detectedAt: '2020-07-29T12:01:49.907Z',
      },
    ]);
  });
});

describe('epmmActiveSyncPartnership (E30)', () => {
  it("links by miDeviceUuid and reads the access state, falling back to the group (the guide's sample)", () => {
    const sample: unknown = JSON.parse(
      readFileSync(new URL('../fixtures/documents/e30-eas-devices.json', import.meta.url), 'utf8'),
    );
    const parsed = parseV1(EasDevicesResponse, sample, 'test');
    expect(epmmActiveSyncPartnership({ ...parsed.registeredAllowedDevices[0], group: 'registeredAllowed' })).toEqual({
      easUuid: 'hdgd-e93c-49b1-88d6-222f54132445',
      deviceUuid: '6f72cabb-1d8b-4965-aa8e-a355deab8222',
      exchangeDeviceId: 'Appl87025CNUA4S',
      mailbox: 'jdoe113',
      userName: 'jdoe113',
      domain: 'exchdomain.com',
      phoneNumber: '6505551212',
      model: 'iPhone',
      platform: 'iOS',
      registered: true,
      access: 'ALLOWED',
      firstSyncAt: '2012-01-10T07:13:05.000Z',
      lastSyncAt: '2012-01-10T07:32:48.000Z',
      actionSource: 'EXCHANGE',
    });
    expect(epmmActiveSyncPartnership({ ...parsed.wipedDevices[0], group: 'wiped' })).toMatchObject({
      deviceUuid: null,
      registered: false,
      access: 'WIPED',
    });
    expect(
      epmmActiveSyncPartnership({ ...parsed.registeredBlockedDevices[0], group: 'registeredBlocked' }),
    ).toMatchObject({ registered: true, access: 'BLOCKED' });
    expect(
      epmmActiveSyncPartnership({
        ...parsed.registeredAllowedDevices[0],
        activeSyncStatus: 'Quarantined',
        group: 'registeredAllowed',
      }).access,
    ).toBe('QUARANTINED');
  });
});

describe('epmmDeviceProfiles (E28) and epmmDeviceAppSettings (E47)', () => {
  it('maps profile types and epoch dates', () => {
    const { profiles } = parseV1(
      V1ProfilesResponse,
      {
        profiles: {
          profile: [
            {
              id: -3,
              uuid: 'misystem-default-security-policy',
              name: 'Default Security Policy',
              policyType: 'SECURITY',
              status: 'Applied',
              profileType: 'POLICY',
              lastUpdatedAt: 1596024109907,
            },
            { id: 5, name: 'Wi-Fi', profileType: 'APP' },
          ],
        },
      },
      'test',
    );
    expect(epmmDeviceProfiles(profiles)).toEqual([
      {
        legacyId: -3,
        uuid: 'misystem-default-security-policy',
        name: 'Default Security Policy',
        type: 'POLICY',
        policyType: 'SECURITY',
        status: 'Applied',
        lastUpdatedAt: '2020-07-29T12:01:49.907Z',
      },
      { legacyId: 5, uuid: null, name: 'Wi-Fi', type: 'APP', policyType: null, status: null, lastUpdatedAt: null },
    ]);
  });

  it('reads the state character code and the properties', () => {
    const { appSettings } = parseV1(
      AppSettingsResponse,
      {
        appSettings: {
          appSetting: [
            {
              id: 7,
              name: 'Mail',
              appType: 'EXCHANGE',
              state: 68,
              type: 'SYSTEM',
              properties: {
                entry: [
                  { key: 'host', value: 'mail.example.com' },
                  { key: 'ssl', value: '' },
                ],
              },
            },
          ],
        },
      },
      'test',
    );
    expect(epmmDeviceAppSettings(appSettings)).toEqual([
      {
        legacyId: 7,
        name: 'Mail',
        description: null,
        appType: 'EXCHANGE',
        origin: 'SYSTEM',
        state: 'DELETED',
        properties: [
          { name: 'host', value: 'mail.example.com' },
          { name: 'ssl', value: null },
        ],
      },
    ]);
  });
});

describe('epmmComplianceState (E02 bitmaps)', () => {
  it('decodes each bitmap with the corrected table', () => {
    const { device } = parseV1(
      V1DeviceResponse,
      {
        device: {
          id: 1,
          uuid: 'd1',
          principal: 'ab',
          blockReason: 0x200,
          compliance: 8272,
          quarantinedStatus: '3',
          status: 'ACTIVE',
          statusCode: 1,
        },
      },
      'test',
    );
    expect(epmmComplianceState(device)).toEqual({
      nonCompliance: ['POLICY_OUT_OF_DATE', 'APP_CONTROL', 'REQUIRED_APP_MISSING'],
      quarantine: ['COMPROMISED', 'OS_VERSION_TOO_OLD'],
      block: ['MANUALLY_BLOCKED'],
      complianceBits: 8272,
      quarantineBits: 3,
      blockBits: 0x200,
    });
  });
});

describe('epmmAndroidBattery (V10)', () => {
  it('is null without battery statistics', () => {
    expect(epmmAndroidBattery([{ name: 'common.battery_level', value: 50 }])).toBeNull();
  });

  it('types status and health and leaves zebra null on other OEMs', () => {
    expect(
      epmmAndroidBattery([
        { name: 'android.battery_status', value: 'Not charging' },
        { name: 'android.battery_health', value: 'Over voltage' },
      ]),
    ).toEqual({
      status: 'NOT_CHARGING',
      health: 'OVER_VOLTAGE',
      zebra: null,
    });
    expect(
      epmmAndroidBattery([
        { name: 'android.battery_status', value: 'Sideways' },
        { name: 'android.battery_health', value: null },
      ]),
    ).toEqual({
      status: 'UNKNOWN',
      health: 'UNKNOWN',
      zebra: null,
    });
  });

  it('reads the Zebra OEM fields, numbers or digit strings', () => {
    const battery = epmmAndroidBattery([
      { name: 'android.battery_status', value: 'Charging' },
      { name: 'android.battery_health', value: 'Good' },
      { name: 'android.battery_zebra_partnumber', value: 'BT-000314-01' },
      { name: 'android.battery_zebra_ratedcapacity', value: 4150 },
      { name: 'android.battery_zebra_usage_numb', value: '312' },
      { name: 'android.battery_zebra_decommission', value: 'false' },
      { name: 'android.battery_zebra_mfd', value: '2025-03-01' },
    ]);
    expect(battery?.status).toBe('CHARGING');
    expect(battery?.health).toBe('GOOD');
    expect(battery?.zebra).toMatchObject({
      partNumber: 'BT-000314-01',
      ratedCapacityMah: 4150,
      chargeCycles: 312,
      decommissioned: false,
      manufactureDate: '2025-03-01',
      serialNumber: null,
    });
  });
});
