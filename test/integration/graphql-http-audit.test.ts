// The graphql-http server audits (the GraphQL-over-HTTP spec), every one strictly `ok`.
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuthorization } from '../../src/auth/credentials.js';
import { startStack, type Stack } from '../helpers/stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ devices: 50 });
});
afterAll(() => stack.close());

// The audits send anonymous requests; the gateway answers those 401 by design, so each audit request
// carries an administrator's credentials, and the CSRF-prevention header a real client sends with GETs.
const authenticatedFetch: typeof fetch = (input, init) => {
  const headers = new Headers(init?.headers);
  headers.set('authorization', basicAuthorization('miadmin', 'miadmin'));
  headers.set('x-graphql-csrf', '1');
  return fetch(input, { ...init, headers });
};

describe('graphql-http audits', () => {
  const audits = serverAudits({ url: () => `${stack.gatewayUrl}/graphql`, fetchFn: authenticatedFetch });
  it('runs all of them', () => {
    expect(audits.length).toBeGreaterThan(50);
  });
  for (const audit of audits) {
    it(audit.name, async () => {
      const result = await audit.fn();
      expect({ status: result.status, reason: result.status === 'ok' ? undefined : result.reason }).toEqual({
        status: 'ok',
        reason: undefined,
      });
    });
  }
});
