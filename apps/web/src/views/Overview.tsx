import type { MetricKey } from '@gongkai/report-template';
import { MetricsDocument } from '../api/gql/graphql.js';
import { formatChange, formatNumber } from '../charts/base.js';
import { Chart } from '../charts/Chart.js';
import { multiplesOption } from '../charts/multiples/option.js';
import { stackedOption } from '../charts/outcomes/option.js';
import { trendOption } from '../charts/trend/option.js';
import { Empty, ErrorState, Loading } from '../components/states.js';
import { useT } from '../i18n.js';
import { byMetricYear, isRate, METRIC_CSV_HEADER, type MetricRow, metricCsvRows, metricUnit, seriesValues } from '../state/metrics.js';
import { requestAllMetrics, useQuery } from '../state/query.js';
import { useSession } from '../state/session.js';
import { routeHref } from '../state/url.js';

export const HEADLINE = [
  'applications.received',
  'applications.handled',
  'rate.disclosure',
  'reviews.reconsiderations',
  'rate.reconsiderationCorrection',
  'reviews.litigations',
  'rate.litigationCorrection',
  'proactive.normativeDocuments.issued',
  'proactive.licensing',
  'proactive.penalties',
] as const satisfies readonly MetricKey[];

export const TRENDS = {
  apps: ['applications.received', 'applications.handled'],
  outcomes: [
    'applications.granted.total',
    'applications.partiallyGranted.total',
    'applications.denied',
    'applications.unavailable',
    'applications.notProcessed',
    'applications.otherHandling.total.total',
  ],
  rates: ['rate.disclosure', 'rate.partial', 'rate.refusal', 'rate.notHeld'],
  reviews: ['reviews.reconsiderations', 'reviews.litigations'],
  reviewResults: ['reviews.reconsideration.upheld', 'reviews.reconsideration.corrected', 'reviews.reconsideration.other', 'reviews.reconsideration.pending'],
  proactive: ['proactive.normativeDocuments.issued', 'proactive.licensing', 'proactive.penalties', 'proactive.coercion'],
} as const satisfies Record<string, readonly MetricKey[]>;

export function Overview() {
  const { t, metric, lang } = useT();
  const s = useSession();
  const county = s.county?.id ?? '';
  const head = useQuery(
    MetricsDocument,
    { metrics: [...HEADLINE], scope: { under: county }, years: [s.year - 1, s.year], groupBy: ['year'] },
    false,
    s.revision,
    requestAllMetrics,
  );
  const all = [...new Set(Object.values(TRENDS).flat())];
  const trend = useQuery(MetricsDocument, { metrics: all, scope: { under: county }, groupBy: ['year'] }, false, s.revision, requestAllMetrics);
  const notes = [`${s.county?.name ?? ''} ${t('year')} ${s.years[0] ?? ''}–${s.years[s.years.length - 1] ?? ''}`, `${t('print.version')} ${s.metricsVersion}`];

  if (head.error) return <ErrorState error={head.error} retry={head.reload} />;
  if (trend.error) return <ErrorState error={trend.error} retry={trend.reload} />;
  if (head.loading || trend.loading || !head.data || !trend.data) return <Loading />;
  const headIndex = byMetricYear(head.data.metrics.edges.map((e) => e.node));
  const trendRows = trend.data.metrics.edges.map((e) => e.node);
  const index = byMetricYear(trendRows);
  const years = [...new Set(trendRows.map((r) => r.year).filter((y): y is number => y !== null))].sort((a, b) => a - b);
  const thisYear = headIndex.get('applications.received' satisfies MetricKey)?.get(s.year);
  if (!thisYear || !years.length) return <Empty>{t('empty.noData')}</Empty>;

  const chart = (id: string, title: string, keys: readonly string[], kind: 'line' | 'stack' | 'rate' | 'panels') => {
    const series = keys.map((k) => ({ key: k, name: metric(k), values: seriesValues(index, k, years) }));
    const rows = trendRows.filter((r) => keys.includes(r.metric));
    const axes = { valueName: kind === 'rate' ? t('axis.rate') : `${t('axis.count')}`, categoryName: t('axis.year') };
    const option =
      kind === 'stack'
        ? stackedOption({ categories: years.map(String), series, ...axes, description: title })
        : kind === 'panels'
          ? // Series of very different sizes: each on its own scale.
            multiplesOption({
              years,
              panels: series.map((x) => ({ name: x.name, values: x.values })),
              columns: 2,
              independent: true,
              valueName: metricUnit(keys[0] as string, lang),
              description: title,
            })
          : trendOption({ years, series, percent: kind === 'rate', ...axes, description: title });
    return <Chart id={id} title={title} option={option} data={{ header: METRIC_CSV_HEADER, rows: metricCsvRows(rows) }} notes={notes} />;
  };

  return (
    <section aria-labelledby="overview-title">
      <h1 id="overview-title">
        {s.county?.name} · {s.year} · {t('nav.overview')}
      </h1>
      <h2>{t('overview.headline')}</h2>
      <ul class="cards">
        {HEADLINE.map((k) => (
          <HeadlineCard key={k} metricKey={k} label={metric(k)} now={headIndex.get(k)?.get(s.year)} prev={headIndex.get(k)?.get(s.year - 1)} lang={lang} />
        ))}
      </ul>
      <div class="grid2">
        {chart('trend-applications', t('overview.trendApps'), TRENDS.apps, 'line')}
        {chart('trend-outcomes', t('overview.trendOutcomes'), TRENDS.outcomes, 'stack')}
        {chart('trend-rates', t('overview.trendRates'), TRENDS.rates, 'rate')}
        {chart('trend-reviews', t('overview.trendReviews'), TRENDS.reviews, 'line')}
        {chart('trend-review-results', t('overview.trendReviewResults'), TRENDS.reviewResults, 'stack')}
        {chart('trend-proactive', t('overview.trendProactive'), TRENDS.proactive, 'panels')}
      </div>
    </section>
  );
}

function HeadlineCard({ metricKey, label, now, prev, lang }: { metricKey: string; label: string; now?: MetricRow; prev?: MetricRow; lang: 'zh' | 'en' }) {
  const { t } = useT();
  const s = useSession();
  const rate = isRate(metricKey);
  const v = now?.value ?? null;
  const p = prev?.value ?? null;
  const delta = v !== null && p !== null ? v - p : null;
  const deltaText = formatChange(delta, rate, lang);
  const href = routeHref('compare', { county: s.county?.id, year: s.year, metric: metricKey, from: s.year - 1, to: s.year, lang: lang === 'en' ? 'en' : null });
  return (
    <li class="card" data-metric={metricKey}>
      <span class="card-label">{label}</span>
      <strong class="card-value">{formatNumber(v, rate, lang)}</strong>
      {rate && now && (
        <span class={`card-n ${now.smallSample ? 'small-sample' : ''}`}>
          n = {formatNumber(now.denominator, false, lang)}
          {now.smallSample ? ` · ${t('compare.smallSample')}` : ''}
          {now.low !== null && now.high !== null ? ` · 95% ${formatNumber(now.low, true)}–${formatNumber(now.high, true)}` : ''}
        </span>
      )}
      <span class={`card-delta ${delta === null ? '' : delta > 0 ? 'up' : delta < 0 ? 'down' : ''}`}>
        {t('overview.vsPrev')} {deltaText}
      </span>
      <a href={href}>{t('overview.units')} →</a>
    </li>
  );
}
