// Users. EPMM has no "list users" call and v2 has no user lookup, so users come from three places:
// - by login name for `node` and device owners: the user fields of one of their devices, one search with
//   `"user.user_id" = ... OR ...` per batch that fits the query limit;
// - accounts (E34 find user, E35 LDAP search), which also know whether the user is local or LDAP;
// - the device owners of the admin's space: every device row read once, which also yields each owner's devices.
import DataLoader from 'dataloader';
import type { DeviceModel } from '../models/device.js';
import { EPMM_DEVICE_FIELDS, epmmDeviceToModel } from '../models/epmm-device.js';
import { epmmAccountToUser } from '../models/epmm-user.js';
import type { UserModel } from '../models/user.js';
import { GatewayError } from '../errors.js';
import type { DeviceSearchResponse } from '../upstream/epmm/dto.js';
import type { LdapUser } from '../upstream/epmm/v1-admin-dto.js';
import { chunkedEqualsQueries } from '../upstream/epmm/search-query.js';
import { deviceTicket, EPMM_MAX_PAGE, type DeviceLoaderDeps } from './devices.js';
import { cacheKey, type CacheKey, type CacheScope, type CacheTicket } from '../cache/shared-cache.js';
import { batchingOptions } from './batching.js';

const USER_FIELDS = [
  'common.uuid',
  'user.user_id',
  'user.display_name',
  'user.email_address',
  'user.first_name',
  'user.last_name',
];

export function createUserByPrincipalLoader(deps: DeviceLoaderDeps): DataLoader<string, UserModel | null> {
  return new DataLoader<string, UserModel | null>(
    async (principals) => {
      const found = new Map<string, UserModel>();
      const missing = principals.filter((principal) => {
        const cached = deps.cache.get(cacheKey<UserModel>(deps.scope, 'device', `user:${principal}`));
        if (cached) found.set(principal, cached);
        return !cached;
      });
      deps.stats.hits += principals.length - missing.length;
      const ticket = deviceTicket(deps);
      await Promise.all(
        chunkedEqualsQueries('user.user_id', missing).map(async (chunk) => {
          deps.stats.misses += 1;
          const params = { query: chunk.query, fields: USER_FIELDS, limit: EPMM_MAX_PAGE, offset: 0 };
          const response = await deps.epmm.search.searchDevices(deps.caller, params);
          for (const user of response.results.map((row) => epmmDeviceToModel(row)?.user)) {
            if (!user || found.has(user.principal)) continue;
            found.set(user.principal, user);
            deps.cache.set(ticket, `user:${user.principal}`, user);
          }
        }),
      );
      return principals.map((principal) => found.get(principal) ?? null);
    },
    batchingOptions(deps, {}),
  );
}

/** E34: the account with exactly this login or e-mail address; null when EPMM knows none. */
export function loadUserAccount(deps: DeviceLoaderDeps, principalOrEmail: string): Promise<UserModel | null> {
  return deps.cache.getOrLoad(
    cacheKey(deps.scope, 'device', `account:${principalOrEmail.toLowerCase()}`),
    'device',
    async () => {
      try {
        return epmmAccountToUser(await deps.epmm.v1Admin.findUser(deps.caller, principalOrEmail));
      } catch (error) {
        if (error instanceof GatewayError && error.code === 'NOT_FOUND') return null;
        throw error;
      }
    },
    deps.stats,
  );
}

/** E35 (LDAP users whose login starts with `search`) merged with E34 (exact login or e-mail, any source). */
export async function searchUsers(deps: DeviceLoaderDeps, search: string): Promise<UserModel[]> {
  // E35's own minimum, checked before either call is made.
  if (search.length < 2)
    throw new GatewayError('BAD_USER_INPUT', '`search` needs at least 2 characters.', { field: ['search'] });
  return deps.cache.getOrLoad(
    cacheKey(deps.scope, 'device', `user-search:${search.toLowerCase()}`),
    'device',
    async () => {
      const [ldap, exact] = await Promise.all([searchLdap(deps, search), loadUserAccount(deps, search)]);
      const byPrincipal = new Map<string, UserModel>();
      // The exact account wins: E34 carries more than an LDAP search row.
      for (const user of [...ldap.map(epmmAccountToUser), ...(exact ? [exact] : [])])
        byPrincipal.set(user.principal.toLowerCase(), user);
      return sortedByPrincipal(byPrincipal);
    },
    deps.stats,
  );
}

/** EPMM answers 400 when more users match than its LDAP search limit (100 by default); say so. */
async function searchLdap(deps: DeviceLoaderDeps, search: string): Promise<LdapUser[]> {
  try {
    return await deps.epmm.v1Admin.searchLdapUsers(deps.caller, search);
  } catch (error) {
    if (error instanceof GatewayError && error.code === 'BAD_USER_INPUT') {
      throw new GatewayError(
        'BAD_USER_INPUT',
        'Too many directory users match `search` (EPMM returns at most its LDAP search limit); use a longer search.',
        { field: ['search'] },
      );
    }
    throw error;
  }
}

function sortedByPrincipal(users: Map<string, UserModel>): UserModel[] {
  return [...users.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, user]) => user);
}

/** Every device visible in the admin's space, grouped by owner: the only way to list users without a search. */
export interface DeviceOwners {
  users: UserModel[];
  devicesByPrincipal: Record<string, DeviceModel[]>;
}

export function deviceOwnersKey(scope: CacheScope): CacheKey<DeviceOwners> {
  return cacheKey(scope, 'device', 'device-owners');
}

