// Building blocks for the v1 device-management routes: the `dm` root, its error body and the role every v1 call needs.
import type { HandlerResult, RouteDefinition } from '../http/route.js';
import { v1Body, v1ErrorBodyFor, V1_ROLES, V1_ROOT, type V1Object } from './json.js';

/** Fields every `dm/*` route shares: the v1 roles and errors in the `deviceManagementWebServiceResponse` shape. */
export const DM_ROUTE = { roles: V1_ROLES, errorBody: v1ErrorBodyFor(V1_ROOT.dm) } satisfies Partial<RouteDefinition>;

export function dmOk(content: V1Object): HandlerResult {
  return { status: 200, body: v1Body(V1_ROOT.dm, content) };
}

/** The OpenAPI description of a `dm/*` JSON response. */
export function dmResponse(description: string, example?: V1Object): RouteDefinition['response'] {
  return {
    status: 200,
    contentType: 'application/json',
    description,
    ...(example ? { example: v1Body(V1_ROOT.dm, example) } : {}),
  };
}
