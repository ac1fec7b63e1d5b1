import { hashString, SeededRandom } from './random.js';
import type { SimUser, World } from './types.js';

/**
 * Adds a local user created by a registration call (v1 E08 or v2 V02), keeping `usersByUuid` in step. The uuid
 * is drawn from a stream keyed by the login, so the same registration gives the same user on every run.
 */
export function addLocalUser(
  world: World,
  fields: { userId: string; firstName: string; lastName: string; displayName: string; email: string },
): SimUser {
  const rng = new SeededRandom(hashString(`${world.seed}/user/${fields.userId.toLowerCase()}`));
  const user: SimUser = { uuid: rng.uuid(), ...fields, source: 'LOCAL', samAccountName: null, distinguishedName: null };
  world.users.push(user);
  world.usersByUuid.set(user.uuid, user);
  return user;
}
