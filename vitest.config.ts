import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
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
      // Pure tests share one module graph per worker and use every core: vitest's default of one
      // worker less than the cores leaves a 2-core machine with one, and isolating each file
      // re-imports the parser and its PDF reader for each of 57 files (76 s against 28 s on 2 cores).
      {
        extends: true,
        test: {
          name: 'unit',
          include: ALL,
          exclude: ['**/node_modules/**', ...DB, ...BROWSER],
          isolate: false,
          maxWorkers: availableParallelism(),
          // vitest runs projects with their own worker count as a group of their own, first here.
          sequence: { groupOrder: 0 },
        },
      },
      { extends: true, test: { name: 'db', include: DB, globalSetup: postgres, sequence: { groupOrder: 1 } } },
      { extends: true, test: { name: 'browser', include: BROWSER, globalSetup: postgres, sequence: { groupOrder: 1 } } },
    ],
  },
});
