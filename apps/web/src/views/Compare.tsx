import type { MetricKey } from '@gongkai/report-template';
import { type JurisdictionKind, RankingDocument, UnitMetricsDocument, UnitsDocument, YoyDocument } from '../api/gql/graphql.js';
import { formatChange, formatNumber } from '../charts/base.js';
import { Chart } from '../charts/Chart.js';
import { groupedOption } from '../charts/grouped/option.js';
import { heatmapOption } from '../charts/heatmap/option.js';
import { multiplesOption } from '../charts/multiples/option.js';
import { sparklinePath } from '../charts/sparkline/sparkline.js';
import { isKnownMetric, MetricPicker } from '../components/MetricPicker.js';
import { Empty, ErrorState, Loading } from '../components/states.js';
import { useT } from '../i18n.js';
import { isRate, METRIC_CSV_HEADER, metricCsvRows, metricUnit } from '../state/metrics.js';
import { requestAllMetrics, useQuery } from '../state/query.js';
import { useSession } from '../state/session.js';
import { byCode, unitLabel } from '../state/units.js';
import { idList, routeHref, updateParams, useRoute } from '../state/url.js';

const SORT_KEYS = ['rank', 'name', 'value', 'change', 'n'] as const;
type SortKey = (typeof SORT_KEYS)[number];

