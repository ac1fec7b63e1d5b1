// The profiles applied to a device (E28) and their re-push (E29). The policies are EPMM's default ones, with the
// ids, uuids and names of the E28 sample (POLICY ids are policy ids, E43); Apple devices also carry the system MDM
// configuration (an APP profile whose id -2 repeats a POLICY id, so a profile is identified by id and type).
import type { SimDevice } from '../fleet/types.js';
import { v1DeviceState, peekV1DeviceState } from './device-state.js';

export type V1ProfileType = 'POLICY' | 'APP';

export interface V1Profile {
  id: number;
  uuid?: string;
  name: string;
  policyType: string;
  status: 'Applied';
  profileType: V1ProfileType;
  lastUpdatedAt: number;
}

interface ProfileDefinition {
  id: number;
  uuid?: string;
  name: string;
  policyType: string;
  profileType: V1ProfileType;
  appliesTo(device: SimDevice): boolean;
}

const PHONES = (device: SimDevice) => device.platform === 'iOS' || device.platform === 'Android';
const APPLE = (device: SimDevice) => device.platform === 'iOS' || device.platform === 'macOS';
const EVERY = () => true;

const DEFINITIONS: readonly ProfileDefinition[] = [
  {
    id: -7,
    uuid: 'misystem-default-docs-policy',
    name: 'Default Docs@Work Policy',
    policyType: 'DOCS',
    profileType: 'POLICY',
    appliesTo: PHONES,
  },
  {
    id: -3,
    uuid: 'misystem-default-security-policy',
    name: 'Default Security Policy',
    policyType: 'SECURITY',
    profileType: 'POLICY',
    appliesTo: EVERY,
  },
  {
    id: -2,
    uuid: 'misystem-default-privacy-policy',
    name: 'Default Privacy Policy',
    policyType: 'PRIVACY',
    profileType: 'POLICY',
    appliesTo: EVERY,
  },
  { id: -2, name: 'System - iOS MDM', policyType: 'MDM', profileType: 'APP', appliesTo: APPLE },
];

/** Only enrolled devices hold profiles: a pending device has none yet, retire and wipe remove them. */
function holdsProfiles(device: SimDevice): boolean {
  return device.status === 'ACTIVE' || device.status === 'LOCKED' || device.status === 'RETIRE_PENDING';
}

function key(profileType: V1ProfileType, id: number): string {
  return `${profileType}/${id}`;
}

export function deviceProfiles(device: SimDevice): V1Profile[] {
  if (!holdsProfiles(device)) return [];
  const pushed = peekV1DeviceState(device)?.profilePushedAt;
  const registered = Date.parse(device.registeredAt);
  return DEFINITIONS.filter((definition) => definition.appliesTo(device)).map(
    ({ appliesTo: _appliesTo, ...profile }) => ({
      ...profile,
      status: 'Applied' as const,
      lastUpdatedAt: pushed?.get(key(profile.profileType, profile.id)) ?? registered,
    }),
  );
}

/** Re-pushes one profile (id and type given) or all of them; returns the profiles pushed (empty: nothing matched). */
export function repushProfiles(
  device: SimDevice,
  now: number,
  only?: { id: number; type: V1ProfileType },
): V1Profile[] {
  const targets = deviceProfiles(device).filter(
    (profile) => only === undefined || (profile.id === only.id && profile.profileType === only.type),
  );
  const state = v1DeviceState(device);
  for (const profile of targets) state.profilePushedAt.set(key(profile.profileType, profile.id), now);
  return targets.map((profile) => ({ ...profile, lastUpdatedAt: now }));
}
