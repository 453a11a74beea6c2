import { describe, expect, it } from 'vitest';
import { buildReport, cellPaths, getCell } from './index.js';

describe('buildReport', () => {
  it('writes zeros everywhere by default, a number per row as natural persons and total', () => {
    const r = buildReport({ organ: '淮源镇人民政府', year: 2023, applications: { granted: 3, processedTotal: { naturalPerson: 2, commercial: 1, total: 3 } } });
    expect([r.templateVersion, r.organ, r.year]).toEqual(['2021', '淮源镇人民政府', 2023]);
    expect(cellPaths('2021').filter((p) => getCell(r, p) === null)).toEqual([]);
    expect([getCell(r, 'applications.granted.naturalPerson'), getCell(r, 'applications.granted.total'), getCell(r, 'applications.granted.commercial')]).toEqual(
      [3, 3, 0],
    );
    expect(getCell(r, 'applications.processedTotal.commercial')).toBe(1);
    expect(r.text).toEqual({ overview: null, problems: null, other: null });
  });

  it('rows not zeroed stay blank; table 四 totals are the sum of the results unless given', () => {
    const r = buildReport({
      zeroRows: ['newReceived'],
      reviews: { reconsideration: { upheld: 1, corrected: 2 }, litigationDirect: { pending: 1, total: 9 } },
      proactive: { 'proactive.licensing': 4 },
    });
    expect(getCell(r, 'applications.newReceived.otherOrg')).toBe(0);
    expect(getCell(r, 'applications.granted.total')).toBeNull();
    expect(r.reviews.reconsideration).toEqual({ upheld: 1, corrected: 2, other: 0, pending: 0, total: 3 });
    expect(r.reviews.litigationDirect?.total).toBe(9);
    expect([getCell(r, 'proactive.licensing'), getCell(r, 'proactive.feesWan')]).toEqual([4, 0]);
  });
});