export function Compare() {
  const { t, metric: label, kind, lang } = useT();
  const s = useSession();
  const { params } = useRoute();
  const metric = isKnownMetric(params.get('metric')) ? (params.get('metric') as string) : ('applications.received' satisfies MetricKey);
  // Years and units from the URL count only when the county has them; anything else falls back.
  const known = (v: string | null) => (s.years.includes(Number(v)) ? Number(v) : null);
  const to = known(params.get('to')) ?? s.year;
  const from = known(params.get('from')) ?? to - 1;
  // 乡镇对比 compares township-level units unless asked for every unit (departments, government).
  const everyKind = params.get('kinds') === 'all';
  const kinds: JurisdictionKind[] | null = everyKind ? null : ['township', 'town', 'street'];
  const sortParam = params.get('sort');
  const sort: SortKey = SORT_KEYS.includes(sortParam as SortKey) ? (sortParam as SortKey) : 'rank';
  const county = s.county?.id ?? '';
  const rate = isRate(metric);

  const units = useQuery(UnitsDocument, { under: county });
  const unitIds = new Set(units.data?.jurisdictions.edges.map((e) => e.node.id) ?? []);
  const picked = idList(params.get('units')).filter((id) => unitIds.has(id));
  const data = useQuery(
    UnitMetricsDocument,
    { metrics: [metric], scope: { under: county, units: picked.length ? picked : null, kinds } },
    !units.data, // the picked units are checked against the county's first
    s.revision,
    requestAllMetrics,
  );
  const ranking = useQuery(RankingDocument, { metric, under: county, year: to, kinds }, false, s.revision);
  const yoy = useQuery(YoyDocument, { metric, from, to, under: county, kinds }, false, s.revision);

  const unitList = byCode(units.data?.jurisdictions.edges.map((e) => e.node) ?? []);
  const controls = (
    <fieldset class="controls">
      <legend class="sr-only">{t('print.filters')}</legend>
      <MetricPicker value={metric} onChange={(k) => updateParams({ metric: k })} />
      <label>
        {t('from')}{' '}
        <select name="from" value={String(from)} onChange={(e) => updateParams({ from: (e.target as HTMLSelectElement).value })}>
          {s.years.map((y) => (
            <option key={y}>{y}</option>
          ))}
        </select>
      </label>
      <label>
        {t('to')}{' '}
        <select name="to" value={String(to)} onChange={(e) => updateParams({ to: (e.target as HTMLSelectElement).value })}>
          {s.years.map((y) => (
            <option key={y}>{y}</option>
          ))}
        </select>
      </label>
      <label class="check">
        <input
          type="checkbox"
          name="kinds"
          checked={everyKind}
          onChange={(e) => updateParams({ kinds: (e.target as HTMLInputElement).checked ? 'all' : null })}
        />
        {t('compare.allKinds')}
      </label>
      <details class="unit-picker">
        <summary>
          {t('compare.pick')} ({picked.length || t('all')})
        </summary>
        <fieldset>
          <legend class="sr-only">{t('units')}</legend>
          {unitList
            .filter((u) => !kinds || kinds.includes(u.kind))
            .map((u) => (
              <label key={u.id} class="check">
                <input
                  type="checkbox"
                  name="unit"
                  value={u.id}
                  checked={picked.includes(u.id)}
                  onChange={(e) => {
                    const on = (e.target as HTMLInputElement).checked;
                    updateParams({ units: on ? [...picked, u.id] : picked.filter((x) => x !== u.id) });
                  }}
                />
                {unitLabel(u, unitList, lang)} <small>{kind(u.kind)}</small>
              </label>
            ))}
        </fieldset>
      </details>
    </fieldset>
  );

  const err = data.error ?? ranking.error ?? yoy.error;
  if (err)
    return (
      <ErrorState
        error={err}
        retry={() => {
          data.reload();
          ranking.reload();
          yoy.reload();
        }}
      />
    );
  if (!data.data || !ranking.data || !yoy.data)
    return (
      <section>
        {controls}
        <Loading />
      </section>
    );

  const rows = data.data.metrics.edges.map((e) => e.node);
  const years = [...new Set(rows.map((r) => r.year).filter((y): y is number => y !== null))].sort((a, b) => a - b);
  const names = new Map<string, string>();
  for (const r of rows) if (r.unit) names.set(r.unit.id, r.unit.name);
  const order = unitList.filter((u) => names.has(u.id)).map((u) => u.id);
  for (const id of names.keys()) if (!order.includes(id)) order.push(id);
  const value = new Map(rows.map((r) => [`${r.unit?.id}:${r.year}`, r]));
  const at = (id: string, y: number) => value.get(`${id}:${y}`)?.value ?? null;
  const notes = [`${s.county?.name ?? ''} · ${label(metric)} · ${from}→${to}`, `${t('print.version')} ${s.metricsVersion}`];
  const title = label(metric);
  if (!rows.length)
    return (
      <section>
        {controls}
        <Empty>{t('empty.noData')}</Empty>
      </section>
    );

  const pickedRows = (ys: number[]) => rows.filter((r) => r.year !== null && ys.includes(r.year));
  const change = new Map(yoy.data.yoy.map((r) => [r.unit.id, r]));
  const rankRows = ranking.data.ranking.rows
    .filter((r) => !picked.length || picked.includes(r.unit.id))
    .map((r) => ({ ...r, change: change.get(r.unit.id)?.change ?? null }));
  type Row = (typeof rankRows)[number];
  // Each column's order in one place: the comparison is written ascending and the direction flips
  // it, so aria-sort and the arrow say what the rows show. Blanks go last either way.
  const sorts: Record<SortKey, { direction: 'ascending' | 'descending'; by: (a: Row, b: Row) => number }> = {
    rank: { direction: 'ascending', by: (a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) },
    name: { direction: 'ascending', by: (a, b) => a.unit.name.localeCompare(b.unit.name, 'zh') },
    value: { direction: 'descending', by: (a, b) => (a.value ?? -1e18) - (b.value ?? -1e18) },
    change: { direction: 'descending', by: (a, b) => (a.change ?? -1e18) - (b.change ?? -1e18) },
    n: { direction: 'descending', by: (a, b) => (a.denominator ?? a.numerator) - (b.denominator ?? b.numerator) },
  };
  const { direction, by } = sorts[sort];
  rankRows.sort(direction === 'ascending' ? by : (a, b) => by(b, a));
  const q = ranking.data.ranking.quartiles;
  const th = (key: SortKey, text: string) => (
    <th scope="col" aria-sort={sort === key ? direction : 'none'}>
      <button type="button" class="sort" onClick={() => updateParams({ sort: key === 'rank' ? null : key })}>
        {text}
        {sort === key ? (direction === 'ascending' ? ' ▲' : ' ▼') : ''}
      </button>
    </th>
  );

  return (
    <section aria-labelledby="compare-title">
      <h1 id="compare-title">
        {s.county?.name} · {t('nav.compare')} · {title}
      </h1>
      {controls}
      <div class="grid2">
        <Chart
          id="compare-grouped"
          title={`${t('compare.grouped')} · ${title} · ${from} / ${to}`}
          option={groupedOption({
            units: order.map((id) => names.get(id) as string),
            from: { year: from, values: order.map((id) => at(id, from)) },
            to: { year: to, values: order.map((id) => at(id, to)) },
            percent: rate,
            valueName: metricUnit(metric, lang),
            categoryName: t('axis.unit'),
            lang,
            description: `${title} ${from} / ${to}`,
          })}
          data={{ header: METRIC_CSV_HEADER, rows: metricCsvRows(pickedRows([from, to])) }}
          notes={notes}
          height={340}
        />
        <Chart
          id="compare-heatmap"
          title={`${t('compare.heatmap')} · ${title}`}
          option={heatmapOption({
            units: order.map((id) => names.get(id) as string),
            years,
            values: order.map((id) => years.map((y) => at(id, y))),
            filed: order.map((id) => years.map((y) => (value.get(`${id}:${y}`)?.reports ?? 0) > 0)),
            percent: rate,
            missingLabel: t('chart.missing'),
            categoryName: t('axis.year'),
            unitName: t('axis.unit'),
            valueName: metricUnit(metric, lang),
            description: `${title} ${t('compare.heatmap')}`,
          })}
          data={{ header: METRIC_CSV_HEADER, rows: metricCsvRows(rows) }}
          notes={notes}
          height={Math.max(300, order.length * 22 + 90)}
        />
      </div>
      <Chart
        id="compare-multiples"
        title={`${t('compare.multiples')} · ${title}`}
        option={multiplesOption({
          years,
          panels: order.map((id) => ({ name: names.get(id) as string, values: years.map((y) => at(id, y)) })),
          columns: 6,
          percent: rate,
          valueName: metricUnit(metric, lang),
          description: `${title} ${t('compare.multiples')}`,
        })}
        data={{ header: METRIC_CSV_HEADER, rows: metricCsvRows(rows) }}
        notes={notes}
        height={Math.ceil(order.length / 6) * 110 + 20}
      />
      <h2 id="ranking-title">
        {t('compare.ranking')} · {to}
      </h2>
      <p class="quartiles">
        {t('compare.quartiles')}: P25 {formatNumber(q.p25, rate, lang)} · P50 {formatNumber(q.p50, rate, lang)} · P75 {formatNumber(q.p75, rate, lang)}
      </p>
      <div class="table-wrap">
        <table class="ranking" aria-labelledby="ranking-title">
          <thead>
            <tr>
              {th('rank', t('compare.rank'))}
              {th('name', t('unit'))}
              {th('value', t('compare.value'))}
              {th('change', `${t('compare.change')} ${from}→${to}`)}
              {th('n', t('compare.n'))}
              <th scope="col">{t('compare.percentile')}</th>
              <th scope="col">
                {t('compare.trend')} {years[0]}–{years[years.length - 1]}
              </th>
            </tr>
          </thead>
          <tbody>
            {rankRows.map((r) => (
              <tr key={r.unit.id} class={r.smallSample ? 'small-sample' : ''}>
                <td>{r.rank ?? '—'}</td>
                <td>
                  <a href={routeHref('report', { county: s.county?.id, unit: r.unit.id, year: to, lang: lang === 'en' ? 'en' : null })}>{r.unit.name}</a>
                </td>
                <td class="num">
                  {formatNumber(r.value, rate, lang)}
                  {r.smallSample && (
                    <abbr class="flag" title={t('compare.smallSample')}>
                      {' '}
                      ⚠︎
                    </abbr>
                  )}
                </td>
                <td class="num">{formatChange(r.change, rate, lang)}</td>
                <td class="num">{formatNumber(rate ? r.denominator : r.numerator, false, lang)}</td>
                <td class="num">{r.percentile === null ? '—' : `${Math.round(r.percentile * 100)}`}</td>
                <td>
                  <svg class="spark" width="80" height="20" viewBox="0 0 80 20" role="img" aria-label={`${r.unit.name} ${t('compare.trend')}`}>
                    <path d={sparklinePath(years.map((y) => at(r.unit.id, y)))} fill="none" stroke="currentColor" stroke-width="1.5" />
                  </svg>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
