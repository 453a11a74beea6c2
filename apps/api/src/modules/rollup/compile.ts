import {
  type CanonicalReport,
  type CellPath,
  cellLabel,
  cellPaths,
  DERIVED_METRICS,
  emptyReport,
  evaluateMetric,
  type Finding,
  type MetricKey,
  type RuleId,
  setPath,
  type TemplateVersion,
} from '@gongkai/report-template';
import { crossYearFindings, validateReport } from '@gongkai/report-validation';
import { FIGURE_PATHS, isDecimalFigure } from '../published/figure-columns.js';

/** The roll-up is laid out as the 2021 template; 2019-format units add in key by key (as the metric dictionary does). */
export const ROLLUP_PATHS: readonly string[] = cellPaths('2021');

/** Headline figures shown with their change on the previous year. */
export const HEADLINE_METRICS = [
  'applications.received',
  'applications.handled',
  'rate.disclosure',
  'applications.denied',
  'reviews.reconsiderations',
  'reviews.litigations',
] as const satisfies readonly MetricKey[];

/** Rules of the template checked on the totals (cross-year and per-unit-kind rules do not apply to a sum). */
const TOTAL_RULES = new Set<string>([
  'applications.balance',
  'applications.rowTotal',
  'applications.outcomeSum',
  'reviews.groupTotal',
  'values.nonNegativeInteger',
  'text.matchesTables',
] satisfies RuleId[]);

export type Totals = ReadonlyMap<string, number>;

/** Sums of decimal cells (万元) lose float noise below 1 分 (10⁻⁶ 万元); counts stay exact integers. */
export function roundFigure(path: string, v: number): number {
  return isDecimalFigure(path) ? Math.round(v * 1_000_000) / 1_000_000 : Math.round(v);
}

/** Figures of one stored row (report_figures or figures_rollup) keyed by canonical path. */
export function figuresOf(row: Record<string, unknown>, columns: Readonly<Record<string, string>>, keepNull = false): Map<string, number | null> {
  const out = new Map<string, number | null>();
  for (const p of FIGURE_PATHS) {
    const raw = row[columns[p] as string];
    if (raw === null || raw === undefined) {
      if (keepNull) out.set(p, null);
      continue;
    }
    out.set(p, Number(raw));
  }
  return out;
}

/** A unit's published figures as a canonical report of its own template version (for its rule checks). */
export function unitReport(version: TemplateVersion, organ: string, year: number, figures: ReadonlyMap<string, number | null>): CanonicalReport {
  const r = emptyReport(version);
  r.organ = organ;
  r.year = year;
  for (const p of cellPaths(version)) setPath(r as unknown as Record<string, unknown>, p, figures.get(p) ?? null);
  return r;
}

const fmtN = (n: number) => String(n);

/**
 * Sentences for section 一 with the figures filled in, for the office to edit. Only figures from
 * the tables and the number of reports compiled; nothing else is said.
 */
export function suggestedProse(scopeName: string, year: number, reports: number, totals: Totals): string[] {
  const t = (k: CellPath) => totals.get(k) ?? 0;
  const received = t('applications.newReceived.total');
  const over = t('applications.carriedOver.total');
  const handled = t('applications.processedTotal.total');
  const granted = t('applications.granted.total');
  const partial = t('applications.partiallyGranted.total');
  const forward = t('applications.carriedForward.total');
  const recon = t('reviews.reconsideration.total');
  const lit = t('reviews.litigationDirect.total') + t('reviews.litigationAfterReconsideration.total');
  const rate = handled > 0 ? `，予以公开率${((granted / handled) * 100).toFixed(1)}%` : '';
  return [
    `本报告汇总了${scopeName}${reports}个单位${year}年度政府信息公开工作年度报告的数据。`,
    `${year}年，共收到政府信息公开申请${fmtN(received)}件，上年结转${fmtN(over)}件；办结${fmtN(handled)}件，其中予以公开${fmtN(granted)}件、部分公开${fmtN(partial)}件${rate}；结转下年度继续办理${fmtN(forward)}件。`,
    `发生政府信息公开行政复议${fmtN(recon)}件、行政诉讼${fmtN(lit)}件。`,
  ];
}

/** The canonical report of the roll-up, in the shape `gongkai parse --json` writes. */
export function rollupData(organ: string, year: number, totals: Totals, prose: string[], reports: number) {
  const r = emptyReport('2021');
  r.organ = organ;
  r.year = year;
  const provenance: Record<string, { raw: string; derived: string }> = {};
  for (const p of ROLLUP_PATHS) {
    const v = totals.get(p) ?? 0;
    setPath(r as unknown as Record<string, unknown>, p, v);
    provenance[p] = { raw: String(v), derived: `sum of ${reports} published reports` };
  }
  r.text = { overview: prose.join('\n'), problems: null, other: null };
  const findings: Finding[] = validateReport(r, { unitKind: 'government' }).filter((f) => TOTAL_RULES.has(f.rule));
  return { ...r, source: { format: 'json' as const }, publishedDate: null, provenance, findings };
}

/** The cross-year rules on the totals: this year's roll-up against the same scope's last year. */
export function crossYearTotals(organ: string, year: number, now: CanonicalReport, before: Totals): Finding[] {
  const prev = emptyReport('2021');
  prev.organ = organ;
  prev.year = year - 1;
  for (const p of ROLLUP_PATHS) setPath(prev as unknown as Record<string, unknown>, p, before.get(p) ?? 0);
  return crossYearFindings(now, prev);
}

export interface YoyRow {
  metric: string;
  zh: string;
  en: string;
  value: number | null;
  previous: number | null;
  change: number | null;
  relativeChange: number | null;
}

export function yoyRows(now: Totals, before: Totals | null): YoyRow[] {
  return HEADLINE_METRICS.map((key) => {
    const def = DERIVED_METRICS.find((d) => d.key === key);
    if (!def) throw new Error(`unknown headline metric ${key}`);
    const value = evaluateMetric(def, (k) => now.get(k) ?? 0).value;
    const previous = before ? evaluateMetric(def, (k) => before.get(k) ?? 0).value : null;
    const change = value !== null && previous !== null ? value - previous : null;
    const relativeChange = change !== null && previous ? change / previous : null;
    return { metric: key, zh: def.zh, en: def.en, value, previous, change, relativeChange };
  });
}

/** Findings of a unit's own report that break the same rule on the same cells as a total's finding. */
export function sameBreak(total: Finding, own: Finding[]): Finding | undefined {
  const cells = new Set(total.cells);
  return own.find((f) => f.rule === total.rule && f.cells.some((c) => cells.has(c)));
}

export interface CellChange {
  key: string;
  label: string;
  before: number;
  after: number;
}

export function diffTotals(before: Record<string, number>, after: Totals): CellChange[] {
  const out: CellChange[] = [];
  for (const p of ROLLUP_PATHS) {
    const a = after.get(p) ?? 0;
    const b = before[p] ?? 0;
    if (a !== b) out.push({ key: p, label: cellLabel(p), before: b, after: a });
  }
  return out;
}
