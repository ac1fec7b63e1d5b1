import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql 16 ships CJS (`main`) and ESM (`module`) builds. Node, and so graphql-yoga, loads the CJS one;
    // vite would give our sources the ESM one, and two GraphQLError classes break yoga's error masking.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    // Integration tests start real HTTP servers; two workers match the 2-core CI machines.
    pool: 'forks',
    // The soak test forces collections to count what outlives its requests (test/soak/soak.test.ts).
    execArgv: ['--expose-gc'],
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
