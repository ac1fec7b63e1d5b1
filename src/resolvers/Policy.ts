import type { PolicyResolvers } from '../generated/resolvers-types.js';
import type { GatewayContext } from '../context.js';
import { encodeId } from '../ids.js';
import type { PolicyModel } from '../models/policy.js';

/** A policy read through E44 has no counts ("not applicable"); the list (reference data) supplies them. */
async function listed(policy: PolicyModel, { loaders }: GatewayContext): Promise<PolicyModel | null> {
  return policy.deviceCount === null ? loaders.policies.policyByLegacyId(policy.legacyId) : policy;
}

export const Policy: PolicyResolvers = {
  id: (policy) => encodeId('Policy', policy.source, String(policy.legacyId)),
  deviceCount: async (policy, _args, context) => (await listed(policy, context))?.deviceCount ?? 0,
  pendingDeviceCount: async (policy, _args, context) => (await listed(policy, context))?.pendingDeviceCount ?? 0,
};
