// The test tiers, shared by vitest.config.ts and the test that checks every test file has exactly one.
// `unit` is pure and needs no database; `db` runs on a real PostgreSQL; `browser` drives Chromium (and
// LibreOffice, for the producer documents). A test next to its source (apps/*/src/x/y.test.ts) is
// `unit`; one in apps/api/src/__tests__ needs the database.
export const ALL = ['libs/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'test/**/*.test.ts'];
export const DB = [
  'apps/api/src/__tests__/**/*.test.ts',
  'apps/cli/src/__tests__/ingest.test.ts',
  'test/embedded-db.test.ts',
  'test/fault-injection.test.ts',
  'test/start.test.ts',
];
export const BROWSER = ['test/browser/**/*.test.ts', 'test/producers.test.ts'];
