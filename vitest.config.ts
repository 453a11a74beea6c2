import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';
// @ts-expect-error plain ESM shared with test/tiers.test.ts
import { ALL, BROWSER, DB } from './test/tiers.mjs';

// graphql ships CJS and ESM builds; Nest loads the CJS one, so ours must too (one GraphQLScalarType).
const graphqlCjs = createRequire(import.meta.url).resolve('graphql');
const postgres = ['test/support/global-setup.ts'];

export default defineConfig({
  resolve: { conditions: ['source'], alias: [{ find: /^graphql$/, replacement: graphqlCjs }] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Tiers: test/tiers.mjs. Only db and browser start PostgreSQL (one server, shared).
    projects: [
      { extends: true, test: { name: 'unit', include: ALL, exclude: ['**/node_modules/**', ...DB, ...BROWSER] } },
      { extends: true, test: { name: 'db', include: DB, globalSetup: postgres } },
      { extends: true, test: { name: 'browser', include: BROWSER, globalSetup: postgres } },
    ],
  },
});
