import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APPLICATION_ROWS, cellLabel, cellPaths, emptyReport, getCell, metricsMarkdown, templateMarkdown } from './index.js';

describe('template', () => {
  it('docs/template.md is the generated one (run `npm run docs:template`)', async () => {
    const committed = await readFile(join(import.meta.dirname, '../../../docs/template.md'), 'utf8');
    expect(committed).toBe(templateMarkdown());
  });
  it('docs/metrics.md is the generated one', async () => {
    expect(await readFile(join(import.meta.dirname, '../../../docs/metrics.md'), 'utf8')).toBe(metricsMarkdown());
  });
  it('keys are unique and every cell of an empty report is blank', () => {
    expect(new Set(APPLICATION_ROWS.map((r) => r.key)).size).toBe(APPLICATION_ROWS.length);
    for (const v of ['2021', '2019'] as const) {
      const paths = cellPaths(v);
      expect(new Set(paths).size).toBe(paths.length);
      const r = emptyReport(v);
      expect(paths.every((p) => getCell(r, p) === null)).toBe(true);
    }
    expect(cellPaths('2021')).toHaveLength(10 + 26 * 7 + 15);
  });
  it('labels messages with the template words', () => {
    expect(cellLabel('applications.processedTotal.naturalPerson')).toBe('三（七）总计·自然人');
    expect(cellLabel('reviews.litigationDirect.total')).toBe('未经复议直接起诉·总计');
    expect(cellLabel('proactive.normativeDocuments.inForce')).toBe('行政规范性文件·现行有效件数');
    expect(cellLabel('proactive.v2019.licensing.change')).toBe('行政许可·本年增/减');
    expect(cellLabel('applications.denied.stateSecret.total', 'en')).toBe('Denied: state secret · Total');
  });
});
