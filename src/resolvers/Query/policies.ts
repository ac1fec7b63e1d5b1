import type { PolicyFilter, QueryResolvers } from '../../generated/resolvers-types.js';
import { epmmNumericKey } from '../../ids.js';
import type { PolicyModel } from '../../models/policy.js';
import { pageOfList } from '../connection.js';

function matches(policy: PolicyModel, filter: PolicyFilter): boolean {
  const needle = filter.search?.trim().toLowerCase() ?? '';
  return (
    (!filter.type || filter.type.length === 0 || filter.type.includes(policy.type)) &&
    (!filter.status || filter.status === policy.status) &&
    (filter.builtIn === null || filter.builtIn === undefined || filter.builtIn === policy.builtIn) &&
    (needle === '' || policy.name.toLowerCase().includes(needle))
  );
}

/** E43 takes no filter: the list is reference data, so the gateway filters and pages it. */
export const policies: QueryResolvers['policies'] = async (_parent, { first, after, filter }, { loaders, config }) => {
  const all = await loaders.policies.policyList();
  return pageOfList(filter ? all.filter((policy) => matches(policy, filter)) : all, first, after, config.maxPageSize);
};

/** Default policies have negative ids; an id of another type is malformed input, not an unknown policy. */
export const policy: QueryResolvers['policy'] = (_parent, { id }, { loaders }) =>
  loaders.policies.policyByLegacyId(epmmNumericKey(id, 'Policy', ['id'], /^-?\d{1,15}$/));
