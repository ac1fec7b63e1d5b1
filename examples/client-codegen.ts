// graphql-codegen for a front end (docs/clients.md): typed documents for the operations of examples/operations,
// built against the published contract, schema.graphql (`npm run schema`; also served at GET
// /graphql/schema.graphql). Run it with `npx graphql-codegen --config examples/client-codegen.ts`; in your own
// project, copy this file and point `schema` and `documents` at your copies.
import type { CodegenConfig } from '@graphql-codegen/cli';

/** Where the typed documents go: `graphql.ts` holds one `…Document` per operation with its result and variables. */
export const OUTPUT_DIR = './examples/gql/';

const config: CodegenConfig = {
  schema: './schema.graphql',
  documents: ['examples/operations/*.graphql'],
  // A missing folder or a typo in `documents` is an error, not an empty output.
  ignoreNoDocuments: false,
  generates: {
    [OUTPUT_DIR]: {
      preset: 'client',
      config: {
        // The gateway's two custom scalars, as they arrive in JSON (schema/base.graphql): DateTime is an ISO-8601
        // string in UTC, Long a JSON number (exact up to 2^53). strictScalars fails codegen on a new scalar.
        scalars: { DateTime: 'string', Long: 'number' },
        strictScalars: true,
        enumsAsTypes: true,
        useTypeImports: true,
      },
      // Fragment masking helps component-level fragments; these examples are whole-screen operations.
      presetConfig: { fragmentMasking: false },
    },
  },
};

export default config;
