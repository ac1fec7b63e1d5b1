import type { QueryResolvers } from '../../generated/resolvers-types.js';

export const countries: NonNullable<QueryResolvers['countries']> = async (_, { enabledForRegistration }, { loaders }) =>
  (await loaders.reference.countries()).filter(
    (country) => enabledForRegistration == null || country.enabledForRegistration === enabledForRegistration,
  );

export const operators: NonNullable<QueryResolvers['operators']> = async (
  _,
  { countryCallingCode, enabled },
  { loaders },
) =>
  (await loaders.reference.operators()).filter(
    (operator) =>
      (countryCallingCode == null || operator.countryCallingCode === countryCallingCode) &&
      (enabled == null || operator.enabled === enabled),
  );
