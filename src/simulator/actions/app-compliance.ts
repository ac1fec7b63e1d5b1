// V13: app control violations. A device is in violation exactly when its compliance reasons include
// DISALLOWED_APP, so V13, V24 and `common.noncompliance_reasons` always agree.
import type { SimDevice } from '../fleet/types.js';
import { deviceRandom } from './derived.js';

export interface AppViolation {
  type: 'Disallowed' | 'Required';
  appName: string;
  appVersion: string | null;
}

const DISALLOWED: Readonly<Record<'iOS' | 'Android', readonly string[]>> = {
  iOS: ['Sudoku', 'TikTok', 'Dropbox', 'WeChat', 'Telegram'],
  Android: ['Sudoku', 'TikTok', 'ES File Explorer', 'Telegram', 'uTorrent'],
};
const REQUIRED: readonly string[] = ['Evernote', 'Waze', 'Microsoft Authenticator', 'Ivanti Tunnel', 'Outlook'];

/** Keys with no violations are omitted (an empty object for a compliant device). */
export function appViolationsByType(device: SimDevice): Partial<Record<AppViolation['type'], AppViolation[]>> {
  if (
    !device.noncomplianceReasons.includes('DISALLOWED_APP') ||
    (device.platform !== 'iOS' && device.platform !== 'Android')
  )
    return {};
  const rng = deviceRandom(device, 'appcontrol');
  const result: Partial<Record<AppViolation['type'], AppViolation[]>> = {};
  const disallowed = pickDistinct(rng.int(1, 2), DISALLOWED[device.platform], () => rng.next());
  result.Disallowed = disallowed.map((appName) => ({
    type: 'Disallowed',
    appName,
    appVersion: `${rng.int(1, 9)}.${rng.int(0, 9)}`,
  }));
  // Required apps are listed without a version: the rule names the app, not a build (as in the sample).
  if (rng.chance(0.5))
    result.Required = pickDistinct(rng.int(1, 2), REQUIRED, () => rng.next()).map((appName) => ({
      type: 'Required',
      appName,
      appVersion: null,
    }));
  return result;
}

function pickDistinct(count: number, items: readonly string[], random: () => number): string[] {
  const pool = [...items];
  const picked: string[] = [];
  while (picked.length < count && pool.length > 0) picked.push(pool.splice(Math.floor(random() * pool.length), 1)[0]);
  return picked;
}
