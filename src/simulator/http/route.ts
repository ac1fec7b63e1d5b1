// A simulated endpoint is data first: its method, path, required role and typed parameters. The same
// definition validates requests here and (later) describes the API as OpenAPI, so the two cannot drift.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AdminRole, SimAdmin, World } from '../fleet/types.js';

export interface ParamSpec {
  type: 'integer' | 'string' | 'boolean' | 'list';
  required?: boolean;
  min?: number;
  max?: number;
  /** For strings: maximum characters. For lists: maximum characters of each item. */
  maxLength?: number;
  /** For lists (comma-separated). */
  maxItems?: number;
  description: string;
  /** The document's own words for a range violation, reproduced in the error message. */
  rangeMessage?: string;
}

export type ParamValues = Record<string, string | number | boolean | string[] | undefined>;

export interface RequestContext {
  world: World;
  admin: SimAdmin;
  params: Record<string, string>;
  query: ParamValues;
  /** The raw query string values, for endpoints with undocumented extras. */
  rawQuery: URLSearchParams;
  body: unknown;
  now: number;
}

export interface HandlerResult {
  status: number;
  /** JSON-serialisable body, or a string for non-JSON responses. */
  body: unknown;
  contentType?: string;
  headers?: Record<string, string>;
}

export interface RouteDefinition {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Express-style pattern, e.g. `/api/v2/devices/:uuid/details`. */
  path: string;
  summary: string;
  /** Roles of which the caller needs at least one (the documents' "Required Role"). */
  roles: AdminRole[];
  query?: Record<string, ParamSpec>;
  /** Alternative paths the documents' samples use for the same endpoint (counted under `path`). */
  aliases?: string[];
  /** The catalogue id(s) of the endpoint, e.g. `V01` or `E13`: the key of docs/upstream-coverage.md. */
  catalogueIds: string[];
  /** Request body, for the OpenAPI description (handlers validate bodies themselves). */
  requestBody?: { contentTypes: string[]; description: string; example?: unknown };
  /** Main success response, for the OpenAPI description. */
  response?: { status: number; contentType: string; description: string; example?: unknown };
  /** Builds this API's error body; EPMM's `messages` envelope when absent. */
  errorBody?: (messageKey: string, message: string) => unknown;
  handle(ctx: RequestContext): HandlerResult | Promise<HandlerResult>;
}

export type RawHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;
