// Exchange ActiveSync partnerships: what EPMM's Sentry learns about phones syncing mail. Shared by the v2
// device report (V12, CSV) and the v1 `/api/v1/eas/devices` calls, so both read one set of partnerships.
import type { Platform, SimDevice, SimUser } from './types.js';
import { SeededRandom } from './random.js';

/** `SyncStatus` (V12) / `activeSyncStatus` (v1 E30). `Unknown` is not in the V12 list but is in its sample. */
export type ActiveSyncStatus = 'Allowed' | 'Blocked' | 'Wiped' | 'Quarantined' | 'Unknown';

export interface SimActiveSyncDevice {
  /** EPMM's ActiveSync record id (v1 `uuid`); not a device uuid. */
  uuid: string;
  /** The ActiveSync device id Exchange reports, e.g. `Appl87025CNUA4S`. */
  deviceId: string;
  /** The mailbox (v2 `MailboxId`): the owner's e-mail address. */
  mailboxId: string;
  /** The ActiveSync user name (v1 `userName`): the owner's login. */
  userName: string;
  domain: string;
  phoneNumber: string | null;
  model: string;
  platform: Platform;
  /** Registered when the partnership is linked to an EPMM device (`miDeviceUuid`), else Unregistered. */
  status: 'Registered' | 'Unregistered';
  syncStatus: ActiveSyncStatus;
  /** The `eas_device` trash flag: set when the EPMM device was retired. */
  retired: boolean;
  /** Epoch ms. */
  firstSyncTime: number;
  lastSyncTime: number;
  /** The EPMM device this partnership belongs to, or null for a phone EPMM does not manage. */
  miDeviceUuid: string | null;
  sentryType: 'Standalone' | 'Integrated';
  actionSource: 'EXCHANGE' | 'SENTRY' | 'ADMIN';
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SHARE_WITH_MAIL = 0.55;
/** About one unmanaged phone per 40 managed partnerships: Exchange knows phones EPMM never enrolled. */
const UNMANAGED_SHARE = 0.025;
const ID_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';

/**
 * Draws partnerships from their own stream (so adding them reshuffles nothing else): about half of the
 * enrolled phones sync mail, plus a few unmanaged phones. Linear in the fleet size.
 */
export function generateActiveSyncDevices(
  seed: number,
  devices: readonly SimDevice[],
  usersByUuid: ReadonlyMap<string, SimUser>,
  now: number,
): SimActiveSyncDevice[] {
  const rng = new SeededRandom(seed ^ 0x45415353);
  const out: SimActiveSyncDevice[] = [];
  for (const device of devices) {
    if ((device.platform !== 'iOS' && device.platform !== 'Android') || device.status === 'PENDING') continue;
    if (!rng.chance(SHARE_WITH_MAIL)) continue;
    const user = usersByUuid.get(device.userUuid);
    if (!user) continue;
    const retired = device.status === 'RETIRED';
    const lastCheckin = Date.parse(device.lastCheckinAt);
    out.push({
      uuid: rng.uuid(),
      deviceId: activeSyncDeviceId(rng, device.platform),
      mailboxId: user.email,
      userName: user.userId,
      domain: user.email.slice(user.email.indexOf('@') + 1),
      phoneNumber: device.phoneNumber,
      model: device.model,
      platform: device.platform,
      status: 'Registered',
      // Retiring blocks mail for most devices; EPMM stops hearing about the rest (the V12 sample's "Unknown").
      syncStatus: retired
        ? rng.chance(0.7)
          ? 'Blocked'
          : 'Unknown'
        : device.quarantined
          ? 'Quarantined'
          : rng.chance(0.04)
            ? 'Blocked'
            : 'Allowed',
      retired,
      firstSyncTime: Date.parse(device.registeredAt) + rng.int(HOUR, DAY),
      lastSyncTime: Math.min(now, lastCheckin + rng.int(0, 6 * HOUR)),
      miDeviceUuid: device.uuid,
      sentryType: rng.chance(0.7) ? 'Integrated' : 'Standalone',
      actionSource: 'EXCHANGE',
    });
    if (rng.chance(UNMANAGED_SHARE)) out.push(unmanaged(rng, user, now));
  }
  return out;
}

function unmanaged(rng: SeededRandom, user: SimUser, now: number): SimActiveSyncDevice {
  const platform: Platform = rng.chance(0.6) ? 'iOS' : 'Android';
  const firstSyncTime = now - rng.int(7 * DAY, 400 * DAY);
  return {
    uuid: rng.uuid(),
    deviceId: activeSyncDeviceId(rng, platform),
    mailboxId: user.email,
    userName: user.userId,
    domain: user.email.slice(user.email.indexOf('@') + 1),
    phoneNumber: null,
    model: platform === 'iOS' ? 'iPhone' : 'Android',
    platform,
    status: 'Unregistered',
    // Sentry blocks phones that are not enrolled unless they were allowed by hand or wiped remotely.
    syncStatus: rng.weighted([
      ['Blocked', 60],
      ['Allowed', 30],
      ['Wiped', 10],
    ] as const),
    retired: false,
    firstSyncTime,
    lastSyncTime: firstSyncTime + rng.int(0, now - firstSyncTime),
    miDeviceUuid: null,
    sentryType: rng.chance(0.7) ? 'Integrated' : 'Standalone',
    actionSource: rng.chance(0.8) ? 'SENTRY' : 'ADMIN',
  };
}

/** Exchange device ids: `Appl` + the serial-like id iOS sends; Android mail clients send `androidc` + digits. */
function activeSyncDeviceId(rng: SeededRandom, platform: Platform): string {
  return platform === 'iOS' ? `Appl${rng.chars(ID_ALPHABET, 11)}` : `androidc${rng.digits(10)}`;
}
