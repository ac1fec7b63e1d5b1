// Per-device detail models as resolvers see them (the device page). Built only by the mappers in
// epmm-device-detail.ts; vendor field names never get past those.
import type { ComplianceReason } from './compliance-bitmap.js';
import type {
  AppViolationType,
  ComplianceActionKind,
  ActiveSyncAccess,
  DeviceProfileType,
  AppSettingState,
  BatteryChargingStatus,
  BatteryHealth,
} from '../generated/enums.js';

// GraphQL enums (schema/*.graphql): the SDL is the single source of their values.
export type {
  AppViolationType,
  ComplianceActionKind,
  ActiveSyncAccess,
  DeviceProfileType,
  AppSettingState,
  BatteryChargingStatus,
  BatteryHealth,
};

export interface AppViolationModel {
  type: AppViolationType;
  vendorType: string;
  appName: string;
  appVersion: string | null;
}

export interface RuleViolationModel {
  id: number;
  ruleId: number;
  ruleName: string;
  actionName: string;
  actions: ComplianceActionKind[];
  vendorActions: string[];
  quarantines: boolean;
  detectedAt: string | null;
}

export interface ActiveSyncPartnershipModel {
  easUuid: string;
  /** The EPMM device the partnership is linked to; null for phones only Exchange knows. */
  deviceUuid: string | null;
  exchangeDeviceId: string | null;
  mailbox: string | null;
  userName: string | null;
  domain: string | null;
  phoneNumber: string | null;
  model: string | null;
  platform: string | null;
  registered: boolean;
  access: ActiveSyncAccess;
  firstSyncAt: string | null;
  lastSyncAt: string | null;
  actionSource: string | null;
}

export interface SimSlotModel {
  slot: string;
  eid: string | null;
  phoneNumber: string | null;
  carrierNetwork: string | null;
  carrierSettingVersion: string | null;
  label: string | null;
}

export interface DeviceProfileModel {
  legacyId: number;
  uuid: string | null;
  name: string;
  type: DeviceProfileType;
  policyType: string | null;
  status: string | null;
  lastUpdatedAt: string | null;
}

export interface DeviceAppSettingModel {
  legacyId: number;
  name: string;
  description: string | null;
  appType: string;
  origin: string | null;
  state: AppSettingState;
  properties: Array<{ name: string; value: string | null }>;
}

export interface ComplianceStateModel {
  nonCompliance: ComplianceReason[];
  quarantine: ComplianceReason[];
  block: ComplianceReason[];
  complianceBits: number;
  quarantineBits: number;
  blockBits: number;
}

export interface ZebraBatteryModel {
  partNumber: string | null;
  serialNumber: string | null;
  manufactureDate: string | null;
  ratedCapacityMah: number | null;
  presentCapacityMah: number | null;
  presentChargeMah: number | null;
  healthPercent: number | null;
  chargeCycles: number | null;
  baseCumulativeChargeMah: number | null;
  totalCumulativeChargeMah: number | null;
  secondsSinceFirstUse: number | null;
  backupVoltageMv: number | null;
  timeToEmptyMinutes: number | null;
  timeToFullMinutes: number | null;
  decommissioned: boolean | null;
}

export interface AndroidBatteryModel {
  status: BatteryChargingStatus;
  health: BatteryHealth;
  zebra: ZebraBatteryModel | null;
}