export function loadDeviceOwners(deps: DeviceLoaderDeps): Promise<DeviceOwners> {
  return deps.cache.getOrLoad(deviceOwnersKey(deps.scope), 'device', () => scanDeviceOwners(deps), deps.stats);
}

async function scanDeviceOwners(deps: DeviceLoaderDeps): Promise<DeviceOwners> {
  const ticket = deviceTicket(deps);
  return (await scanSpace(deps, ticket, await scanPage(deps, 0), () => true)) ?? { users: [], devicesByPrincipal: {} };
}

/** One page of the whole space (no query), with every device field: a page of the device-owner scan. */
export function scanPage(deps: DeviceLoaderDeps, offset: number): Promise<DeviceSearchResponse> {
  const params = { query: '', fields: EPMM_DEVICE_FIELDS, limit: EPMM_MAX_PAGE, offset };
  return deps.epmm.search.searchDevices(deps.caller, params);
}

/**
 * Finishes a scan begun with its first page, if `worthIt(remaining page count)` agrees; the result is stored as
 * the device-owner list, so a scan made for any reason serves the users list and every user's devices too.
 * `ticket` was taken before the first page was read.
 */
export async function scanSpace(
  deps: DeviceLoaderDeps,
  ticket: CacheTicket,
  first: DeviceSearchResponse,
  worthIt: (remainingPages: number) => boolean,
): Promise<DeviceOwners | null> {
  const offsets: number[] = [];
  for (
    let offset = first.results.length;
    first.results.length > 0 && offset < first.totalCount;
    offset += EPMM_MAX_PAGE
  )
    offsets.push(offset);
  if (!worthIt(offsets.length)) return null;
  // Once the total is known, the remaining pages are independent: read them concurrently.
  const rest = await Promise.all(offsets.map((offset) => scanPage(deps, offset)));
  const users = new Map<string, UserModel>();
  const devicesByPrincipal: Record<string, DeviceModel[]> = {};
  for (const row of [first, ...rest].flatMap((response) => response.results)) {
    const device = epmmDeviceToModel(row);
    if (!device) continue;
    deps.cache.set(ticket, device.uuid, device);
    if (!device.user) continue;
    const key = device.user.principal.toLowerCase();
    if (!users.has(key)) users.set(key, device.user);
    (devicesByPrincipal[key] ??= []).push(device);
  }
  const owners = { users: sortedByPrincipal(users), devicesByPrincipal };
  deps.cache.set(ticket, 'device-owners', owners);
  return owners;
}

/**
 * Each user's complete device list, for `User.devices`. Owners already read by `loadDeviceOwners` cost nothing;
 * the rest are batched into `"user.user_id" = ... OR ...` searches. A batch with more than one EPMM page of
 * devices yields null for its users, whose devices are then paged one user at a time.
 */
export function createDevicesOfUserLoader(deps: DeviceLoaderDeps): DataLoader<string, DeviceModel[] | null> {
  return new DataLoader<string, DeviceModel[] | null>(
    async (principals) => {
      // EPMM compares logins case-insensitively; so do the keys here.
      const keys = principals.map((principal) => principal.toLowerCase());
      const found = new Map<string, DeviceModel[] | null>();
      const owners = deps.cache.get(deviceOwnersKey(deps.scope));
      const missing = keys.filter((key) => {
        const cached = owners
          ? (owners.devicesByPrincipal[key] ?? [])
          : deps.cache.get(cacheKey<DeviceModel[]>(deps.scope, 'device', `user-devices:${key}`));
        if (cached) found.set(key, cached);
        return !cached;
      });
      deps.stats.hits += keys.length - missing.length;
      const ticket = deviceTicket(deps);
      await Promise.all(
        chunkedEqualsQueries('user.user_id', missing).map(async (chunk) => {
          deps.stats.misses += 1;
          const params = { query: chunk.query, fields: EPMM_DEVICE_FIELDS, limit: EPMM_MAX_PAGE, offset: 0 };
          const response = await deps.epmm.search.searchDevices(deps.caller, params);
          if (response.totalCount > response.results.length) {
            for (const key of chunk.values) found.set(key, null);
            return;
          }
          const grouped = new Map<string, DeviceModel[]>(chunk.values.map((key) => [key, []]));
          for (const device of response.results.map(epmmDeviceToModel)) {
            const key = device?.user?.principal.toLowerCase();
            if (device && key !== undefined) grouped.get(key)?.push(device);
          }
          for (const [key, devices] of grouped) {
            found.set(key, devices);
            deps.cache.set(ticket, `user-devices:${key}`, devices);
          }
        }),
      );
      return keys.map((key) => found.get(key) ?? null);
    },
    batchingOptions(deps, { cacheKeyFn: (key) => key.toLowerCase() }),
  );
}

/** The per-request user reads beside `userByPrincipal`. */
export interface UserLoaders {
  account(principalOrEmail: string): Promise<UserModel | null>;
  search(search: string): Promise<UserModel[]>;
  deviceOwners(): Promise<DeviceOwners>;
  devicesOfUser: DataLoader<string, DeviceModel[] | null>;
}

export function createUserLoaders(deps: DeviceLoaderDeps): UserLoaders {
  return {
    account: (principalOrEmail) => loadUserAccount(deps, principalOrEmail),
    search: (search) => searchUsers(deps, search),
    deviceOwners: () => loadDeviceOwners(deps),
    devicesOfUser: createDevicesOfUserLoader(deps),
  };
}
