// Policies: the E43 list as reference data (one call per scope, cached an hour), and the policies in force on
// each device through E44, which EPMM answers one device at a time.
import type DataLoader from 'dataloader';
import { GatewayError } from '../errors.js';
import { epmmPolicyToModel } from '../models/epmm-policy.js';
import type { PolicyModel } from '../models/policy.js';
import type { DeviceLoaderDeps } from './devices.js';
import { cacheKey } from '../cache/shared-cache.js';
import { fanOutLoader } from './batching.js';

export interface PolicyLoaders {
  /** Every policy, in EPMM's order, with device counts for the viewer's spaces. */
  policyList(): Promise<PolicyModel[]>;
  /** One policy by EPMM id, from the list (EPMM has no single-policy read). */
  policyByLegacyId(legacyId: number): Promise<PolicyModel | null>;
  policiesByDevice: DataLoader<string, PolicyModel[]>;
}

export function createPolicyLoaders(deps: DeviceLoaderDeps): PolicyLoaders {
  const { v1Admin } = deps.epmm;
  const policyList = (): Promise<PolicyModel[]> =>
    deps.cache.getOrLoad(
      cacheKey(deps.scope, 'reference', 'policies'),
      'reference',
      async () => (await v1Admin.policies(deps.caller)).map((policy) => epmmPolicyToModel(policy, true)),
      deps.stats,
    );
  return {
    policyList,
    policyByLegacyId: async (legacyId) => (await policyList()).find((policy) => policy.legacyId === legacyId) ?? null,
    policiesByDevice: fanOutLoader<string, PolicyModel[]>(
      (uuid) =>
        deps.cache.getOrLoad(
          cacheKey(deps.scope, 'device', `policies:${uuid}`),
          'device',
          () => devicePolicies(deps, uuid),
          deps.stats,
        ),
      { cacheKeyFn: (uuid) => uuid.toLowerCase() },
    ),
  };
}

/** E44 answers 404 for a device without policies (retired, wiped) as for an unknown one: both read as none. */
async function devicePolicies(deps: DeviceLoaderDeps, uuid: string): Promise<PolicyModel[]> {
  try {
    return (await deps.epmm.v1Admin.devicePolicies(deps.caller, uuid)).map((policy) =>
      epmmPolicyToModel(policy, false),
    );
  } catch (error) {
    if (error instanceof GatewayError && error.code === 'NOT_FOUND') return [];
    throw error;
  }
}
