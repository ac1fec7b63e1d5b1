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
import { isPortalPath } from './portal.js';

export const CSRF_HEADER = 'x-graphql-csrf';

/** POST bodies yoga parses that no HTML form can produce: a browser preflights a cross-site call sending one. */
const PREFLIGHTED_MEDIA_TYPES: ReadonlySet<string> = new Set([
  'application/json',
  'application/graphql+json',
  'application/graphql',
]);

/**
 * The refusal names the header and the one shape that passes without it, so a client author can fix the request
 * from the message alone; it opens as yoga's own refusal does ("Required CSRF header(s) not present"), which
 * client code and searches already know. The media types are the set above.
 */
const [JSON_TYPE, ...OTHER_TYPES] = PREFLIGHTED_MEDIA_TYPES;
export const CSRF_MESSAGE =
  `Required CSRF header "${CSRF_HEADER}" not present: send it (any value) with GET (the CSV export included), ` +
  `form and other requests, or POST with Content-Type: ${JSON_TYPE} (or ${OTHER_TYPES.join(', ')}).`;

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
      // The portal's page and bundle, like GraphiQL's: no fleet data (the embedded default's page carries the
      // simulator admin's header, as GraphiQL's does, which no other site can read); its requests carry the header.
      if (safeMethod && isPortalPath(url.pathname)) return;
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
