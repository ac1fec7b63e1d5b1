// An OpenAPI 3.1 description of everything the simulator serves, produced from the same route definitions
// that validate requests, so it cannot drift from the behaviour. Nothing public describes these APIs in a
// machine-readable way.
import type { ParamSpec, RouteDefinition } from './http/route.js';

type JsonObject = Record<string, unknown>;

export function buildOpenApi(routes: readonly RouteDefinition[]): JsonObject {
  const paths: Record<string, Record<string, JsonObject>> = {};
  const sorted = [...routes].sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
  for (const route of sorted) {
    const path = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'mdmgraph simulator: Ivanti EPMM and Neurons for MDM',
      version: '1',
      description:
        'The REST endpoints of the Ivanti documents, as the mdmgraph simulator serves them (Neurons for MDM under /neurons). Generated from the simulator route table.',
    },
    components: { securitySchemes: { basic: { type: 'http', scheme: 'basic' } } },
    security: [{ basic: [] }],
    paths,
  };
}

function operation(route: RouteDefinition): JsonObject {
  const pathParams = [...route.path.matchAll(/:([A-Za-z]+)/g)].map((match) => ({
    name: match[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const queryParams = Object.entries(route.query ?? {}).map(([name, spec]) => ({
    name,
    in: 'query',
    required: spec.required === true,
    description: spec.description,
    schema: paramSchema(spec),
    ...(spec.type === 'list' ? { style: 'form', explode: false } : {}),
  }));
  const success = route.response ?? { status: 200, contentType: 'application/json', description: 'Success' };
  return {
    operationId: `${route.method.toLowerCase()}${route.path.replace(/[^A-Za-z0-9]+(.)?/g, (_, char: string | undefined) => (char ? char.toUpperCase() : ''))}`,
    summary: route.summary,
    'x-catalogue-ids': route.catalogueIds,
    'x-required-roles': route.roles,
    ...(route.aliases?.length ? { 'x-aliases': route.aliases } : {}),
    parameters: [...pathParams, ...queryParams],
    ...(route.requestBody
      ? {
          requestBody: {
            description: route.requestBody.description,
            content: Object.fromEntries(
              route.requestBody.contentTypes.map((type) => [
                type,
                route.requestBody?.example === undefined ? {} : { example: route.requestBody.example },
              ]),
            ),
          },
        }
      : {}),
    responses: {
      [String(success.status)]: {
        description: success.description,
        content: { [success.contentType]: success.example === undefined ? {} : { example: success.example } },
      },
      '400': { description: 'Invalid parameters (EPMM `messages` envelope, or `{errors, result}` for Neurons)' },
      '401': { description: 'Bad or missing credentials' },
      '403': { description: 'The administrator lacks the required role or device space' },
    },
  };
}

function paramSchema(spec: ParamSpec): JsonObject {
  switch (spec.type) {
    case 'integer':
      return {
        type: 'integer',
        ...(spec.min !== undefined ? { minimum: spec.min } : {}),
        ...(spec.max !== undefined ? { maximum: spec.max } : {}),
      };
    case 'boolean':
      return { type: 'boolean' };
    case 'string':
      return { type: 'string', ...(spec.maxLength !== undefined ? { maxLength: spec.maxLength } : {}) };
    case 'list':
      return {
        type: 'array',
        items: { type: 'string', ...(spec.maxLength !== undefined ? { maxLength: spec.maxLength } : {}) },
        ...(spec.min !== undefined ? { minItems: spec.min } : {}),
        ...(spec.maxItems !== undefined ? { maxItems: spec.maxItems } : {}),
      };
  }
}
