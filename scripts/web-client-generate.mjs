#!/usr/bin/env node
// Typed GraphQL documents for the dashboard: apps/web/src/api/operations.graphql, checked against the
// committed schema.gql, becomes apps/web/src/api/generated.ts (result and variable types per operation).
// `--check` exits 1 when the committed file differs (run by the tests).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateClient } from './lib/web-client.mjs';

const root = (p) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const out = root('apps/web/src/api/generated.ts');
const text = generateClient(readFileSync(root('schema.gql'), 'utf8'), readFileSync(root('apps/web/src/api/operations.graphql'), 'utf8'));
if (process.argv.includes('--check')) {
  if (readFileSync(out, 'utf8') !== text) {
    console.error('apps/web/src/api/generated.ts is stale: run `npm run web:client`');
    process.exit(1);
  }
} else {
  writeFileSync(out, text);
  console.log(`wrote ${out}`);
}
