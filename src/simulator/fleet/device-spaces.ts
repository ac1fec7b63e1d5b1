import type { SimDeviceSpace } from './types.js';
import { COUNTRIES } from './countries.js';

// Global plus one child space per region. Children are defined by home country, like the documents'
// "UK Devices" space (`"common.home_country_code" =  "GB"`), so each device lands in exactly one child.

const REGIONS: readonly { id: number; name: string; description: string; countryCodes: readonly string[] }[] = [
  {
    id: 2,
    name: 'EMEA',
    description: 'Europe, Middle East and Africa',
    countryCodes: ['GB', 'DE', 'FR', 'NL', 'ES', 'IT', 'SE'],
  },
  { id: 3, name: 'Americas', description: 'North and South America', countryCodes: ['US', 'CA', 'BR', 'MX'] },
  { id: 4, name: 'APAC', description: 'Asia Pacific', countryCodes: ['JP', 'AU', 'SG', 'IN'] },
];

export const GLOBAL_SPACE_ID = 1;

function countryCriteria(codes: readonly string[]): string {
  return codes.map((code) => `"common.home_country_code" = "${code}"`).join(' OR ');
}

export function buildDeviceSpaces(): SimDeviceSpace[] {
  const global: SimDeviceSpace = {
    id: GLOBAL_SPACE_ID,
    name: 'Global',
    description: null, // as in the DS01 sample
    parentId: null,
    path: `/${GLOBAL_SPACE_ID}/`,
    priority: 1,
    criteria: '',
    countryCodes: COUNTRIES.map((country) => country.code),
    status: 'ACTIVE',
  };
  const children = REGIONS.map(
    (region, index): SimDeviceSpace => ({
      id: region.id,
      name: region.name,
      description: region.description,
      parentId: GLOBAL_SPACE_ID,
      path: `/${GLOBAL_SPACE_ID}/${region.id}/`,
      priority: index + 2,
      criteria: countryCriteria(region.countryCodes),
      countryCodes: [...region.countryCodes],
      status: 'ACTIVE',
    }),
  );
  return [global, ...children];
}

/** Maps a home country to the child space that holds it; built once per world. */
export function spaceIdByCountry(spaces: readonly SimDeviceSpace[]): ReadonlyMap<string, number> {
  const byCountry = new Map<string, number>();
  for (const space of spaces) {
    if (space.parentId === null) continue;
    for (const code of space.countryCodes) byCountry.set(code, space.id);
  }
  return byCountry;
}
