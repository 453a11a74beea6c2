import { buildReport, type CanonicalReport, setPath } from '@gongkai/report-template';
import { describe, expect, it } from 'vitest';
import { crossYearFindings, textFigures, unitKindFromName, unreadCells, validateReport } from './index.js';

/** A township report whose every rule holds: 5 new, 1 carried over, 5 handled, 1 carried forward. */
function clean(): CanonicalReport {
  return buildReport({
    organ: '淮源镇人民政府',
    year: 2023,
    applications: { newReceived: 5, carriedOver: 1, granted: 3, 'unavailable.notHeld': 2, processedTotal: 5, carriedForward: 1 },
    proactive: { 'proactive.normativeDocuments.issued': 1, 'proactive.normativeDocuments.inForce': 4, 'proactive.licensing': 3 },
    text: { overview: '2023年共收到政府信息公开申请5件，办结5件，予以公开3件，结转下年度继续办理1件。' },
  });
}
const rules = (r: CanonicalReport, opts = {}) => validateReport(r, opts).map((f) => f.rule);

describe('validateReport', () => {
  it('a consistent report has no findings', () => {
    expect(validateReport(clean())).toEqual([]);
  });

  it('cells the reader could not read are no blanks: no rule over them, not counted as 0', () => {
    const r = clean();
    // The parser refused table 三's 予以公开 total (glued digits with two splits) and left it blank.
    setPath(r.applications, 'granted.total', null);
    const refused = [{ rule: 'parse.ambiguous', cells: ['applications.granted.total'] }];
    expect(rules(r)).toEqual(expect.arrayContaining(['applications.rowTotal', 'applications.outcomeSum', 'text.matchesTables', 'blank-as-zero']));
    const unread = unreadCells(r, refused);
    expect([...unread]).toEqual(['applications.granted.total']);
    expect(validateReport(r, { unread })).toEqual([]);
    // A finding that only warns (not a refusal), or names a cell that was read, leaves it as it is.
    expect(unreadCells(r, [{ rule: 'parse.labelVariant', cells: ['applications.granted.total'] }]).size).toBe(0);
    expect(unreadCells(clean(), refused).size).toBe(0);
    // Cross-year rules too: last year's 结转 against an unread 上年结转.
    const prev = clean();
    setPath(prev.applications, 'carriedForward.naturalPerson', 7);
    setPath(r.applications, 'carriedOver.naturalPerson', null);
    const carried = unreadCells(r, [{ rule: 'parse.cellCount', cells: ['applications.carriedOver.naturalPerson'] }]);
    expect(crossYearFindings(r, prev).map((f) => f.cells[0])).toContain('applications.carriedOver.naturalPerson');
    expect(crossYearFindings(r, prev, carried).map((f) => f.cells[0])).not.toContain('applications.carriedOver.naturalPerson');
  });

  it('applications.rowTotal names the row, the column and both values', () => {
    const r = clean();
    setPath(r.applications, 'granted.total', 4);
    const [f] = validateReport(r).filter((x) => x.rule === 'applications.rowTotal');
    expect(f).toMatchObject({ severity: 'error', expected: 3, found: 4 });
    expect(f?.message).toBe('三（一）予以公开·总计: 各申请人列之和为 3，表中为 4');
    expect(f?.cells[0]).toBe('applications.granted.total');
  });

  it('applications.outcomeSum and applications.balance per column', () => {
    const r = clean();
    setPath(r.applications, 'processedTotal.naturalPerson', 6);
    setPath(r.applications, 'processedTotal.total', 6);
    const found = validateReport(r);
    expect(found.filter((f) => f.rule === 'applications.outcomeSum').map((f) => f.message)).toContain('三（七）总计·自然人: 各办理结果之和为 5，表中为 6');
    expect(found.filter((f) => f.rule === 'applications.balance').map((f) => f.cells[0])).toEqual([
      'applications.newReceived.naturalPerson',
      'applications.newReceived.total',
    ]);
  });

  it('outcomeSum uses the single （六） row when the sub-rows are absent', () => {
    const r = clean();
    for (const k of ['overdueCorrection', 'overdueFee', 'other'])
      for (const c of ['naturalPerson', 'commercial', 'research', 'publicInterest', 'legalService', 'otherOrg', 'total'])
        setPath(r.applications, `otherHandling.${k}.${c}`, null);
    setPath(r.applications, 'otherHandling.total.naturalPerson', 1);
    setPath(r.applications, 'otherHandling.total.total', 1);
    expect(rules(r)).toContain('applications.outcomeSum');
  });

  it('reviews.groupTotal: 总计 0 under 维持 10 (as 洪泽区 2023)', () => {
    const r = clean();
    r.reviews.reconsideration = { upheld: 10, corrected: 1, other: 0, pending: 0, total: 0 };
    const [f] = validateReport(r).filter((x) => x.rule === 'reviews.groupTotal');
    expect(f).toMatchObject({ expected: 11, found: 0, cells: expect.arrayContaining(['reviews.reconsideration.total', 'reviews.reconsideration.upheld']) });
  });

  it('values.nonNegativeInteger: negative and fractional counts; fees may be decimal', () => {
    const r = clean();
    r.proactive.licensing = -1;
    r.proactive.penalties = 2.5;
    r.proactive.feesWan = 24252.311082;
    const found = validateReport(r).filter((f) => f.rule === 'values.nonNegativeInteger');
    expect(found.map((f) => f.cells[0])).toEqual(['proactive.licensing', 'proactive.penalties']);
  });

  it('carryOver.matchesPreviousYear compares with last year carried forward', () => {
    const prev = clean();
    setPath(prev.applications, 'carriedForward.naturalPerson', 2);
    const found = validateReport(clean(), { previous: prev }).filter((f) => f.rule === 'carryOver.matchesPreviousYear');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'warning', expected: 2, found: 1 });
    expect(rules(clean(), { previous: clean() })).not.toContain('carryOver.matchesPreviousYear');
  });

  it('normativeDocuments.stockFlow warns when stock does not follow flow', () => {
    const prev = clean();
    (prev.proactive.normativeDocuments as Record<string, number>).inForce = 10;
    const [f] = validateReport(clean(), { previous: prev }).filter((x) => x.rule === 'normativeDocuments.stockFlow');
    expect(f).toMatchObject({ severity: 'warning', expected: 11, found: 4 });
  });

  it('text.matchesTables catches a text that says 258 where the table says 3', () => {
    const r = clean();
    r.text.overview = '全年共收到政府信息公开申请5件，其中予以公开258件。';
    const [f] = validateReport(r).filter((x) => x.rule === 'text.matchesTables');
    expect(f?.message).toBe('正文称予以公开 258 件，表格（三（一）予以公开·总计）为 3');
  });

  it('unitType.plausible: a township reporting regulations', () => {
    const r = clean();
    (r.proactive.regulations as Record<string, number>).issued = 1;
    expect(rules(r)).toContain('unitType.plausible');
    r.organ = '桐柏县人民政府';
    expect(rules(r)).not.toContain('unitType.plausible');
  });

  it('blank-as-zero: one info finding listing every blank cell', () => {
    const r = clean();
    setPath(r.applications, 'granted.commercial', null);
    r.proactive.coercion = null;
    const found = validateReport(r).filter((f) => f.rule === 'blank-as-zero');
    expect(found).toHaveLength(1);
    expect(found[0]?.severity).toBe('info');
    expect(found[0]?.cells).toEqual(['proactive.coercion', 'applications.granted.commercial']);
  });
});

describe('helpers', () => {
  it('unitKindFromName', () => {
    expect(unitKindFromName('淮源镇人民政府')).toBe('township');
    expect(unitKindFromName('新集乡')).toBe('township');
    expect(unitKindFromName('沭城街道办事处')).toBe('street');
    expect(unitKindFromName('桐柏县人民政府')).toBe('government');
    expect(unitKindFromName('桐柏县教育局')).toBe('department');
    expect(unitKindFromName(null)).toBe('unknown');
  });
  it('textFigures reads only unambiguous statements', () => {
    expect(textFigures('2023年共收到政府信息公开申请 12 件，办结11件，结转下年度继续办理1件。发生行政复议2件，行政诉讼0件。')).toEqual({
      received: 12,
      handled: 11,
      carriedForward: 1,
      reconsideration: 2,
      litigation: 0,
    });
    expect(textFigures('政务公开工作取得成效。')).toEqual({});
  });
});
