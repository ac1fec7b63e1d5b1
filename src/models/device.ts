import type { UserModel } from './user.js';
import type { Platform, DeviceStatus, Ownership } from '../generated/enums.js';

// GraphQL enums (schema/*.graphql): the SDL is the single source of their values.
export type { Platform, DeviceStatus, Ownership };

/** What Neurons reads a device back by: the partition it was read in (`dmPartitionId`) and its numeric id. */
export interface NeuronsDeviceRef {
  partitionId: number;
  id: number;
}

/** A device as resolvers see it. Vendor field names never get past the mappers that build this. */
export interface DeviceModel {
  /** The GraphQL type, read by Node.__resolveType (src/resolvers/Node.ts). */
  kind: 'Device';
  source: 'EPMM' | 'NEURONS';
  uuid: string;
  legacyId: number | null;
  name: string | null;
  platform: Platform;
  platformName: string | null;
  osVersion: string | null;
  model: string | null;
  manufacturer: string | null;
  status: DeviceStatus;
  compliant: boolean | null;
  noncomplianceReasons: string[];
  quarantined: boolean | null;
  compromised: boolean | null;
  ownership: Ownership;
  phoneNumber: string | null;
  imei: string | null;
  serialNumber: string | null;
  registeredAt: string | null;
  lastCheckInAt: string | null;
  storageCapacityBytes: number | null;
  storageFreeBytes: number | null;
  memoryCapacityBytes: number | null;
  memoryFreeBytes: number | null;
  batteryLevel: number | null;
  clientVersion: string | null;
  deviceSpaceName: string | null;
  user: UserModel | null;
  // Posture, as the device last reported it; null wherever the MDM does not report the datum (schema/device.graphql).
  encrypted: boolean | null;
  supervised: boolean | null;
  passcodeCompliant: boolean | null;
  osBuild: string | null;
  /** The MDM's own wording (not a closed set): `Work Profile`, `Device Owner`, `Automated Device Enrollment`… */
  enrollmentType: string | null;
  /** The home carrier of the device's SIM; null without a SIM. */
  carrier: string | null;
  /** Android's security patch level, `YYYY-MM-DD`. */
  securityPatchLevel: string | null;
  /**
   * The EPMM search fields this device was read with, when the read was projected (a subset); absent when every
   * field was read. A projected device must not answer a reader that needs a field it lacks (see loaders/devices.ts).
   */
  epmmFields?: readonly string[];
  /** Set on every Neurons device (its global id and every Neurons read of it use it); absent on EPMM devices. */
  neurons?: NeuronsDeviceRef;
  /**
   * Each MDM's own record of this physical device, set where the gateway has joined them (the merged device list,
   * docs/data-loading.md "One device, one row"); absent elsewhere, where `Device.sources` looks the twin up.
   */
  records?: DeviceRecords;
}

/** A physical device's records: null for an MDM known not to hold it. */
export interface DeviceRecords {
  epmm: DeviceModel | null;
  neurons: DeviceModel | null;
}
