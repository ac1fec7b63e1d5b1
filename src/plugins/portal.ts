// Serves the reference portal (examples/portal, built into dist/portal by scripts/build-portal.mjs) at /portal/,
// same-origin with /graphql, so its requests need no CORS. When and why it is served: docs/decisions.md "The
// reference portal". Files are read at each request: they are small, and a rebuild under `npm run dev` shows on
// the next reload.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Plugin } from 'graphql-yoga';
import { portalPage } from './portal-page.js';

export const PORTAL_PATH = '/portal';

/** The bundle's files by name (a fixed list: no request names a path on disk), with their media types. */
const ASSETS: Readonly<Record<string, string>> = {
  'app.js': 'text/javascript; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
  'app.js.map': 'application/json; charset=utf-8',
  'app.css.map': 'application/json; charset=utf-8',
};

/**
 * The page runs scripts and styles from this origin only and talks to this origin only; it may not be framed.
 * It may carry credentials (the embedded default), so no cache keeps it and no Referer leaves it.
 */
const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; " +
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
};

/** The paths the portal answers: GET without the CSRF header, as GraphiQL's page and assets (src/plugins/csrf.ts). */
export function isPortalPath(pathname: string): boolean {
  return pathname === PORTAL_PATH || pathname.startsWith(`${PORTAL_PATH}/`);
}

export interface PortalOptions {
  /** The built bundle: dist/portal. */
  directory: string;
  /** The Authorization header the page opens with: only where GraphiQL is signed in too (src/main.ts). */
  authorization?: string;
}

export function usePortal({ directory, authorization }: PortalOptions): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (!isPortalPath(url.pathname)) return;
      const respond = (body: BodyInit | null, status: number, headers: Record<string, string>) =>
        endResponse(new fetchAPI.Response(request.method === 'HEAD' ? null : body, { status, headers }));
      if (request.method !== 'GET' && request.method !== 'HEAD')
        return respond('Method not allowed', 405, { allow: 'GET, HEAD', 'content-type': 'text/plain' });
      // The page's relative asset URLs (./app.js) resolve against /portal/, not the root.
      if (url.pathname === PORTAL_PATH) return respond(null, 308, { location: `${PORTAL_PATH}/` });
      const name = url.pathname.slice(PORTAL_PATH.length + 1);
      if (name !== '' && !Object.hasOwn(ASSETS, name))
        return respond('Not found', 404, { 'content-type': 'text/plain' });
      const file = await readFile(join(directory, name === '' ? 'index.html' : name)).catch(() => undefined);
      if (!file)
        return respond(
          'The portal is not built: run `npm run portal:build` (npm start and npm run dev build it themselves).',
          503,
          { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
        );
      if (name === '') return respond(portalPage(file.toString('utf8'), authorization), 200, PAGE_HEADERS);
      return respond(file, 200, {
        'content-type': ASSETS[name],
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
      });
    },
  };
}
