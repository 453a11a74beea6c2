import { randomReport, renderReport } from '@gongkai/report-render';
import { APPLICATION_ROWS, type CanonicalReport, cellPaths, type Finding, getCell } from '@gongkai/report-template';
import { describe, expect, it } from 'vitest';
import { parseReport } from '../parse.js';

/**
 * Markdown from PDF converters whose rows drifted: wrapped labels split over several rows, a label
 * lost so a bare row of numbers is left, header rows glued in. A row's numbers are never returned
 * under another row's label without a finding; a cell that cannot be placed is flagged.
 */
const FLAGS = new Set(['parse.ambiguous', 'parse.cellCount']);

function check(truth: CanonicalReport, parsed: { findings: Finding[] } & CanonicalReport) {
  const flagged = new Set(parsed.findings.filter((f) => FLAGS.has(f.rule)).flatMap((f) => f.cells));
  const silent = cellPaths(truth.templateVersion).filter((p) => !flagged.has(p) && getCell(parsed, p) !== getCell(truth, p));
  const right = cellPaths(truth.templateVersion).filter((p) => getCell(parsed, p) === getCell(truth, p)).length;
  return { silent, right, total: cellPaths(truth.templateVersion).length };
}

async function parseMd(md: string) {
  return parseReport(new TextEncoder().encode(md), 'converted.md');
}

function md(seed: number): { truth: CanonicalReport; text: string } {
  const truth = randomReport(seed, { blankRate: 0, version: '2021' });
  return { truth, text: new TextDecoder().decode(renderReport(truth, 'markdown')) };
}

const width = (line: string) => line.split('|').length - 2;
const blankRow = (n: number, first: string) => `| ${first} |${' |'.repeat(n - 1)}`;

describe('converter markdown with drifted rows', () => {
  const outcomeRows = APPLICATION_ROWS.filter((r) => r.role === 'outcome' && /^\d\./.test(r.label));

  it('a lost label: the bare row of numbers goes to the one row left without numbers, and says so', async () => {
    for (let seed = 1; seed <= 12; seed++) {
      const { truth, text } = md(seed);
      const row = outcomeRows[seed % outcomeRows.length];
      if (!row) continue;
      const lines = text.split('\n');
      const i = lines.findIndex((l) => l.includes(`| ${row.label} |`));
      expect(i, row.label).toBeGreaterThan(0);
      lines[i] = (lines[i] as string).replace(row.label, ' ');
      const parsed = await parseMd(lines.join('\n'));
      const r = check(truth, parsed);
      expect(r.silent, `seed ${seed}, ${row.key}`).toEqual([]);
      expect(r.right).toBe(r.total);
      expect(parsed.findings.some((f) => f.rule === 'parse.realigned' && f.cells.includes(`applications.${row.key}.total`))).toBe(true);
    }
  });

  it("a blank last row of table 二 with table 三's heading lost does not take table 三's first numbers", async () => {
    for (let seed = 1; seed <= 8; seed++) {
      const truth = randomReport(seed, { blankRate: 0, version: '2021' });
      truth.proactive.feesWan = null;
      const lines = new TextDecoder()
        .decode(renderReport(truth, 'markdown'))
        .split('\n')
        .filter((l) => !l.includes('三、收到和处理政府信息公开申请情况'));
      const parsed = await parseMd(lines.join('\n'));
      expect(parsed.proactive.feesWan, `seed ${seed}`).toBeNull();
      expect(check(truth, parsed).silent, `seed ${seed}`).toEqual([]);
    }
  });

  it('wrapped labels split over two or three rows, numbers on any of them', async () => {
    for (let seed = 1; seed <= 12; seed++) {
      const { truth, text } = md(seed);
      const lines = text.split('\n');
      for (const row of APPLICATION_ROWS.filter((r) => r.label.length > 14)) {
        const i = lines.findIndex((l) => l.includes(`| ${row.label} |`));
        if (i < 0) continue;
        const cells = (lines[i] as string).split('|').slice(1, -1);
        const n = cells.length;
        const at = cells.findIndex((c) => c.trim() === row.label);
        const parts = [row.label.slice(0, 9), row.label.slice(9, 18), row.label.slice(18)].filter(Boolean);
        const numbersOn = seed % parts.length;
        const out = parts.map((p, k) => {
          if (k === numbersOn) return `|${cells.map((c, j) => (j === at ? ` ${p} ` : k === 0 || j > at ? c : ' ')).join('|')}|`;
          return blankRow(n, k === 0 && at > 0 ? `${cells.slice(0, at).join(' | ')} | ${p}` : p).replace(/^\| (.*?) \|/, (_m, a) => `| ${a} |`);
        });
        lines.splice(i, 1, ...out);
      }
      const parsed = await parseMd(lines.join('\n'));
      const r = check(truth, parsed);
      expect(r.silent, `seed ${seed}`).toEqual([]);
      expect(r.right, `seed ${seed}`).toBe(r.total);
    }
  });

  it('a header row glued onto the last rows is no row of numbers', async () => {
    for (let seed = 1; seed <= 12; seed++) {
      const { truth, text } = md(seed);
      const lines = text.split('\n');
      const i = lines.findIndex((l) => l.includes('| 四、结转下年度继续办理 |'));
      const n = width(lines[i] as string);
      lines.splice(
        i,
        0,
        `| 申请人情况 | 自然人 | 法人或其他组织 |${' |'.repeat(n - 3)}`,
        `| 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |${' |'.repeat(Math.max(0, n - 6))}`,
      );
      const parsed = await parseMd(lines.join('\n'));
      const r = check(truth, parsed);
      expect(r.silent, `seed ${seed}`).toEqual([]);
      expect(r.right, `seed ${seed}`).toBe(r.total);
    }
  });

  it('two lost labels in one group: the numbers are flagged unless the arithmetic tells them apart', async () => {
    for (let seed = 1; seed <= 12; seed++) {
      const { truth, text } = md(seed);
      const lines = text.split('\n');
      for (const label of ['2.重复申请', '3.要求提供公开出版物']) {
        const i = lines.findIndex((l) => l.includes(`| ${label} |`));
        lines[i] = (lines[i] as string).replace(label, ' ');
      }
      const parsed = await parseMd(lines.join('\n'));
      expect(check(truth, parsed).silent, `seed ${seed}`).toEqual([]);
    }
  });
});
