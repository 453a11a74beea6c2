import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script shared with `npm run web:client`
import { generateClient } from '../scripts/lib/web-client.mjs';

const file = (p: string) => readFileSync(fileURLToPath(new URL(`../${p}`, import.meta.url)), 'utf8');

describe('typed GraphQL client of the dashboard', () => {
  it('is generated from the committed schema.gql (run `npm run web:client` when this fails)', () => {
    expect(generateClient(file('schema.gql'), file('apps/web/src/api/operations.graphql'))).toBe(file('apps/web/src/api/generated.ts'));
  });

  it('refuses operations the schema does not have', () => {
    expect(() => generateClient(file('schema.gql'), 'query X { report { nope } }')).toThrow(/does not match schema.gql/);
    expect(() => generateClient(file('schema.gql'), '{ metricsVersion }')).toThrow(/needs a name/);
  });
});
