import type { LCell } from '@gongkai/report-render/layout';
import { type CanonicalReport, cellLabel } from '@gongkai/report-template';
import { useEffect, useState } from 'preact/hooks';
import { type ApiError, request } from '../../api/client.js';
import {
  FreezeRollupDocument,
  RollupCellDocument,
  RollupChangesDocument,
  type RollupChangesQuery,
  RollupReportDocument,
  type RollupReportQuery,
} from '../../api/gql/graphql.js';
import { TemplateTables } from '../../components/ReportTables.js';
import { Empty, ErrorState, Loading } from '../../components/states.js';
import { useT } from '../../i18n.js';
import { useQuery } from '../../state/query.js';
import { isAdmin, useSession } from '../../state/session.js';
import { routeHref, updateParams, useRoute } from '../../state/url.js';
import { type RollupKey, rt } from './messages.js';
import './rollup.css';

type Rollup = RollupReportQuery['rollupReport'];
type Changes = NonNullable<RollupChangesQuery['rollupReport']>['changes'];

const fmt = (v: number | null | undefined, digits = 0) =>
  v === null || v === undefined ? '—' : Number.isInteger(v) && digits === 0 ? v.toLocaleString('zh-CN') : v.toFixed(digits);
const isRate = (metric: string) => metric.startsWith('rate.');
const SEEN = 'gongkai.rollup.seen';

/** The data version this browser last saw for a roll-up, to say what changed since. */
function lastSeen(key: string): string | null {
  try {
    return (JSON.parse(localStorage.getItem(SEEN) ?? '{}') as Record<string, string>)[key] ?? null;
  } catch {
    return null;
  }
}
function markSeen(key: string, version: string) {
  try {
    const all = JSON.parse(localStorage.getItem(SEEN) ?? '{}') as Record<string, string>;
    all[key] = version;
    localStorage.setItem(SEEN, JSON.stringify(all));
  } catch {
    // private mode: nothing remembered
  }
}

