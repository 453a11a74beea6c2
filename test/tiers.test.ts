import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM shared with vitest.config.ts
import { ALL, BROWSER, DB } from './tiers.mjs';

const root = join(import.meta.dirname, '..');
const regex = (glob: string) =>
  new RegExp(
    `^${glob
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*\*\//g, '\0')
      .replace(/\*/g, '[^/]*')
      .replaceAll('\0', '(?:.*/)?')}$`,
  );
const matches = (globs: string[], file: string) => globs.some((g) => regex(g).test(file));
const testFiles = ['apps', 'libs', 'test'].flatMap((top) =>
  readdirSync(join(root, top), { recursive: true, encoding: 'utf8' })
    .map((f) => `${top}/${f.replaceAll('\\', '/')}`)
    .filter((f) => /\.test\.tsx?$/.test(f) && !f.includes('node_modules/') && !f.includes('/dist/')),
);
const tier = (f: string) => (matches(DB, f) ? 'db' : matches(BROWSER, f) ? 'browser' : 'unit');

describe('test tiers (test/tiers.mjs)', () => {
  it('every test file is run, by exactly one tier', () => {
    expect(testFiles.length).toBeGreaterThan(50);
    for (const f of testFiles) {
      expect(matches(ALL, f), `${f} is in no tier`).toBe(true);
      expect(matches(DB, f) && matches(BROWSER, f), `${f} is in two tiers`).toBe(false);
    }
  });

  it('unit tests need no database and no browser', () => {
    const unit = testFiles.filter((f) => tier(f) === 'unit' && f !== 'test/tiers.test.ts');
    expect(unit).toContain('apps/api/src/schema.test.ts');
    for (const f of unit) {
      const text = readFileSync(join(root, f), 'utf8');
      expect(text, `${f} uses the database or a browser: list it in test/tiers.mjs`).not.toMatch(
        /support\/(db|api|browser|seed)(\.js)?'|GONGKAI_TEST_ADMIN_URL|startEmbeddedPostgres|createTestDatabase/,
      );
    }
  });

  it('every test file is run by exactly one Nx project (scripts/vitest-project.mjs filters by folder)', () => {
    // vitest matches a filter anywhere in the relative path: no file may match two projects' folders.
    const folders = ['test', ...['apps', 'libs'].flatMap((top) => readdirSync(join(root, top)).map((d) => `${top}/${d}`))];
    for (const f of testFiles)
      expect(
        folders.filter((d) => f.includes(`${d}/`)),
        f,
      ).toHaveLength(1);
  });
});
