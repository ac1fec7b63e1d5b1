// GraphiQL, served from this process: the page and its scripts come from the bundled
// @graphql-yoga/render-graphiql package, never from a CDN, so it works on machines without internet.
// Assets are separate, cacheable responses instead of one 9 MB inline page.
// That package is a 9 MB module (half a second to load, 35 MiB of memory: docs/BENCHMARKS.md "Start-up and memory
// (compiled build)"), so the first GraphiQL page or asset request imports it, not the start: an API-only gateway
// never loads it.
import { createHash } from 'node:crypto';
import type { GraphiQLOptions, Plugin } from 'graphql-yoga';

export const GRAPHIQL_ASSET_PREFIX = '/graphiql-assets/';

type AssetModule = typeof import('@graphql-yoga/render-graphiql/graphiql');

const ASSETS: Record<string, { export: keyof AssetModule; type: string }> = {
  'graphiql.js': { export: 'js', type: 'text/javascript; charset=utf-8' },
  'graphiql.css': { export: 'css', type: 'text/css; charset=utf-8' },
  'editor.worker.js': { export: 'editorWorkerService', type: 'text/javascript; charset=utf-8' },
  'json.worker.js': { export: 'jsonWorker', type: 'text/javascript; charset=utf-8' },
  'graphql.worker.js': { export: 'graphqlWorker', type: 'text/javascript; charset=utf-8' },
};

let loaded: Promise<{ module: AssetModule; version: string }> | undefined;

function loadAssets(): Promise<{ module: AssetModule; version: string }> {
  loaded ??= import('@graphql-yoga/render-graphiql/graphiql').then((module) => ({
    module,
    version: createHash('sha256').update(module.js).digest('hex').slice(0, 12),
  }));
  return loaded;
}

export async function renderGraphiQLPage(options: GraphiQLOptions): Promise<string> {
  const {
    module: { favicon },
    version,
  } = await loadAssets();
  const asset = (name: string) => `${GRAPHIQL_ASSET_PREFIX}${name}?v=${version}`;
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
    async onRequest({ url, endResponse, fetchAPI }) {
      if (!url.pathname.startsWith(GRAPHIQL_ASSET_PREFIX)) return;
      const name = url.pathname.slice(GRAPHIQL_ASSET_PREFIX.length);
      const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
      endResponse(
        asset
          ? new fetchAPI.Response((await loadAssets()).module[asset.export], {
              status: 200,
              headers: { 'content-type': asset.type, 'cache-control': 'public, max-age=31536000, immutable' },
            })
          : new fetchAPI.Response('Not found', { status: 404 }),
      );
    },
  };
}