/** The county's own annual report compiled from its units: tables, sources of every cell, downloads, freeze. */
export function RollupView() {
  const s = useSession();
  const { lang } = useT();
  const r = (k: RollupKey, v?: Record<string, string | number>) => rt(lang, k, v);
  const { params } = useRoute();
  const includeOwnOffice = params.get('own') !== 'false';
  const scope = s.county?.id ?? '';
  const vars = { scope, year: s.year, includeOwnOffice };
  const q = useQuery(RollupReportDocument, vars, !scope, s.revision);
  const data = q.data?.rollupReport ?? null;
  const [key, setKey] = useState<string | null>(null);
  const [sinceSeen, setSinceSeen] = useState<Changes | null>(null);
  const [sinceFrozen, setSinceFrozen] = useState<Changes | null>(null);

  useEffect(() => {
    if (!data) return;
    const k = `${data.scope.id}:${data.year}:${data.includeOwnOffice}`;
    const seen = lastSeen(k);
    setSinceSeen(null);
    setSinceFrozen(null);
    if (seen && seen !== data.dataVersion)
      request(RollupChangesDocument, { ...vars, since: seen, frozenId: null }).then(
        (c) => setSinceSeen(c.rollupReport.changes),
        () => setSinceSeen(null),
      );
    markSeen(k, data.dataVersion);
    const latest = data.frozen.find((f) => f.includeOwnOffice === data.includeOwnOffice);
    if (latest)
      request(RollupChangesDocument, { ...vars, since: null, frozenId: latest.id }).then(
        (c) => setSinceFrozen(c.rollupReport.changes),
        () => setSinceFrozen(null),
      );
  }, [data?.dataVersion, data?.scope.id, data?.year, data?.includeOwnOffice]);

  if (q.error) return <ErrorState error={q.error} retry={q.reload} />;
  if (q.loading && !data) return <Loading />;
  if (!data) return <Empty>—</Empty>;
  const report = data.data as unknown as CanonicalReport;
  const reportLink = (unitId: string, year = data.year) => routeHref('report', { county: s.county?.id, unit: unitId, year, lang: lang === 'en' ? 'en' : null });

  return (
    <section class="rollup" aria-labelledby="rollup-title">
      <h1 id="rollup-title">{r('title', { scope: data.scope.name, year: data.year })}</h1>
      <p class="rollup-stamp" data-testid="rollup-stamp">
        {r('stamp', { scope: data.scope.name, year: data.year, n: data.included.length, v: data.dataVersion, m: data.metricsVersion })}
      </p>
      <div class="rollup-actions">
        {data.ownOffice && (
          <label>
            <input
              type="checkbox"
              name="own"
              checked={includeOwnOffice}
              onChange={(e) => updateParams({ own: (e.target as HTMLInputElement).checked ? null : 'false' })}
            />{' '}
            {r('ownOffice', { name: data.ownOffice.name })}
          </label>
        )}
        <a class="button" href={data.docxUrl} download data-action="docx">
          {r('docx')}
        </a>
        <a class="button" href={data.csvUrl} download data-action="csv">
          {r('csv')}
        </a>
        <button type="button" onClick={() => print()}>
          {r('print')}
        </button>
        {isAdmin(s.user) && <FreezeButton rollup={data} onDone={q.reload} />}
      </div>
      <Changed label={r('changed', { since: sinceSeen?.since ?? '' })} changes={sinceSeen} lang={lang} />
      <p class="rollup-intro">{r('intro')}</p>
      <div class="rollup-layout">
        <Tables report={report} selected={key} onSelect={setKey} />
        <aside class="rollup-cell" aria-live="polite" aria-labelledby="rollup-cell-title">
          <h2 id="rollup-cell-title">{r('cellPanel')}</h2>
          {key ? <CellSources rollup={data} cell={key} reportLink={reportLink} /> : <p>{r('cellHint')}</p>}
        </aside>
      </div>

      <h2>{r('yoy')}</h2>
      <table class="rollup-yoy">
        <thead>
          <tr>
            <th scope="col">{r('metric')}</th>
            <th scope="col">{r('thisYear')}</th>
            <th scope="col">{r('lastYear')}</th>
            <th scope="col">{r('change')}</th>
          </tr>
        </thead>
        <tbody>
          {data.yoy.map((y) => (
            <tr key={y.metric} data-metric={y.metric}>
              <th scope="row">{lang === 'zh' ? y.label : y.labelEn}</th>
              <td class="num">{isRate(y.metric) ? pct(y.value) : fmt(y.value)}</td>
              <td class="num">{isRate(y.metric) ? pct(y.previous) : fmt(y.previous)}</td>
              <td class="num">
                {y.change === null
                  ? '—'
                  : isRate(y.metric)
                    ? `${y.change >= 0 ? '+' : ''}${(y.change * 100).toFixed(1)} pp`
                    : `${y.change >= 0 ? '+' : ''}${fmt(y.change)}`}
                {y.relativeChange !== null && !isRate(y.metric) ? ` (${y.relativeChange >= 0 ? '+' : ''}${(y.relativeChange * 100).toFixed(1)}%)` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{r('checks')}</h2>
      {data.checks.length === 0 ? (
        <p class="rollup-ok" data-testid="checks-ok">
          ✓ {r('checksOk')}
        </p>
      ) : (
        <ul class="rollup-checks">
          {data.checks.map((c, i) => (
            <li key={i} class={`finding-${c.severity}`}>
              <strong>{c.message}</strong>
              {c.units.length > 0 && (
                <>
                  {' '}
                  {r('breaks')}
                  <ul>
                    {c.units.map((u) => (
                      <li key={u.unit.id}>
                        <a href={reportLink(u.unit.id, yearOf(u.reportUrl))}>{u.unit.name}</a>: {u.message}
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </li>
          ))}
        </ul>
      )}

      <h2>{r('prose')}</h2>
      <div class="rollup-prose" data-testid="prose">
        {data.prose.map((p, i) => (
          <p key={i}>{p}</p>
        ))}
      </div>

      <div class="rollup-units">
        <div>
          <h2>{r('included', { n: data.included.length })}</h2>
          <ul>
            {data.included.map((u) => (
              <li key={u.unit.id}>
                <a href={reportLink(u.unit.id)}>{u.unit.name}</a>
                {u.templateVersion === '2019' ? ' (2019)' : ''}
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h2>{r('missing', { n: data.missing.length })}</h2>
          <ul data-testid="missing">
            {data.missing.map((u) => (
              <li key={u.unit.id}>
                {u.reportUrl ? <a href={reportLink(u.unit.id)}>{u.unit.name}</a> : u.unit.name} · {r(`state.${u.state}` as RollupKey) || u.state}
              </li>
            ))}
          </ul>
        </div>
      </div>

      {data.frozen.length > 0 && (
        <>
          <h2>{r('frozen')}</h2>
          <Changed
            label={r('changedSinceFrozen', { since: sinceFrozen?.since ?? '' })}
            changes={sinceFrozen}
            lang={lang}
            same={sinceFrozen && !sinceFrozen.changed ? r('unchanged') : null}
          />
          <ul class="rollup-frozen">
            {data.frozen.map((f) => (
              <li key={f.id}>
                <a href={f.docxUrl} download>
                  {r('docx')}
                </a>{' '}
                {r('frozenBy', { who: f.frozenBy ?? '—', at: String(f.frozenAt).slice(0, 16).replace('T', ' '), v: f.dataVersion })}
                {f.note ? ` · ${f.note}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** The year of an API report link (a unit counted last year only links to last year's report). */
const yearOf = (url: string) => Number(new URLSearchParams(url.split('?')[1] ?? '').get('year')) || undefined;

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/** Tables 二, 三 and 四 in the template's layout; every number is focusable and selects its cell. */
function Tables({ report, selected, onSelect }: { report: CanonicalReport; selected: string | null; onSelect: (key: string) => void }) {
  const { lang } = useT();
  return (
    <TemplateTables data={report} class="rollup-doc">
      {null}
      {(c: LCell & { key: string }, j: number) => (
        <td
          key={j}
          colSpan={c.colspan}
          rowSpan={c.rowspan}
          class={`v ${selected === c.key ? 'selected' : ''}`}
          data-key={c.key}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: numbers are focusable so keyboard users can list their sources
          tabIndex={0}
          aria-label={`${cellLabel(c.key, lang)}: ${c.text}`}
          onFocus={() => onSelect(c.key)}
          onClick={() => onSelect(c.key)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === ' ') onSelect(c.key);
          }}
        >
          {c.text}
        </td>
      )}
    </TemplateTables>
  );
}

function CellSources({ rollup, cell, reportLink }: { rollup: Rollup; cell: string; reportLink: (unitId: string) => string }) {
  const { lang } = useT();
  const r = (k: RollupKey, v?: Record<string, string | number>) => rt(lang, k, v);
  const q = useQuery(RollupCellDocument, { scope: rollup.scope.id, year: rollup.year, includeOwnOffice: rollup.includeOwnOffice, key: cell });
  if (q.error) return <ErrorState error={q.error as ApiError} retry={q.reload} />;
  const c = q.data?.rollupReport.contributions;
  if (!c) return <Loading />;
  const sum = c.contributions.reduce((t, x) => t + (x.value ?? 0), 0);
  return (
    <div data-testid="cell-sources" data-key={c.key}>
      <p>
        <strong>{cellLabel(c.key, lang)}</strong>: <span data-testid="cell-value">{c.value}</span>
      </p>
      <table class="rollup-contrib">
        <thead>
          <tr>
            <th scope="col">{r('unit')}</th>
            <th scope="col">{r('value')}</th>
          </tr>
        </thead>
        <tbody>
          {c.contributions.map((x) => (
            <tr key={x.unit.id}>
              <th scope="row">
                <a href={reportLink(x.unit.id)}>{x.unit.name}</a>
              </th>
              <td class="num" data-value={x.value ?? 0} title={x.value === null ? r('blank') : undefined}>
                {x.value ?? '—'}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{r('sum')}</th>
            <td class="num" data-testid="cell-sum">
              {Math.round(sum * 1e6) / 1e6}
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function Changed({ label, changes, lang, same }: { label: string; changes: Changes | null; lang: 'zh' | 'en'; same?: string | null }) {
  if (same) return <p class="rollup-changed same">{same}</p>;
  if (!changes?.changed) return null;
  const r = (k: RollupKey, v?: Record<string, string | number>) => rt(lang, k, v);
  const names = (l: { name: string }[]) => l.map((u) => u.name).join('、');
  return (
    <div class="rollup-changed" role="status" data-testid="rollup-changed">
      <strong>{label}</strong> {r('cellsChanged', { n: changes.cells.length })}
      {changes.unitsAdded.length > 0 && ` · ${r('added')}: ${names(changes.unitsAdded)}`}
      {changes.unitsRemoved.length > 0 && ` · ${r('removed')}: ${names(changes.unitsRemoved)}`}
      {changes.unitsRepublished.length > 0 && ` · ${r('republished')}: ${names(changes.unitsRepublished)}`}
      {changes.cells.length > 0 && (
        <details>
          <summary>{r('cellsChanged', { n: changes.cells.length })}</summary>
          <ul>
            {changes.cells.map((c) => (
              <li key={c.key}>
                {cellLabel(c.key, lang)}: {c.before} → {c.after}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

function FreezeButton({ rollup, onDone }: { rollup: Rollup; onDone: () => void }) {
  const { lang } = useT();
  const r = (k: RollupKey, v?: Record<string, string | number>) => rt(lang, k, v);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const freeze = () => {
    setBusy(true);
    setError(null);
    request(FreezeRollupDocument, {
      scope: rollup.scope.id,
      year: rollup.year,
      includeOwnOffice: rollup.includeOwnOffice,
      dataVersion: rollup.dataVersion,
      note: null,
    }).then(
      (f) => {
        setBusy(false);
        setAsking(false);
        setDone(f.freezeRollup.dataVersion);
        onDone();
      },
      (e: ApiError) => {
        setBusy(false);
        setError(e);
      },
    );
  };
  return (
    <span class="rollup-freeze">
      {!asking && (
        <button type="button" data-action="freeze" onClick={() => setAsking(true)}>
          {r('freeze')}
        </button>
      )}
      {asking && (
        <span role="alertdialog" aria-labelledby="freeze-q" class="rollup-confirm">
          <span id="freeze-q">{r('freezeConfirm', { v: rollup.dataVersion })}</span>{' '}
          <button type="button" data-action="freeze-confirm" disabled={busy} onClick={freeze}>
            {r('confirm')}
          </button>{' '}
          <button type="button" onClick={() => setAsking(false)}>
            {r('cancel')}
          </button>
        </span>
      )}
      {done && (
        <span role="status" data-testid="frozen-done">
          {' '}
          {r('frozenDone', { v: done })}
        </span>
      )}
      {error && <ErrorState error={error} />}
    </span>
  );
}
