import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuthorization } from '../../src/auth/credentials.js';
import { startStack, type Stack } from '../helpers/stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ devices: 10, env: { MAX_BODY_BYTES: '2048' } });
});
afterAll(() => stack.close());

describe('request body limit', () => {
  it('refuses an oversize body with 413 before any upstream call', async () => {
    await stack.resetUpstreamStats();
    const query = `{ viewer { name } } # ${'x'.repeat(4000)}`;
    const response = await fetch(`${stack.gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: basicAuthorization('miadmin', 'miadmin') },
      body: JSON.stringify({ query }),
    });
    expect(response.status).toBe(413);
    expect((await stack.upstreamStats()).total).toBe(0);
  });

  it('accepts a body within the limit', async () => {
    expect((await stack.gql('{ viewer { name } }')).data).toEqual({ viewer: { name: 'miadmin' } });
  });
});
