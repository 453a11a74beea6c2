import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomReport, renderReport } from '@gongkai/report-render';
import { cellPaths, getCell, REFUSING_RULES } from '@gongkai/report-template';
import { describe, expect, it } from 'vitest';
import { extractText } from '../extract/text.js';
import { parseReport } from '../parse.js';

/** Text shapes real tools write (the golden fixtures hold whole reports made by the tools themselves). */
const fixtures = join(import.meta.dirname, '../../fixtures');
const text = (name: string) => readFile(join(fixtures, name, 'input.txt'), 'utf8');
const parse = (t: string) => parseReport(new TextEncoder().encode(t), 'report.txt');

describe('text shapes', () => {
  it("a PDF's text in reading order places no table number, whether or not its pages end in form feeds", async () => {
    const withPages = await text('pdftotext-chromium-2023');
    for (const t of [withPages, withPages.replace(/\f/g, '')]) {
      const r = await parse(t);
      const refused = r.findings.find((f) => f.rule === 'parse.tableOrderLost');
      expect(refused?.cells).toEqual(cellPaths(r.templateVersion));
      expect(r.applications.newReceived.total).toBeNull();
      expect(r.year).toBe(2023);
    }
  });

  it('a copied web page (one cell a line) is no PDF text: a column of 无 is cells, not a vertical heading', () => {
    const lines = ['行政复议', '无', '无', '无', '无', '无', ...Array.from({ length: 25 }, (_, i) => String(i))];
    expect(extractText(lines.join('\n')).tableOrderLost).toBeUndefined();
    expect(extractText(['三', '、', '本', '年', '度', ...lines.slice(6)].join('\n')).tableOrderLost).toBe(true);
  });

  /** Renders seeds × blank rates in `format`, rewrites the text with `edit`, and names every cell read wrong without a refusal. */
  async function silentlyWrong(format: 'text-cells' | 'text-pipes' | 'text-tabs', blankRates: number[], seeds: number, edit: (line: string) => string | null) {
    const out: string[] = [];
    for (const blankRate of blankRates)
      for (let seed = 1; seed <= seeds; seed++) {
        const truth = randomReport(seed, { blankRate, version: '2021' });
        const lines = new TextDecoder().decode(renderReport(truth, format)).split('\n');
        const r = await parse(lines.flatMap((l) => edit(l) ?? []).join('\n'));
        const flagged = new Set(r.findings.filter((f) => REFUSING_RULES.has(f.rule)).flatMap((f) => f.cells));
        for (const p of cellPaths('2021')) if (!flagged.has(p) && getCell(r, p) !== getCell(truth, p)) out.push(`seed ${seed}, blanks ${blankRate}: ${p}`);
      }
    return out;
  }

  it('one cell a line: a row whose label line is lost is placed by the arithmetic or flagged, never given to the next label', async () => {
    expect(await silentlyWrong('text-cells', [0, 0.3], 8, (l) => (l.includes('3.要求提供公开出版物') ? null : l))).toEqual([]);
  });

  it('numbers a line below their labels (pdftotext -layout of vertically centred cells): the rows between are refused, not read one way', async () => {
    const shifted = ['3.危及', '4.保护第三方', '5.属于三类', '6.属于四类'];
    const shiftDown = () => {
      let carry: string | null = null;
      return (l: string) => {
        const at = shifted.findIndex((s) => l.startsWith(s));
        if (at < 0) return l;
        if (at === 0) carry = null;
        const [label, ...nums] = l.split('\t');
        const line = carry === null ? (label as string) : `${label}\t${carry}`;
        carry = nums.join('\t');
        return at === shifted.length - 1 ? `${line}\n\t${carry}` : line;
      };
    };
    expect(await silentlyWrong('text-tabs', [0], 4, shiftDown())).toEqual([]);
    const truth = randomReport(2, { blankRate: 0, version: '2021' });
    const lines = new TextDecoder().decode(renderReport(truth, 'text-tabs')).split('\n');
    const r = await parse(lines.map(shiftDown()).join('\n'));
    const refused = r.findings.filter((f) => f.rule === 'parse.ambiguous').flatMap((f) => f.cells);
    const keys = ['threeSecuritiesOneStability', 'thirdPartyRights', 'internalAffairs', 'processInformation'];
    expect(new Set(refused.map((p) => p.split('.').slice(0, 3).join('.')))).toEqual(new Set(keys.map((k) => `applications.denied.${k}`)));
    // The same text without the shift: a row printed with no numbers is a blank row, not a refusal.
    const blank = await parse(lines.map((l) => (l.startsWith('3.危及') ? '3.危及“三安全一稳定”' : l)).join('\n'));
    expect(blank.findings.filter((f) => f.rule === 'parse.ambiguous')).toEqual([]);
    expect(blank.applications.denied.thirdPartyRights.total).toBe(truth.applications.denied.thirdPartyRights.total);
  });

  it("a PDF's page numbers kept in its text (-3-, — 5 —, 第 6 页 共 9 页, a number alone before a page break) are no table row", async () => {
    const footers = (breaks: boolean) => (l: string) => {
      if (l.includes('行政处罚')) return `     -2-\n${breaks ? '\f' : ''}${l}`;
      if (l.includes('3.危及')) return `— 5 —\n${l}`;
      if (l.includes('（七）')) return `第 6 页 共 9 页\n${l}`;
      if (l.includes('5.属于三类')) return `          6/9\n${l}`;
      if (breaks && l.includes('四、结转')) return `\n                7\n\n\f${l}`;
      return l;
    };
    for (const format of ['text-pipes', 'text-tabs'] as const) expect(await silentlyWrong(format, [0, 0.3], 6, footers(true))).toEqual([]);
    expect(await silentlyWrong('text-cells', [0, 0.3], 6, footers(false))).toEqual([]);
  });

  it('pipe text with a border on every line: the outer pipes are no empty cells (table 四 with blanks stays in its columns)', async () => {
    expect(await silentlyWrong('text-pipes', [0.3, 0.6], 12, (l) => (l.includes('|') ? `| ${l} |` : l))).toEqual([]);
  });

  it("LibreOffice's text export: an empty line between numbers is a blank cell, not a row end", async () => {
    const r = await parse(await text('libreoffice-txt-blanks-2022'));
    const truth = JSON.parse(await readFile(join(fixtures, 'libreoffice-txt-blanks-2022/truth.json'), 'utf8'));
    expect(r.applications).toEqual(truth.applications);
    expect(r.reviews).toEqual(truth.reviews);
  });

  it("a plain-text table ruled with dashes is cut at the rule's columns; a simple table ends at an empty line", () => {
    const doc = extractText(['  名称       数量   其他', '  ---------- ------ ------', '  行政许可          3', '', '  下文  不是  表格  的一行 5'].join('\n'));
    expect(doc.rows.map((r) => r.cells.map((c) => c.text))).toEqual([
      ['名称', '数量', '其他'],
      ['行政许可', '', '3'],
      ['下文', '不是', '表格', '的一行 5'],
    ]);
  });
});
