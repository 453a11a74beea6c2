import {
  APPLICANT_COLUMNS,
  APPLICATION_ROWS,
  cellLabel,
  cellPaths,
  type Finding,
  getCell,
  type ParsedReport,
  proactiveItems,
  proactivePath,
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
  sectionHeading,
} from '@gongkai/report-template';

const SEVERITY_ZH = { error: '错误', warning: '警告', info: '提示' } as const;

function cell(v: number | null): string {
  return v === null ? '·' : String(v);
}

/** Cuts a label to `max` characters, marking the cut with … so it is never mistaken for the whole. */
export function clip(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('')}…`;
}

function pad(s: string, width: number): string {
  // CJK characters take two columns in a terminal.
  const w = [...s].reduce((n, ch) => n + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
  return s + ' '.repeat(Math.max(0, width - w));
}

/** A readable summary of one parsed report: its three tables and its findings. */
export function formatSummary(r: ParsedReport, file?: string): string {
  const out: string[] = [];
  out.push(
    `${file ? `${file}\n` : ''}${r.organ ?? '（未知机关）'} ${r.year ?? '（年份不明）'} 年度报告 · 模板 ${r.templateVersion} 版 · ${r.source.format}${r.source.encoding ? ` (${r.source.encoding})` : ''}`,
  );
  out.push('', sectionHeading('proactive'));
  for (const item of proactiveItems(r.templateVersion)) {
    const vals = item.columns.map((c) => `${c.label} ${cell(getCell(r, proactivePath(item, c)))}`);
    out.push(`  ${pad(item.label, 22)}${vals.join('  ')}`);
  }
  out.push('', sectionHeading('applications'));
  out.push(`  ${pad('', 40)}${APPLICANT_COLUMNS.map((c) => pad(clip(c.short, 4), 9)).join('')}`);
  for (const row of APPLICATION_ROWS) {
    if (!row.versions.includes(r.templateVersion) && !cellPaths(r.templateVersion).length) continue;
    const vals = APPLICANT_COLUMNS.map((c) => getCell(r, `applications.${row.key}.${c.key}`));
    if (row.key.startsWith('otherHandling.') && vals.every((v) => v === null)) continue;
    out.push(`  ${pad(clip(row.full, 19), 40)}${vals.map((v) => pad(cell(v), 9)).join('')}`);
  }
  out.push('', sectionHeading('reviews'));
  out.push(`  ${pad('', 18)}${REVIEW_COLUMNS.map((c) => pad(c.label, 10)).join('')}`);
  for (const g of REVIEW_GROUPS) {
    out.push(`  ${pad(g.short, 18)}${REVIEW_COLUMNS.map((c) => pad(cell(getCell(r, `reviews.${g.key}.${c.key}`)), 10)).join('')}`);
  }
  if (r.findings.length === 0) out.push('', '未发现问题 (no findings)');
  else {
    out.push('', `发现 ${r.findings.length} 项：`);
    for (const f of r.findings) out.push(`  ${formatFinding(f)}`);
  }
  return out.join('\n');
}

export function formatFinding(f: Finding): string {
  const where = f.cells.length === 1 && !f.message.startsWith(cellLabel(f.cells[0] as string)) ? ` [${cellLabel(f.cells[0] as string)}]` : '';
  return `[${SEVERITY_ZH[f.severity]}] ${f.rule}: ${f.message}${where}`;
}
