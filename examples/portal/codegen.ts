// graphql-codegen for the reference portal: typed documents for the operations written with `graphql(…)` in
// examples/portal/src, generated into examples/portal/src/gql (committed, so the portal builds without running
// codegen; `npm run portal:codegen` rewrites it, `npm run portal:codegen:check` fails when it is stale).
// Paths are relative to the repository root, where the npm scripts run. In your own project, point `schema` at the
// gateway's published contract (schema.graphql, or GET /graphql/schema.graphql with your credentials) and
// `documents` at your sources.
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'schema/*.graphql',
  documents: ['examples/portal/src/**/*.ts', '!examples/portal/src/gql/**'],
  // A typo in `documents` is an error, not an empty output.
  ignoreNoDocuments: false,
  // `./graphql.js` in the generated imports: the same specifiers work under TypeScript's NodeNext and bundler modes.
  importExtension: '.js',
  generates: {
    'examples/portal/src/gql/': {
      preset: 'client',
      config: {
        // The gateway's custom scalars as they arrive in JSON (schema/base.graphql): DateTime an ISO-8601 string,
        // Long a JSON number. strictScalars fails codegen on a scalar added later instead of typing it `any`.
        scalars: { DateTime: 'string', Long: 'number' },
        strictScalars: true,
        // String unions instead of TypeScript enums: the portal compares and maps values, it never iterates an enum.
        enumsAsTypes: true,
        useTypeImports: true,
      },
      // Each screen owns a whole operation; fragment masking pays off with component-level fragments only.
      presetConfig: { fragmentMasking: false },
    },
  },
};

export default config;
