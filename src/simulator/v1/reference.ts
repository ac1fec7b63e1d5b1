// Operators (E23) and countries (E24), derived from the World's country table so that every device's
// `operatorId`/`countryId` resolves in these lists. Ids are positions in that fixed table, so they never depend on
// the seed.
import { COUNTRIES } from '../fleet/countries.js';
import type { SimDevice } from '../fleet/types.js';

export interface V1Country {
  countryId: number;
  countryName: string;
  /** The calling code (1, 44, …), which is what v1 calls the country code. */
  countryCode: number;
  isoAlpha2Code: string;
  enabledForRegistration: boolean;
}

export interface V1Operator {
  id: number;
  carrierShortName: string;
  carrierType: 'Mobile' | 'Fixed';
  countryCode: number;
  countryId: number;
  countryName: string;
  enabled: boolean;
}

/** `operator` of a device without a phone number ("PDA = no operator"); it has no operator record. */
export const PDA_OPERATOR = 'PDA';
export const PDA_OPERATOR_ID = 0;

const FIRST_COUNTRY_ID = 101;
const FIRST_OPERATOR_ID = 201;

export const V1_COUNTRIES: readonly V1Country[] = COUNTRIES.map((country, index) => ({
  countryId: FIRST_COUNTRY_ID + index,
  countryName: country.name,
  countryCode: Number(country.dialCode),
  isoAlpha2Code: country.code,
  enabledForRegistration: true,
}));

export const V1_OPERATORS: readonly V1Operator[] = COUNTRIES.flatMap((country, countryIndex) =>
  country.operators.map((operator) => ({
    carrierShortName: operator.name,
    carrierType: 'Mobile' as const,
    countryCode: Number(country.dialCode),
    countryId: FIRST_COUNTRY_ID + countryIndex,
    countryName: country.name,
    enabled: true,
  })),
).map((operator, index) => ({ id: FIRST_OPERATOR_ID + index, ...operator }));

const COUNTRY_BY_ISO = new Map(V1_COUNTRIES.map((country) => [country.isoAlpha2Code, country]));
const OPERATOR_BY_KEY = new Map(
  V1_OPERATORS.map((operator) => [`${operator.countryId}/${operator.carrierShortName}`, operator]),
);

export function v1CountryOf(device: SimDevice): V1Country | undefined {
  return COUNTRY_BY_ISO.get(device.homeCountryCode);
}

/** The device's operator record, or undefined for a device without a phone number. */
export function v1OperatorOf(device: SimDevice): V1Operator | undefined {
  if (device.phoneNumber === null) return undefined;
  const country = v1CountryOf(device);
  return country && OPERATOR_BY_KEY.get(`${country.countryId}/${device.homeOperatorName}`);
}
