// Registration reference data: countries and operators from EPMM v1, one call each, then served from the cache.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../helpers/stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ devices: 20, seed: 41 });
});
afterAll(() => stack.close());

interface ReferenceData {
  countries: Array<{
    name: string;
    callingCode: number;
    isoAlpha2Code: string | null;
    enabledForRegistration: boolean;
  }>;
  operators: Array<{ id: number; name: string; countryCallingCode: number | null; enabled: boolean }>;
}

const QUERY =
  '{ countries { name callingCode isoAlpha2Code enabledForRegistration } operators { id name countryCallingCode enabled } }';

describe('countries and operators', () => {
  it('lists them with one v1 call each, and none while cached', async () => {
    await stack.gql('{ viewer { name } }');
    await stack.resetUpstreamStats();
    const cold = await stack.gql<ReferenceData>(QUERY);
    expect(cold.errors).toBeUndefined();
    expect(cold.data!.countries.length).toBeGreaterThan(0);
    expect(cold.data!.operators.length).toBeGreaterThan(0);
    const stats = await stack.upstreamStats();
    expect(stats.byRoute).toEqual({ 'GET /api/v1/dm/countries': 1, 'GET /api/v1/dm/operators': 1 });
    await stack.resetUpstreamStats();
    const warm = await stack.gql<ReferenceData>(QUERY);
    expect(warm.data).toEqual(cold.data);
    expect((await stack.upstreamStats()).total).toBe(0);
  });

  it('filters operators by country and countries by registration flag in the gateway', async () => {
    const all = (await stack.gql<ReferenceData>(QUERY)).data!;
    const code = all.operators.find((operator) => operator.countryCallingCode !== null)!.countryCallingCode!;
    const some = await stack.gql<Pick<ReferenceData, 'operators'>>(
      'query($code: Int) { operators(countryCallingCode: $code) { id countryCallingCode } }',
      { code },
    );
    expect(some.data!.operators.length).toBe(
      all.operators.filter((operator) => operator.countryCallingCode === code).length,
    );
    expect(some.data!.operators.every((operator) => operator.countryCallingCode === code)).toBe(true);
    const enabled = await stack.gql<Pick<ReferenceData, 'countries'>>(
      '{ countries(enabledForRegistration: true) { name enabledForRegistration } }',
    );
    expect(enabled.data!.countries.length).toBe(
      all.countries.filter((country) => country.enabledForRegistration).length,
    );
  });
});
