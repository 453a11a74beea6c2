import { APPLICANT_PART_KEYS, APPLICATION_ROWS, cellPaths, getCell, getPath, REVIEW_GROUPS } from '@gongkai/report-template';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { layout, randomReport, renderReport } from './index.js';

const LEGAL = APPLICANT_PART_KEYS.filter((c) => c !== 'naturalPerson');
const rows = (version: string) => APPLICATION_ROWS.filter((d) => d.versions.includes(version as '2021'));

describe('randomReport blank options', () => {
  it('blankLegalColumns: table 三 prints its five 法人 columns empty, the rest is the same report', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const r = randomReport(seed, { blankLegalColumns: true });
      const plain = randomReport(seed);
      expect(r.templateVersion).toBe(plain.templateVersion);
      for (const d of rows(r.templateVersion)) {
        for (const c of LEGAL) expect(getCell(r, `applications.${d.key}.${c}`), `${seed} ${d.key}.${c}`).toBeNull();
        // No 法人 applicants: every row's total is its 自然人 count.
        expect(getCell(r, `applications.${d.key}.total`)).toBe(getCell(r, `applications.${d.key}.naturalPerson`));
      }
      const notApplications = (p: string) => !p.startsWith('applications.');
      for (const p of cellPaths(r.templateVersion).filter(notApplications)) expect(getCell(r, p), `${seed} ${p}`).toBe(getCell(plain, p));
    }
  });

  it('blankTotals: every 总计 of tables 三 and 四 is empty, every other cell as without it', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const r = randomReport(seed, { blankRate: 0.3, blankTotals: true });
      const plain = randomReport(seed, { blankRate: 0.3 });
      for (const d of rows(r.templateVersion)) expect(getCell(r, `applications.${d.key}.total`), `${seed} ${d.key}`).toBeNull();
      for (const g of REVIEW_GROUPS) expect(r.reviews[g.key]?.total).toBeNull();
      for (const p of cellPaths(r.templateVersion).filter((x) => !x.endsWith('.total'))) expect(getCell(r, p), `${seed} ${p}`).toBe(getCell(plain, p));
    }
  });

  it('2021 （六）其他处理 stays what its printed sub-rows add up to', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const r = randomReport(seed, { version: '2021', blankRate: 0.6, blankLegalColumns: true });
      const oh = getPath(r.applications, 'otherHandling') as Record<string, Record<string, number | null>>;
      for (const c of ['naturalPerson', 'total']) {
        const parts = ['overdueCorrection', 'overdueFee', 'other'].map((k) => oh[k]?.[c] ?? null);
        expect(oh.total?.[c]).toBe(parts.every((p) => p === null) ? null : parts.reduce<number>((s, p) => s + (p ?? 0), 0));
      }
    }
  });
});

describe('docx', () => {
  it('is an A4 document whose tables are ruled and have a column grid as wide as their cells', () => {
    const xml = strFromU8(unzipSync(renderReport(randomReport(4), 'docx'))['word/document.xml'] as Uint8Array);
    expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838"/>');
    const tables = xml.split('<w:tbl>').slice(1);
    expect(tables.length).toBe(3);
    for (const t of tables) {
      expect(t).toMatch(/<w:tblBorders><w:top w:val="single"[^>]*\/><w:left[^>]*\/><w:bottom[^>]*\/><w:right[^>]*\/><w:insideH[^>]*\/><w:insideV[^>]*\/>/);
      const gridCols = t.match(/<w:gridCol /g)?.length ?? 0;
      // Every row spans the whole grid: gridSpan values plus plain cells add up to the gridCol count.
      for (const row of t.split('<w:tr>').slice(1)) {
        const cells = row.split('<w:tc>').slice(1);
        const width = cells.reduce((n, c) => n + Number(/<w:gridSpan w:val="(\d+)"/.exec(c)?.[1] ?? 1), 0);
        expect(width).toBe(gridCols);
      }
    }
  });
});

describe('layout', () => {
  it('every table is a full grid in both template versions (no row a cell short, so values stand under their headers)', () => {
    for (const version of ['2021', '2019'] as const) {
      for (const b of layout(randomReport(9, { version }))) {
        if (b.kind !== 'table') continue;
        const taken: number[][] = [];
        const widths = b.rows.map((row, r) => {
          let c = 0;
          for (const cell of row) {
            while (taken[r]?.[c]) c++;
            for (let dr = 0; dr < (cell.rowspan ?? 1); dr++) for (let k = 0; k < (cell.colspan ?? 1); k++) (taken[r + dr] ??= [])[c + k] = 1;
            c += cell.colspan ?? 1;
          }
          return taken[r]?.filter(Boolean).length;
        });
        expect(new Set(widths).size, `${version}: ${widths.join(',')}`).toBe(1);
      }
    }
  });
});
