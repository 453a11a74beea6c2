import { existsSync, readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type CanonicalReport, cellPaths, getCell, type ParsedReport, REFUSING_RULES as REFUSING } from '@gongkai/report-template';
import { describe, expect, it } from 'vitest';
import { fixtureResult } from '../testing/fixtures.js';

const root = join(import.meta.dirname, '../../fixtures');
const cases = (await readdir(root, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);

// Golden files: `npm run fixtures:update` rewrites them; the diff is the review.
describe('golden fixtures', () => {
  it('exist', () => expect(cases.length).toBeGreaterThanOrEqual(10));
  for (const name of cases) {
    // A new case (e.g. made by scripts/producer-fixtures.mjs) has its input before its golden file.
    if (!existsSync(join(root, name, 'expected.json'))) {
      it.skip(`${name}: no expected.json yet — run npm run fixtures:update and review it`, () => {});
      continue;
    }
    it(name, async () => {
      const dir = join(root, name);
      const expected = JSON.parse(await readFile(join(dir, 'expected.json'), 'utf8'));
      const actual = JSON.parse(JSON.stringify(await fixtureResult(dir, { readdir, readFile })));
      expect(actual).toEqual(expected);
    });
    // A case made by a real producer carries what the document states: the golden file must say it
    // too, or leave the cell blank and name it in a finding that refuses it (or refuse the file).
    if (existsSync(join(root, name, 'truth.json')) && !('error' in JSON.parse(readFileSync(join(root, name, 'expected.json'), 'utf8'))))
      it(`${name}: every number is what the document states, or refused`, async () => {
        const dir = join(root, name);
        const truth = JSON.parse(await readFile(join(dir, 'truth.json'), 'utf8')) as CanonicalReport;
        const expected = JSON.parse(await readFile(join(dir, 'expected.json'), 'utf8')) as ParsedReport;
        const refused = new Set(expected.findings.filter((f) => REFUSING.has(f.rule)).flatMap((f) => f.cells));
        const differ = cellPaths(truth.templateVersion).filter(
          (p) => getCell(expected, p) !== getCell(truth, p) && !(refused.has(p) && getCell(expected, p) === null),
        );
        expect(differ).toEqual([]);
      });
  }
});
