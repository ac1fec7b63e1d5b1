// `GET /` answers 302 to GraphiQL, so the address a person types first (http://localhost:4000) opens the graph
// instead of a 404. It carries no data and reads no credentials.
import type { Plugin } from 'graphql-yoga';

export function useRootRedirect(target: string): Plugin {
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== '/' || (request.method !== 'GET' && request.method !== 'HEAD')) return;
      endResponse(
        new fetchAPI.Response(null, { status: 302, headers: { location: target, 'cache-control': 'no-store' } }),
      );
    },
  };
}
