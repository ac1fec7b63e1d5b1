// GraphiQL, served from this process: the page and its scripts come from the bundled
// @graphql-yoga/render-graphiql package, never from a CDN, so it works on machines without internet.
// Assets are separate, cacheable responses instead of one 9 MB inline page.
import { createHash } from 'node:crypto';
import {
  css,
  editorWorkerService,
  favicon,
  graphqlWorker,
  js,
  jsonWorker,
} from '@graphql-yoga/render-graphiql/graphiql';
import type { GraphiQLOptions, Plugin } from 'graphql-yoga';

export const GRAPHIQL_ASSET_PREFIX = '/graphiql-assets/';

const ASSETS: Record<string, { body: string; type: string }> = {
  'graphiql.js': { body: js, type: 'text/javascript; charset=utf-8' },
  'graphiql.css': { body: css, type: 'text/css; charset=utf-8' },
  'editor.worker.js': { body: editorWorkerService, type: 'text/javascript; charset=utf-8' },
  'json.worker.js': { body: jsonWorker, type: 'text/javascript; charset=utf-8' },
  'graphql.worker.js': { body: graphqlWorker, type: 'text/javascript; charset=utf-8' },
};

const VERSION = createHash('sha256').update(js).digest('hex').slice(0, 12);

export function renderGraphiQLPage(options: GraphiQLOptions): string {
  const asset = (name: string) => `${GRAPHIQL_ASSET_PREFIX}${name}?v=${VERSION}`;
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${escapeHtml(options.title ?? 'mdmgraph')}</title>
    <link rel="icon" href="${favicon}" />
    <link rel="stylesheet" href="${asset('graphiql.css')}" />
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>You need to enable JavaScript to run GraphiQL.</noscript>
    <div id="root"></div>
    <script>
      self.MonacoEnvironment = {
        globalAPI: false,
        getWorkerUrl: function (moduleId, label) {
          return { editorWorkerService: ${JSON.stringify(asset('editor.worker.js'))}, json: ${JSON.stringify(asset('json.worker.js'))}, graphql: ${JSON.stringify(asset('graphql.worker.js'))} }[label];
        },
      };
    </script>
    <script src="${asset('graphiql.js')}"></script>
    <script>
      YogaGraphiQL.renderYogaGraphiQL(document.querySelector('#root'), ${JSON.stringify(options).replace(/</g, '\\u003c')});
    </script>
  </body>
</html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[char] ?? char);
}

/** Serves the GraphiQL assets under GRAPHIQL_ASSET_PREFIX with long-lived caching (their URLs are versioned). */
export function useGraphiQLAssets(): Plugin {
  return {
    onRequest({ url, endResponse, fetchAPI }) {
      if (!url.pathname.startsWith(GRAPHIQL_ASSET_PREFIX)) return;
      const asset = ASSETS[url.pathname.slice(GRAPHIQL_ASSET_PREFIX.length)];
      endResponse(
        asset
          ? new fetchAPI.Response(asset.body, {
              status: 200,
              headers: { 'content-type': asset.type, 'cache-control': 'public, max-age=31536000, immutable' },
            })
          : new fetchAPI.Response('Not found', { status: 404 }),
      );
    },
  };
}
