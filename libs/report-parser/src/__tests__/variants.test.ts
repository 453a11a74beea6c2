import { RENDER_EXT, type RenderFormat, randomReport, renderReport } from '@gongkai/report-render';
import { type CanonicalReport, cellPaths, getCell } from '@gongkai/report-template';
import { describe, expect, it } from 'vitest';
import { parseReport } from '../parse.js';

/**
 * Label and number variants seen in real reports (issue: read every real report). Each case rewrites
 * a rendered report the way real bodies print it; every number must still
 * come back under its own label, and no digit inside a label may become a value.
 */
const SUB_ROW = /(^|\| |\t|\n)([1-8])\.(?=[\u4e00-\u9fff])/g;
const CASES: { name: string; edit: (text: string) => string }[] = [
  { name: 'sub-rows numbered 1、 2、 (顿号)', edit: (t) => t.replace(SUB_ROW, '$1$2、') },
  { name: 'sub-rows numbered （1）', edit: (t) => t.replace(SUB_ROW, '$1（$2）') },
  { name: 'sub-rows numbered ①', edit: (t) => t.replace(SUB_ROW, (_, a, n) => `${a}${String.fromCodePoint(0x245f + Number(n))}`) },
  { name: 'sub-rows numbered (1) with ASCII brackets', edit: (t) => t.replace(SUB_ROW, '$1($2)') },
  { name: 'spaces inside headings', edit: (t) => t.replaceAll('第二十条第', '第二十条 第').replaceAll('一、本年新收', '一、 本年新收') },
  {
    name: 'footnote marks inside labels',
    edit: (t) => t.replace('行政处罚', '行政处罚（注1）').replace('行政许可', '行政许可(注2)').replace('2.重复申请', '2.重复申请（注3）'),
  },
  {
    name: 'footnote marks as *1, [2] and ※3 inside labels',
    edit: (t) => t.replace('行政处罚', '行政处罚*1').replace('行政许可', '行政许可[2]').replace('2.重复申请', '2.重复申请※3'),
  },
  {
    name: 'padding spaces inside short labels (Word alignment)',
    edit: (t) => t.replaceAll('规章', '规　　章').replaceAll('行政许可', '行政  许可').replaceAll('行政处罚', '行 政 处 罚'),
  },
  { name: 'trailing colons on labels', edit: (t) => t.replaceAll('行政强制', '行政强制：').replaceAll('（七）总计', '（七）总计:') },
  { name: '（七）合计 for （七）总计', edit: (t) => t.replaceAll('（七）总计', '（七）合计') },
  { name: 'sub-row numbers with a full-width stop 1．', edit: (t) => t.replace(SUB_ROW, '$1$2．') },
  {
    name: 'headings numbered （二） （三）',
    edit: (t) =>
      t.replace('二、主动公开政府信息情况', '（二）主动公开政府信息情况').replace('三、收到和处理政府信息公开申请情况', '（三）收到和处理政府信息公开申请情况'),
  },
  // Numbers as people type them: full-width digits, 件 after a count, thousands separators.
  {
    name: 'full-width digits',
    edit: (t) => t.replace(/(?<=[|\t\n ])(\d+)(?=[|\t\n ])/g, (d) => [...d].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('')),
  },
  { name: '件 after counts', edit: (t) => t.replace(/(?<=[|\t] ?)([1-9]\d*)(?= ?[|\t\n])/g, '$1件') },
  { name: 'thousands separators', edit: (t) => t.replace(/(?<=[|\t\n ])(\d)(\d{3})(?=[|\t\n ])/g, '$1,$2') },
  { name: 'superscript footnote marks', edit: (t) => t.replace('行政处罚', '行政处罚¹').replace('（七）总计', '（七）总计²') },
  {
    name: 'typos copied year after year',
    edit: (t) => t.replace('其他法律行政法规禁止公开', '其他法律行政止公开').replace('行政规范性文件', '规范性文件').replace('（六）其他处理', '（六）其他'),
  },
];
const FORMATS: RenderFormat[] = ['text-pipes', 'text-cells', 'text-tabs', 'html', 'markdown'];

function wrongCells(truth: CanonicalReport, parsed: CanonicalReport): string[] {
  return cellPaths(truth.templateVersion)
    .filter((p) => getCell(parsed, p) !== getCell(truth, p))
    .map((p) => `${p}: ${getCell(parsed, p)} (printed ${getCell(truth, p)})`);
}

describe('label variants of real reports', () => {
  for (const c of CASES) {
    for (const f of FORMATS) {
      it(`${c.name} (${f})`, async () => {
        for (let seed = 1; seed <= 8; seed++) {
          const truth = randomReport(seed, { blankRate: 0, version: '2021' });
          const text = c.edit(new TextDecoder().decode(renderReport(truth, f)));
          const parsed = await parseReport(new TextEncoder().encode(text), `r.${RENDER_EXT[f]}`);
          expect(wrongCells(truth, parsed), `seed ${seed}`).toEqual([]);
          expect(parsed.findings.filter((x) => x.rule === 'parse.unknownRow' || x.rule === 'parse.cellCount' || x.rule === 'parse.rowMissing')).toEqual([]);
        }
      });
    }
  }
});
