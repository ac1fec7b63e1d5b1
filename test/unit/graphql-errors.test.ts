// The one mapping of a GatewayError to GraphQL (src/plugins/graphql-errors.ts), alone and through yoga, with
// graphql-js and with graphql-jit executing (docs/decisions.md "One error model").
import { useGraphQlJit } from '@envelop/graphql-jit';
import { GraphQLError, locatedError, parse } from 'graphql';
import { createSchema, createYoga, type Plugin } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { GatewayError, gatewayErrorOf, graphqlHttpStatusOf, httpStatusOf } from '../../src/errors.js';
import { maskError, toGraphQLError } from '../../src/plugins/graphql-errors.js';

describe('toGraphQLError and maskError', () => {
  it('maps a wrapped GatewayError to its message, the wrapper position and typed extensions', () => {
    const error = new GatewayError('BAD_USER_INPUT', 'Name at least one item.', { field: ['input', 'ids'] });
    const document = parse('mutation { lockDevices(input: {}) { status } }');
    const wrapper = locatedError(error, [document.definitions[0]], ['lockDevices']);
    const mapped = maskError(wrapper, 'Unexpected error.', false);
    expect(mapped).toBeInstanceOf(GraphQLError);
    expect((mapped as GraphQLError).toJSON()).toEqual({
      message: 'Name at least one item.',
      locations: [{ line: 1, column: 1 }],
      path: ['lockDevices'],
      extensions: { code: 'BAD_USER_INPUT', field: ['input', 'ids'] },
    });
    // No originalError: yoga would count the error as unexpected.
    expect((mapped as GraphQLError).originalError).toBeUndefined();
  });

  it('adds http.status when the code fails the whole request, and every detail under its own name', () => {
    expect(toGraphQLError(new GatewayError('UNAUTHENTICATED', 'Send credentials.')).extensions).toEqual({
      code: 'UNAUTHENTICATED',
      http: { status: 401 },
    });
    const details = { field: ['input', 'idempotencyKey'], retryAfter: '1' };
    expect(toGraphQLError(new GatewayError('RATE_LIMITED', 'Slow down.', details)).extensions).toEqual({
      code: 'RATE_LIMITED',
      ...details,
    });
    const key = 'com.mobileiron.vsp.messages.x';
    const refused = new GatewayError('NOT_FOUND', 'Gone.', { upstreamMessageKey: key });
    expect(toGraphQLError(refused).extensions).toEqual({ code: 'NOT_FOUND', upstreamMessageKey: key });
  });

  it("masks anything else as yoga does, and passes GraphQL's own errors through", () => {
    const wrapped = locatedError(new TypeError('secret upstream body'), undefined, ['devices']);
    const masked = maskError(wrapped, 'Unexpected error.', false);
    expect(masked.message).toBe('Unexpected error.');
    expect((masked as GraphQLError).extensions).toMatchObject({ code: 'INTERNAL_SERVER_ERROR' });
    expect(maskError(new Error('boom'), 'Unexpected error.', false).message).toBe('Unexpected error.');
    const validation = new GraphQLError('Cannot query field "x" on type "Query".');
    expect(maskError(validation, 'Unexpected error.', false)).toBe(validation);
  });

  it('finds the GatewayError behind wrappers, and one status table serves both paths', () => {
    const error = new GatewayError('FORBIDDEN', 'No.');
    expect(gatewayErrorOf(locatedError(error, undefined, ['a']))).toBe(error);
    expect(gatewayErrorOf(new Error('x'))).toBeUndefined();
    expect(httpStatusOf('FORBIDDEN')).toBe(403);
    expect(httpStatusOf('UPSTREAM_TIMEOUT')).toBe(504);
    expect(graphqlHttpStatusOf('FORBIDDEN')).toBeUndefined();
    expect(graphqlHttpStatusOf('UNAUTHENTICATED')).toBe(401);
  });
});

describe('through yoga', () => {
  const schema = createSchema({
    typeDefs: 'type Query { device(uuid: String!): String, broken: String }',
    resolvers: {
      Query: {
        device: () => {
          throw new GatewayError('BAD_USER_INPUT', '`uuid` must be a device UUID.', { field: ['uuid'] });
        },
        broken: () => {
          throw new Error('secret');
        },
      },
    },
  });
  const yogaWith = (plugins: Plugin[]) =>
    createYoga({
      schema,
      plugins,
      logging: false,
      maskedErrors: { maskError },
      context: ({ request }) => {
        if (!request.headers.get('authorization')) throw new GatewayError('UNAUTHENTICATED', 'Send credentials.');
        return {};
      },
    });
  const post = async (yoga: ReturnType<typeof yogaWith>, query: string, authorization = 'Basic x') => {
    const response = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify({ query }),
    });
    return { status: response.status, body: (await response.json()) as { errors?: Array<Record<string, unknown>> } };
  };

  // graphql-jit reports no locations (its wrapper has none, before or after the mapping).
  const engines: [string, Plugin[], { locations?: { line: number; column: number }[] }][] = [
    ['graphql-js', [], { locations: [{ line: 1, column: 3 }] }],
    ['graphql-jit', [useGraphQlJit() as Plugin], {}],
  ];
  for (const [name, plugins, at] of engines) {
    it(`answers a resolver's GatewayError with code, array field, location and path (${name})`, async () => {
      const yoga = yogaWith([...plugins]);
      const { status, body } = await post(yoga, '{ device(uuid: "x") broken }');
      expect(status).toBe(200);
      expect(body.errors).toEqual(
        expect.arrayContaining([
          {
            message: '`uuid` must be a device UUID.',
            ...at,
            path: ['device'],
            extensions: { code: 'BAD_USER_INPUT', field: ['uuid'] },
          },
          expect.objectContaining({ message: 'Unexpected error.', path: ['broken'] }),
        ]),
      );
    });

    it(`answers a context's UNAUTHENTICATED with 401 (${name})`, async () => {
      const { status, body } = await post(yogaWith([...plugins]), '{ broken }', '');
      expect(status).toBe(401);
      expect(body.errors).toEqual([{ message: 'Send credentials.', extensions: { code: 'UNAUTHENTICATED' } }]);
    });
  }
});
