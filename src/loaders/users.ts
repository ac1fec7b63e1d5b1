// Users by login name. EPMM v2 has no user lookup, so a user is read from the user fields of one of their
// devices: one search with `"user.user_id" = ... OR ...` per batch that fits the query limit.
import DataLoader from 'dataloader';
import { epmmDeviceToModel } from '../models/epmm-device.js';
import type { UserModel } from '../models/user.js';
import { chunkedEqualsQueries } from '../upstream/epmm/search-query.js';
import { EPMM_MAX_PAGE, type DeviceLoaderDeps } from './devices.js';
import { cacheKey } from './shared-cache.js';

const USER_FIELDS = ['common.uuid', 'user.user_id', 'user.display_name', 'user.email_address', 'user.first_name', 'user.last_name'];

export function createUserByPrincipalLoader(deps: DeviceLoaderDeps): DataLoader<string, UserModel | null> {
  return new DataLoader<string, UserModel | null>(async (principals) => {
    const found = new Map<string, UserModel>();
    const missing = principals.filter((principal) => {
      const cached = deps.cache.get<UserModel>(cacheKey(deps.scope, 'device', `user:${principal}`));
      if (cached) found.set(principal, cached);
      return !cached;
    });
    deps.stats.hits += principals.length - missing.length;
    await Promise.all(
      chunkedEqualsQueries('user.user_id', missing).map(async (chunk) => {
        deps.stats.misses += 1;
        const response = await deps.client.searchDevices(deps.caller, { query: chunk.query, fields: USER_FIELDS, limit: EPMM_MAX_PAGE, offset: 0 });
        for (const user of response.results.map((row) => epmmDeviceToModel(row)?.user)) {
          if (!user || found.has(user.principal)) continue;
          found.set(user.principal, user);
          deps.cache.set(cacheKey(deps.scope, 'device', `user:${user.principal}`), 'device', user);
        }
      }),
    );
    return principals.map((principal) => found.get(principal) ?? null);
  });
}
