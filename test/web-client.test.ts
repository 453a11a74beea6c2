import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../codegen.js';

const root = join(import.meta.dirname, '..');
const OUT = 'apps/web/src/api/gql/';

/** What GraphQL Code Generator's client preset writes for these operations, without writing it. */
async function outputs(documents = config.documents): Promise<{ filename: string; content: string }[]> {
  return generate({ ...config, cwd: root, documents, silent: true, errorsOnly: true }, false);
}

describe('typed GraphQL client of the dashboard (GraphQL Code Generator, codegen.ts)', () => {
  it('is generated from the committed schema.gql and operations (run `npm run web:client` when this fails)', async () => {
    const files = await outputs();
    expect(files.map((f) => f.filename.replace(`${root}/`, '')).sort()).toEqual([`${OUT}gql.ts`, `${OUT}graphql.ts`, `${OUT}index.ts`]);
    for (const f of files) expect(f.content, f.filename).toBe(readFileSync(join(root, f.filename.replace(`${root}/`, '')), 'utf8'));
  });

  it('refuses operations the schema does not have', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-codegen-'));
    try {
      const bad = join(dir, 'bad.graphql');
      writeFileSync(bad, 'query X { report(jurisdictionId: "1", year: 2024) { nope } }');
      await expect(outputs([bad])).rejects.toThrow(/nope/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
