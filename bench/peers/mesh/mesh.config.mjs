// GraphQL Mesh v1 composition of the simulator's OpenAPI 3.1 (docs/simulator-openapi.json), as generated:
// `bench/peers/setup.sh` runs `mesh-compose -o supergraph.graphql` here. The endpoint is the simulator of
// `npm run simulate -- --port 5301`; the harness (bench/peer-gateways.ts) rewrites it to its own simulator's.
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@graphql-mesh/compose-cli';
import { loadOpenAPISubgraph } from '@omnigraph/openapi';

export const composeConfig = defineConfig({
  subgraphs: [
    {
      sourceHandler: loadOpenAPISubgraph('EPMM', {
        source: fileURLToPath(new URL('../../../docs/simulator-openapi.json', import.meta.url)),
        endpoint: 'http://127.0.0.1:5301',
      }),
    },
  ],
});
