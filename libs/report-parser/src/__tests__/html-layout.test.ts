// Old portals set the whole page in tables: a menu column, a banner row, the article in a cell
// that holds the report's own tables. The outer tables are layout, read as running text in order.
import { randomReport, renderReport } from '@gongkai/report-render';
import { describe, expect, it } from 'vitest';
import { extract, parseReport } from '../index.js';

const page = (seed: number) => {
  const report = randomReport(seed, { year: 2023, version: '2021', scale: 5, blankRate: 0.3 });
  const html = new TextDecoder().decode(renderReport(report, 'html'));
  return { report, html };
};

describe('HTML pages laid out with tables', () => {
  it('a report inside layout tables (menu column, banner row, two deep) reads as without them', async () => {
    for (let seed = 1; seed <= 6; seed++) {
      const { report, html } = page(seed);
      const laidOut = html
        .replace(
          /<body([^>]*)>/,
          '<body$1><table width="100%"><tr><td colspan="2">政府信息公开专栏</td></tr><tr><td width="20%">首页<br>政务公开<br>年报</td><td><table width="980"><tr><td>',
        )
        .replace('</body>', '</td></tr></table></td></tr></table></body>');
      const r = await parseReport(new TextEncoder().encode(laidOut), 'page.html');
      expect(
        r.findings.filter((f) => f.rule.startsWith('parse.')).map((f) => f.rule),
        `seed ${seed}`,
      ).toEqual([]);
      expect(r.applications).toEqual(report.applications);
      expect(r.reviews).toEqual(report.reviews);
      expect(r.proactive).toEqual(report.proactive);
    }
  });

  it('running text and tables keep their order; the menu is text, not a table row', async () => {
    const { html } = page(7);
    const laidOut = html.replace(/<body([^>]*)>/, '<body$1><table><tr><td>菜单</td><td>').replace('</body>', '</td></tr></table></body>');
    const doc = await extract(new TextEncoder().encode(laidOut), 'page.html');
    const texts = doc.rows.map((r) => r.cells.map((c) => c.text).join('|'));
    expect(texts[0]).toBe('菜单');
    const heading = texts.findIndex((t) => t.startsWith('三、收到和处理'));
    const firstRow = texts.findIndex((t) => t.startsWith('一、本年新收'));
    expect(heading).toBeGreaterThan(0);
    expect(firstRow).toBeGreaterThan(heading);
    expect(doc.rows[firstRow]?.table).toBe(true);
  });
});
