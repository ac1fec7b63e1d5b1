// CSRF prevention for every route except a few read-only operational ones. A browser sends a cross-site request
// without asking the server first (a CORS preflight) only when it is "simple": GET, HEAD or POST, no custom header,
// and for POST a Content-Type of application/x-www-form-urlencoded, multipart/form-data or text/plain (an HTML
// form, an <img>, a beacon). Such a request can still carry credentials the browser remembers. The gateway grants
// no preflight (CORS is off, src/server.ts), so it lets through only what a browser cannot send cross-site without
// one: a POST whose media type is JSON or GraphQL, or any request carrying the `x-graphql-csrf` header. The check
// runs in onRequest, before body parsing, authentication and any upstream call. Why: docs/decisions.md.
import type { Plugin } from 'graphql-yoga';
import { httpStatusOf } from '../errors.js';
import { GRAPHIQL_ASSET_PREFIX } from '../graphiql/assets.js';

export const CSRF_HEADER = 'x-graphql-csrf';

export const CSRF_MESSAGE =
  'Cross-site request refused (CSRF prevention): send a POST with Content-Type: application/json, ' +
  `or the ${CSRF_HEADER} header (any value) with any other request, such as a GET.`;

/** POST bodies yoga parses that no HTML form can produce: a browser preflights a cross-site call sending one. */
const PREFLIGHTED_MEDIA_TYPES: ReadonlySet<string> = new Set([
  'application/json',
  'application/graphql+json',
  'application/graphql',
]);

/** Read-only, data-free routes a browser (or a probe) may GET without the header. GraphiQL's page is answered by
 * yoga before this plugin runs; its requests are JSON POSTs. */
const OPEN_PATHS: ReadonlySet<string> = new Set(['/health', '/ready', '/metrics']);

/** The media type of a Content-Type: before any parameter, trimmed, lower case ("Text/Plain; x" -> "text/plain"). */
export function mediaType(contentType: string | null): string | undefined {
  if (contentType === null) return undefined;
  return contentType.split(';', 1)[0].trim().toLowerCase();
}

/** Whether a browser could only have sent this request after a CORS preflight (which the gateway never grants). */
export function needsPreflight(request: Request): boolean {
  // get, not has: the Node adapter's has() is false for an empty value, still a header a browser must ask to send.
  if (request.headers.get(CSRF_HEADER) !== null) return true;
  const type = mediaType(request.headers.get('content-type'));
  return request.method === 'POST' && type !== undefined && PREFLIGHTED_MEDIA_TYPES.has(type);
}

export function useCsrfPrevention(): Plugin {
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      // Deny by default, so that a route added later is covered without anyone remembering to list it.
      const safeMethod = request.method === 'GET' || request.method === 'HEAD';
      if (safeMethod && (OPEN_PATHS.has(url.pathname) || url.pathname.startsWith(GRAPHIQL_ASSET_PREFIX))) return;
      if (needsPreflight(request)) return;
      const body = JSON.stringify({ errors: [{ message: CSRF_MESSAGE, extensions: { code: 'FORBIDDEN' } }] });
      endResponse(
        new fetchAPI.Response(body, {
          status: httpStatusOf('FORBIDDEN'),
          headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
        }),
      );
    },
  };
}
