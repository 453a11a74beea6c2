import { METRICS } from '@gongkai/report-template';
import type { MetricsQuery } from '../api/gql/graphql.js';

export type MetricRow = MetricsQuery['metrics']['edges'][number]['node'];
/** What every metrics query of the dashboard asks for (some ask for more). */
export type MetricRowLike = Pick<MetricRow, 'metric' | 'year' | 'value' | 'numerator' | 'denominator' | 'smallSample' | 'reports'> & {
  unit: { id: string; name: string } | null;
  low?: number | null;
  high?: number | null;
};

/** Long-format rows → values by metric and year (or unit), for option builders. */
export function byMetricYear(rows: readonly MetricRow[]): Map<string, Map<number, MetricRow>> {
  const out = new Map<string, Map<number, MetricRow>>();
  for (const r of rows) {
    if (r.year === null) continue;
    let m = out.get(r.metric);
    if (!m) out.set(r.metric, (m = new Map()));
    m.set(r.year, r);
  }
  return out;
}

export function seriesValues(index: Map<string, Map<number, MetricRow>>, metric: string, years: readonly number[]): (number | null)[] {
  return years.map((y) => index.get(metric)?.get(y)?.value ?? null);
}

export const METRIC_CSV_HEADER = ['metric', 'year', 'unit_id', 'unit', 'value', 'numerator', 'denominator', 'low', 'high', 'small_sample', 'reports'] as const;

/** The API's rows as CSV cells, in the API's order. */
export function metricCsvRows(rows: readonly MetricRowLike[]) {
  return rows.map((r) => [
    r.metric,
    r.year,
    r.unit?.id ?? null,
    r.unit?.name ?? null,
    r.value,
    r.numerator,
    r.denominator,
    r.low ?? null,
    r.high ?? null,
    r.smallSample,
    r.reports,
  ]);
}

export const isRate = (key: string) => key.startsWith('rate.');

/** The unit a metric's values are in, for axis names: 件, 万元, %, 件/万人. */
export function metricUnit(key: string, lang: 'zh' | 'en'): string {
  const def = METRICS.get(key);
  if (def?.kind === 'rate' || key.startsWith('rate.')) return '%';
  if (def?.kind === 'perTenThousand') return lang === 'zh' ? '件/万人' : 'per 10,000 people';
  if (/fees/i.test(key)) return lang === 'zh' ? '万元' : '10,000 yuan';
  return lang === 'zh' ? '件' : 'cases';
}
