// Home countries of the generated fleet, with the carrier and language data a device registered there carries.
// Operator names follow the documents' style ("AT&T"); MCC/MNC pairs make IMSIs and ICCIDs look right.

export interface Operator {
  name: string;
  /** Mobile country code + mobile network code, the first 5-6 digits of an IMSI. */
  mccMnc: string;
}

export interface Country {
  code: string;
  name: string;
  /** E.164 country calling code without "+". */
  dialCode: string;
  language: string;
  locale: string;
  operators: readonly Operator[];
  /** Relative share of the fleet registered in this country. */
  weight: number;
}

export const COUNTRIES: readonly Country[] = [
  {
    code: 'GB',
    name: 'United Kingdom',
    dialCode: '44',
    language: 'English',
    locale: 'en-GB',
    weight: 9,
    operators: [
      { name: 'Vodafone UK', mccMnc: '23415' },
      { name: 'EE', mccMnc: '23430' },
      { name: 'O2 - UK', mccMnc: '23410' },
      { name: 'Three', mccMnc: '23420' },
    ],
  },
  {
    code: 'DE',
    name: 'Germany',
    dialCode: '49',
    language: 'German',
    locale: 'de-DE',
    weight: 8,
    operators: [
      { name: 'Telekom.de', mccMnc: '26201' },
      { name: 'Vodafone.de', mccMnc: '26202' },
      { name: 'o2 - de', mccMnc: '26203' },
    ],
  },
  {
    code: 'FR',
    name: 'France',
    dialCode: '33',
    language: 'French',
    locale: 'fr-FR',
    weight: 6,
    operators: [
      { name: 'Orange F', mccMnc: '20801' },
      { name: 'SFR', mccMnc: '20810' },
      { name: 'Bouygues Telecom', mccMnc: '20820' },
    ],
  },
  {
    code: 'NL',
    name: 'Netherlands',
    dialCode: '31',
    language: 'Dutch',
    locale: 'nl-NL',
    weight: 3,
    operators: [
      { name: 'KPN', mccMnc: '20408' },
      { name: 'Vodafone NL', mccMnc: '20404' },
      { name: 'T-Mobile NL', mccMnc: '20416' },
    ],
  },
  {
    code: 'ES',
    name: 'Spain',
    dialCode: '34',
    language: 'Spanish',
    locale: 'es-ES',
    weight: 4,
    operators: [
      { name: 'Movistar', mccMnc: '21407' },
      { name: 'Vodafone ES', mccMnc: '21401' },
      { name: 'Orange', mccMnc: '21403' },
    ],
  },
  {
    code: 'IT',
    name: 'Italy',
    dialCode: '39',
    language: 'Italian',
    locale: 'it-IT',
    weight: 4,
    operators: [
      { name: 'TIM', mccMnc: '22201' },
      { name: 'Vodafone IT', mccMnc: '22210' },
      { name: 'WINDTRE', mccMnc: '22288' },
    ],
  },
  {
    code: 'SE',
    name: 'Sweden',
    dialCode: '46',
    language: 'Swedish',
    locale: 'sv-SE',
    weight: 2,
    operators: [
      { name: 'Telia', mccMnc: '24001' },
      { name: 'Tele2', mccMnc: '24007' },
      { name: 'Telenor SE', mccMnc: '24008' },
    ],
  },
  {
    code: 'US',
    name: 'United States',
    dialCode: '1',
    language: 'English',
    locale: 'en-US',
    weight: 30,
    operators: [
      { name: 'AT&T', mccMnc: '310410' },
      { name: 'Verizon Wireless', mccMnc: '311480' },
      { name: 'T-Mobile', mccMnc: '310260' },
    ],
  },
  {
    code: 'CA',
    name: 'Canada',
    dialCode: '1',
    language: 'English',
    locale: 'en-CA',
    weight: 5,
    operators: [
      { name: 'Rogers', mccMnc: '302720' },
      { name: 'Bell', mccMnc: '302610' },
      { name: 'TELUS', mccMnc: '302220' },
    ],
  },
  {
    code: 'BR',
    name: 'Brazil',
    dialCode: '55',
    language: 'Portuguese',
    locale: 'pt-BR',
    weight: 4,
    operators: [
      { name: 'Vivo', mccMnc: '72406' },
      { name: 'Claro', mccMnc: '72405' },
      { name: 'TIM Brasil', mccMnc: '72402' },
    ],
  },
  {
    code: 'MX',
    name: 'Mexico',
    dialCode: '52',
    language: 'Spanish',
    locale: 'es-MX',
    weight: 3,
    operators: [
      { name: 'Telcel', mccMnc: '334020' },
      { name: 'AT&T Mexico', mccMnc: '334090' },
      { name: 'Movistar MX', mccMnc: '334030' },
    ],
  },
  {
    code: 'JP',
    name: 'Japan',
    dialCode: '81',
    language: 'Japanese',
    locale: 'ja-JP',
    weight: 6,
    operators: [
      { name: 'NTT DOCOMO', mccMnc: '44010' },
      { name: 'SoftBank', mccMnc: '44020' },
      { name: 'KDDI', mccMnc: '44051' },
    ],
  },
  {
    code: 'AU',
    name: 'Australia',
    dialCode: '61',
    language: 'English',
    locale: 'en-AU',
    weight: 5,
    operators: [
      { name: 'Telstra', mccMnc: '50501' },
      { name: 'Optus', mccMnc: '50502' },
      { name: 'Vodafone AU', mccMnc: '50503' },
    ],
  },
  {
    code: 'SG',
    name: 'Singapore',
    dialCode: '65',
    language: 'English',
    locale: 'en-SG',
    weight: 3,
    operators: [
      { name: 'Singtel', mccMnc: '52501' },
      { name: 'StarHub', mccMnc: '52505' },
      { name: 'M1', mccMnc: '52503' },
    ],
  },
  {
    code: 'IN',
    name: 'India',
    dialCode: '91',
    language: 'English',
    locale: 'en-IN',
    weight: 8,
    operators: [
      { name: 'Airtel', mccMnc: '40410' },
      { name: 'Vi India', mccMnc: '40420' },
      { name: 'Jio', mccMnc: '405854' },
    ],
  },
];

export const COUNTRY_WEIGHTS: readonly (readonly [Country, number])[] = COUNTRIES.map(
  (country) => [country, country.weight] as const,
);

export const COUNTRY_BY_CODE: ReadonlyMap<string, Country> = new Map(
  COUNTRIES.map((country) => [country.code, country]),
);
