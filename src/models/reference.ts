// Registration reference data (v1 countries and operators) as resolvers see it.
import type { V1CountriesResponse, V1OperatorsResponse } from '../upstream/epmm/v1-dto.js';

export interface CountryModel {
  name: string;
  callingCode: number;
  isoAlpha2Code: string | null;
  enabledForRegistration: boolean;
}

export interface OperatorModel {
  id: number;
  name: string;
  carrierType: string | null;
  countryName: string | null;
  countryCallingCode: number | null;
  enabled: boolean;
}

export function epmmCountryToModel(country: V1CountriesResponse['countries'][number]): CountryModel {
  return {
    name: country.countryName,
    callingCode: country.countryCode,
    isoAlpha2Code: country.isoAlpha2Code ?? null,
    // EPMM sends 1/0; absent means EPMM did not say, which registration treats as not enabled.
    enabledForRegistration: country.enabledForRegistration === 1,
  };
}

export function epmmOperatorToModel(operator: V1OperatorsResponse['operators'][number]): OperatorModel {
  return {
    id: operator.id,
    name: operator.carrierShortName,
    carrierType: operator.carrierType ?? null,
    countryName: operator.countryName ?? null,
    countryCallingCode: operator.countryCode ?? null,
    enabled: operator.enabled ?? false,
  };
}
