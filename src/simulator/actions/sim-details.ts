// V11: the SIM slots of iOS 14+ devices with cellular hardware, as CoreTelephony reports them. Slot one is the
// physical SIM, whose EID iOS does not expose ("N/A", as in the sample); slot two is the eSIM when one is set up.
import { COUNTRY_BY_CODE } from '../fleet/countries.js';
import type { SimDevice } from '../fleet/types.js';
import { deviceRandom } from './derived.js';

export interface SimDetail {
  eid: string;
  phoneNumber: string;
  carrierSettingVersion: string;
  carrierNetwork: string;
  slot: string;
  simLabel: string;
}

const NA = 'N/A';
const ESIM_SHARE = 0.6;

function emptySlot(slot: string): SimDetail {
  return { eid: NA, phoneNumber: NA, carrierSettingVersion: NA, carrierNetwork: NA, slot, simLabel: NA };
}

/** Non-iOS devices, iOS before 14 and devices without a SIM have no EID information: an empty list. */
export function simDetails(device: SimDevice): SimDetail[] {
  const major = Number.parseInt(device.osVersion, 10);
  if (device.platform !== 'iOS' || !(major >= 14) || device.imsi === null) return [];
  const rng = deviceRandom(device, 'esim');
  if (!rng.chance(ESIM_SHARE)) return [emptySlot('CTSubscriptionSlotOne'), emptySlot('CTSubscriptionSlotTwo')];
  const dialCode = COUNTRY_BY_CODE.get(device.homeCountryCode)?.dialCode ?? '';
  // EIDs are 32 digits starting 89 + the 3-digit country code of the eUICC manufacturer (049 in the sample).
  const eid = `89049032${rng.digits(24)}`;
  return [
    emptySlot('CTSubscriptionSlotOne'),
    {
      eid,
      phoneNumber: device.phoneNumber ?? `+${dialCode}${rng.digits(9)}`,
      carrierSettingVersion: `${rng.int(40, 55)}.${rng.int(0, 9)}.${rng.int(10, 99)}`,
      carrierNetwork: device.homeOperatorName,
      slot: 'CTSubscriptionSlotTwo',
      simLabel: 'Secondary',
    },
  ];
}
