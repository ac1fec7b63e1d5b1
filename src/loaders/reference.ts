// Registration reference data: the v1 country and operator lists, one call each per scope, cached as
// reference data (they change when an administrator edits EPMM's settings, rarely).
import { epmmCountryToModel, epmmOperatorToModel, type CountryModel, type OperatorModel } from '../models/reference.js';
import type { LoaderDeps } from './index.js';
import { cacheKey } from '../cache/shared-cache.js';

export interface ReferenceLoaders {
  countries(): Promise<CountryModel[]>;
  operators(): Promise<OperatorModel[]>;
}

export function createReferenceLoaders(deps: LoaderDeps): ReferenceLoaders {
  const { v1Devices } = deps.epmm;
  return {
    countries: () =>
      deps.cache.getOrLoad(
        cacheKey(deps.scope, 'reference', 'countries'),
        'reference',
        async () => (await v1Devices.countries(deps.caller)).map(epmmCountryToModel),
        deps.stats,
      ),
    operators: () =>
      deps.cache.getOrLoad(
        cacheKey(deps.scope, 'reference', 'operators'),
        'reference',
        async () => (await v1Devices.operators(deps.caller)).map(epmmOperatorToModel),
        deps.stats,
      ),
  };
}
