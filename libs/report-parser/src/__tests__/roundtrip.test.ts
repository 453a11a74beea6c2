import { RENDER_EXT, RENDER_FORMATS, type RenderFormat, randomReport, renderReport } from '@gongkai/report-render';
import { type CanonicalReport, cellPaths, getCell } from '@gongkai/report-template';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseReport } from '../index.js';

function numbers(r: CanonicalReport): Record<string, number | null> {
  return Object.fromEntries(cellPaths(r.templateVersion).map((p) => [p, getCell(r, p)]));
}

async function roundTrip(report: CanonicalReport, format: RenderFormat) {
  return parseReport(renderReport(report, format), `report.${RENDER_EXT[format]}`);
}

const exact = RENDER_FORMATS.filter((f) => f !== 'text-glued');
// Formats in which an empty cell is still a cell (blanks survive the trip).
const keepsBlanks: RenderFormat[] = ['html', 'html-gbk', 'docx', 'text-cells', 'text-pipes', 'text-tabs', 'markdown'];

describe('parse(render(d)) = d', () => {
  for (const format of exact) {
    it(`${format}: every number, title and version of random valid reports`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), async (seed) => {
          const d = randomReport(seed);
          const p = await roundTrip(d, format);
          expect(p.templateVersion).toBe(d.templateVersion);
          expect(p.organ).toBe(d.organ);
          expect(p.year).toBe(d.year);
          expect(numbers(p)).toEqual(numbers(d));
          expect(p.findings.filter((f) => f.severity === 'error')).toEqual([]);
        }),
        { numRuns: 40 },
      );
    });
  }

  for (const format of keepsBlanks) {
    it(`${format}: blank cells stay blank (null), never become numbers`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), async (seed) => {
          const d = randomReport(seed, { blankRate: 0.3 });
          const p = await roundTrip(d, format);
          expect(numbers(p)).toEqual(numbers(d));
        }),
        { numRuns: 25 },
      );
    });
  }
});

describe('glued digits', () => {
  it('either round-trip or flag exactly the cells they cannot tell, never a silent wrong number', async () => {
    let flagged = 0;
    let read = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), async (seed) => {
        const d = randomReport(seed);
        const p = await roundTrip(d, 'text-glued');
        const ambiguous = new Set(p.findings.filter((f) => f.rule === 'parse.ambiguous' || f.rule === 'parse.cellCount').flatMap((f) => f.cells));
        const want = numbers(d);
        for (const [path, value] of Object.entries(numbers(p))) {
          if (ambiguous.has(path)) {
            expect(value, path).toBeNull();
            flagged++;
          } else {
            expect(value, path).toBe(want[path]);
            read++;
          }
        }
      }),
      { numRuns: 200 },
    );
    // Both branches ran: some glued runs had more than one valid split (and were flagged), and the
    // arithmetic still settled nearly every cell.
    expect(flagged).toBeGreaterThan(0);
    expect(read).toBeGreaterThan(20 * flagged);
  });
});

describe('issue date', () => {
  it('is read from the signature block at the end', async () => {
    const d = randomReport(3);
    for (const format of ['html', 'text-cells', 'docx'] as const) {
      const p = await parseReport(renderReport(d, format, { publishedDate: '2024-01-20' }), `r.${RENDER_EXT[format]}`);
      expect(p.publishedDate).toBe('2024-01-20');
    }
    expect((await parseReport(renderReport(d, 'html'), 'r.html')).publishedDate).toBeNull();
  });
});
