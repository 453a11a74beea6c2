// A scan's OCR text layer is known by table rules read as '|' stuck to digits; a printed page's
// menu with bars between words is not one. (The golden hongze-district-2024-ocr is a real scan.)
import { randomReport, renderReport } from '@gongkai/report-render';
import { describe, expect, it } from 'vitest';
import { extract, interpret } from '../index.js';

async function asPdfRows(edit: (cells: string[]) => string[]) {
  const report = randomReport(21, { year: 2023, version: '2021', scale: 5 });
  const doc = await extract(renderReport(report, 'text-tabs'), 'r.txt');
  return {
    report,
    doc: { ...doc, format: 'pdf' as const, rows: doc.rows.map((r) => ({ ...r, cells: edit(r.cells.map((c) => c.text)).map((text) => ({ text, prov: {} })) })) },
  };
}

describe('OCR text layers', () => {
  it("a printed page's menu with bars between words is no OCR", async () => {
    const { report, doc } = await asPdfRows((c) => c);
    doc.rows.unshift({
      cells: [{ text: '首页 | 新闻中心 | 政务公开 | 2024 | 办事服务 | 互动交流 | 数据开放 | 专题专栏 | 关于我们 | 联系方式 | 网站地图', prov: {} }],
      blanksAreCells: false,
    });
    const r = interpret(doc);
    expect(r.findings.map((f) => f.rule)).not.toContain('parse.ocrText');
    expect(r.applications).toEqual(report.applications);
  });

  it('table rules read as | beside the digits refuse every table cell', async () => {
    const { doc } = await asPdfRows((cells) => cells.map((t) => (/^\d+$/.test(t) ? `|${t.replace(/0/g, 'o')}` : t)));
    const r = interpret(doc);
    expect(r.findings.find((f) => f.rule === 'parse.ocrText')?.cells).toContain('applications.newReceived.total');
    expect(r.applications.newReceived.total).toBeNull();
  });
});
