// Hostile operations are refused at validation time, before any upstream call.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { basicAuthorization } from '../../src/auth/credentials.js';
import { startStack, type Stack } from '../helpers/stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ devices: 60, env: { MAX_DEPTH: '4', MAX_ALIASES: '5', MAX_COST: '3000' } });
  await stack.gql('{ viewer { name } }'); // prove the credentials once, so counts below are the operation's own
});
afterAll(() => stack.close());
beforeEach(() => stack.resetUpstreamStats());

async function refused(query: string, pattern: RegExp): Promise<void> {
  const response = await stack.gql(query);
  expect(response.data).toBeUndefined();
  expect(response.errors?.[0].message).toMatch(pattern);
  expect((await stack.upstreamStats()).total).toBe(0);
}

describe('GraphQL limits', () => {
  it('refuses a deep query', async () => {
    await refused('{ devices(first: 1) { edges { node { user { principal } } } } }', /depth/i);
    expect((await stack.gql('{ devices(first: 1) { nodes { user { principal } } } }')).errors).toBeUndefined();
  });

  it('refuses too many aliases', async () => {
    await refused(`{ ${Array.from({ length: 6 }, (_, i) => `a${i}: viewer { name }`).join(' ')} }`, /aliases/i);
  });

  it('refuses a wide query whose list sizes multiply past the cost limit', async () => {
    await refused(
      '{ devices(first: 200) { nodes { uuid model platform osVersion status compliant ' +
        'user { principal displayName email firstName lastName } details { name value } } } }',
      /estimated cost exceeds the limit of 3000 \(\d+ counted/,
    );
    const response = await stack.gql('{ devices(first: 200) { nodes { uuid model } } }');
    expect(response.errors).toBeUndefined();
  });

  it('suggests names where introspection is on: the schema is public there', async () => {
    const response = await stack.gql('{ devicez { totalCount } }');
    expect(response.errors?.[0].message).toBe(
      'Cannot query field "devicez" on type "Query". Did you mean "device" or "devices"?',
    );
  });

  it('refuses a GET without a CSRF-prevention header', async () => {
    const url = `${stack.gatewayUrl}/graphql?query=${encodeURIComponent('{ viewer { name } }')}`;
    const headers = { authorization: basicAuthorization('miadmin', 'miadmin'), accept: 'application/json' };
    expect((await fetch(url, { headers })).status).toBe(403);
    expect((await fetch(url, { headers: { ...headers, 'x-graphql-csrf': '1' } })).status).toBe(200);
  });

  it('keeps introspection on for the embedded simulator', async () => {
    expect((await stack.gql('{ __schema { queryType { name } } }')).data).toEqual({
      __schema: { queryType: { name: 'Query' } },
    });
  });
});

describe('introspection in production mode', () => {
  let production: Stack;
  beforeAll(async () => {
    production = await startStack({ devices: 20, env: { INTROSPECTION: 'false' } });
  });
  afterAll(() => production.close());

  it('is refused when configured off', async () => {
    const response = await production.gql('{ __schema { queryType { name } } }');
    expect(response.errors?.[0].message).toMatch(/introspection/i);
  });

  // Each kind of suggestion graphql-js makes: field, argument, enum value (literal and variable), input field.
  const hidden: Array<[string, string, Record<string, unknown> | undefined, string]> = [
    ['a field', '{ devicez { totalCount } }', undefined, 'Cannot query field "devicez" on type "Query".'],
    [
      'an argument',
      '{ devices(firs: 1) { totalCount } }',
      undefined,
      'Unknown argument "firs" on field "Query.devices".',
    ],
    [
      'an enum value in a literal',
      '{ devices(first: 1, filter: { platform: [ios] }) { totalCount } }',
      undefined,
      'Value "ios" does not exist in "Platform" enum.',
    ],
    [
      'an enum value in a variable',
      'query Q($f: DeviceFilter) { devices(first: 1, filter: $f) { totalCount } }',
      { f: { platform: ['ios'] } },
      'Variable "$f" got invalid value "ios" at "f.platform[0]"; Value "ios" does not exist in "Platform" enum.',
    ],
    [
      'an input field in a variable',
      'query Q($f: DeviceFilter) { devices(first: 1, filter: $f) { totalCount } }',
      { f: { complaint: true } },
      'Variable "$f" got invalid value { complaint: true }; Field "complaint" is not defined by type "DeviceFilter".',
    ],
  ];
  it.each(hidden)('hides the suggestion of %s', async (_kind, query, variables, message) => {
    const response = await production.gql(query, variables);
    expect(response.errors?.map((error) => error.message)).toEqual([message]);
  });

  it("hides it in the CSV export's filter too, and shows it where introspection is on", async () => {
    const exportWith = async (gatewayUrl: string) => {
      const filter = encodeURIComponent(JSON.stringify({ platform: ['ios'] }));
      const response = await fetch(`${gatewayUrl}/export/devices.csv?filter=${filter}`, {
        headers: { 'x-graphql-csrf': '1', authorization: basicAuthorization('miadmin', 'miadmin') },
      });
      expect(response.status).toBe(400);
      return response.text();
    };
    const hiddenAnswer = await exportWith(production.gatewayUrl);
    expect(hiddenAnswer).toContain('Value \\"ios\\" does not exist in \\"Platform\\" enum.');
    expect(hiddenAnswer).not.toContain('Did you mean');
    expect(await exportWith(stack.gatewayUrl)).toContain('Did you mean the enum value');
  });
});
