import type { MetricValue } from '@gongkai/report-template';
import type { Group } from './metrics-sql.js';

export interface MetricRow extends MetricValue {
  year: number | null;
  unitId: number | null;
  parentId: number | null;
  kind: string | null;
  metric: string;
  reports: number;
}

export interface MetricOrder {
  metric: string;
  direction: 'ASC' | 'DESC';
}

/**
 * Long format: one row per group × metric, the groups ordered by a metric (nulls last) then by
 * year, unit, parent and kind. Sorts `groups` in place.
 */
export function longRows(groups: Group[], metrics: readonly string[], order: MetricOrder | null | undefined): MetricRow[] {
  const dir = order?.direction === 'ASC' ? 1 : -1;
  groups.sort((a, b) => {
    if (order) {
      const va = a.values.get(order.metric)?.value ?? null;
      const vb = b.values.get(order.metric)?.value ?? null;
      if (va !== vb) {
        if (va === null) return 1;
        if (vb === null) return -1;
        return (va - vb) * dir;
      }
    }
    return (
      (a.year ?? 0) - (b.year ?? 0) ||
      (a.unitId ?? 0) - (b.unitId ?? 0) ||
      (a.parentId ?? 0) - (b.parentId ?? 0) ||
      String(a.kind).localeCompare(String(b.kind))
    );
  });
  return groups.flatMap((g) =>
    metrics.map((m) => ({
      year: g.year,
      unitId: g.unitId,
      parentId: g.parentId,
      kind: g.kind,
      reports: g.reports,
      metric: m,
      ...(g.values.get(m) as MetricValue),
    })),
  );
}

export interface YoyRow {
  unitId: number;
  from: number | null;
  to: number | null;
  change: number | null;
  relativeChange: number | null;
}

/**
 * Year over year per unit from groups by unit and year: the metric in both years, the change and
 * the relative change (null when either year has no value, or the first is 0), largest rise first.
 */
export function yoyRows(groups: readonly Group[], metric: string, from: number, to: number): YoyRow[] {
  const byUnit = new Map<number, { from: MetricValue | null; to: MetricValue | null }>();
  for (const g of groups) {
    const e = byUnit.get(g.unitId as number) ?? { from: null, to: null };
    if (g.year === from) e.from = g.values.get(metric) ?? null;
    if (g.year === to) e.to = g.values.get(metric) ?? null;
    byUnit.set(g.unitId as number, e);
  }
  return [...byUnit.entries()]
    .map(([unitId, e]) => {
      const a = e.from?.value ?? null;
      const b = e.to?.value ?? null;
      const change = a !== null && b !== null ? b - a : null;
      return { unitId, from: a, to: b, change, relativeChange: change !== null && a ? change / a : null };
    })
    .sort((x, y) => (y.change ?? Number.NEGATIVE_INFINITY) - (x.change ?? Number.NEGATIVE_INFINITY) || x.unitId - y.unitId);
}

export interface Quartiles {
  p25: number | null;
  p50: number | null;
  p75: number | null;
}

/** A row in its ranking: the row itself, not copied (a province's units are thousands of rows). */
export interface Ranked<T> {
  row: T;
  rank: number | null;
  percentile: number | null;
}

/**
 * Rows ranked by value (largest first unless `ascending`; ties share the best rank, then by unit),
 * each with its percentile — the share of the other valued rows strictly below it — and the
 * quartiles of the values. Rows without a value come last, unranked.
 */
export function rank<T extends { unitId: number; value: number | null }>(
  rows: readonly T[],
  ascending: boolean,
): { rows: Ranked<T>[]; quartiles: Quartiles; count: number } {
  const valued = rows.filter((r) => r.value !== null).sort((a, b) => (ascending ? 1 : -1) * ((a.value as number) - (b.value as number)) || a.unitId - b.unitId);
  const sorted = valued.map((r) => r.value as number).sort((a, b) => a - b);
  const n = sorted.length;
  // `valued` is in rank order, so a tie's rank is where its value first appears (n log n, not n²).
  let r = 0;
  const ranked: Ranked<T>[] = valued.map((row, i) => {
    const value = row.value as number;
    if (i === 0 || value !== valued[i - 1]?.value) r = i + 1;
    return { row, rank: r, percentile: n > 1 ? lowerBound(sorted, value) / (n - 1) : 1 };
  });
  for (const row of rows) if (row.value === null) ranked.push({ row, rank: null, percentile: null });
  return { rows: ranked, quartiles: quartiles(sorted), count: n };
}

/** How many of the ascending `sorted` values are strictly below `value`. */
export function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** P25, P50, P75 of ascending values by linear interpolation between order statistics (R type 7). */
export function quartiles(sorted: readonly number[]): Quartiles {
  const q = (p: number) => {
    if (sorted.length === 0) return null;
    const h = (sorted.length - 1) * p;
    const lo = Math.floor(h);
    return (sorted[lo] as number) + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] as number) - (sorted[lo] as number));
  };
  return { p25: q(0.25), p50: q(0.5), p75: q(0.75) };
}
