import { RULES, type RuleDef } from '@gongkai/report-template';
import { useEffect, useState } from 'preact/hooks';
import { type ApiError, request } from '../api/client.js';
import { DataQualityDocument, ReportsWithFindingsDocument, SubmissionStatusDocument, type SubmissionStatusQuery } from '../api/gql/graphql.js';
import { FindingDecision } from '../components/FindingDecision.js';
import { FindingText } from '../components/FindingText.js';
import { Empty, ErrorState, Loading } from '../components/states.js';
import { type MessageKey, useT } from '../i18n.js';
import { useQuery } from '../state/query.js';
import { isAdmin, useSession } from '../state/session.js';
import { byCode } from '../state/units.js';
import { routeHref } from '../state/url.js';

const ruleName = (id: string, lang: 'zh' | 'en') => (RULES as Record<string, RuleDef>)[id]?.[lang] ?? id;

type Status = SubmissionStatusQuery['submissionStatus'][number];

/** Unit × year submission states, one request per year (the API answers per county and year). */
function useStatusMatrix(countyId: string, years: readonly number[], revision: number) {
  const [state, setState] = useState<{ data: Map<number, Status[]> | null; error: ApiError | null }>({ data: null, error: null });
  const key = years.join(',');
  useEffect(() => {
    let live = true;
    setState({ data: null, error: null });
    Promise.all(years.map((year) => request(SubmissionStatusDocument, { countyId, year }).then((r) => [year, r.submissionStatus] as const))).then(
      (rows) => live && setState({ data: new Map(rows), error: null }),
      (error) => live && setState({ data: null, error }),
    );
    return () => {
      live = false;
    };
  }, [countyId, key, revision]);
  return state;
}

export function Quality() {
  const { t, kind, metric, lang } = useT();
  const s = useSession();
  const county = s.county?.id ?? '';
  const years = s.years.length ? s.years : [s.year];
  const matrix = useStatusMatrix(county, years, s.revision);
  const quality = useQuery(DataQualityDocument, { under: county, year: s.year }, false, s.revision);
  const open = useQuery(ReportsWithFindingsDocument, { under: county, year: s.year }, !s.user, s.revision);
  const admin = isAdmin(s.user);
  const link = (unitId: string, year: number) => routeHref('report', { county, unit: unitId, year, lang: lang === 'en' ? 'en' : null });

  const seen: Status['unit'][] = [];
  for (const rows of matrix.data?.values() ?? []) for (const r of rows) if (!seen.some((u) => u.id === r.unit.id)) seen.push(r.unit);
  const unitsInOrder = byCode(seen);
  const cell = (unitId: string, year: number) => matrix.data?.get(year)?.find((r) => r.unit.id === unitId);

  return (
    <section aria-labelledby="quality-title">
      <h1 id="quality-title">
        {s.county?.name} · {t('nav.quality')} · {s.year}
      </h1>
      <h2>{t('quality.matrix')}</h2>
      {matrix.error ? (
        matrix.error.code === 'UNAUTHENTICATED' || matrix.error.code === 'FORBIDDEN' ? (
          <Empty>{t('quality.loginForStatus')}</Empty>
        ) : (
          <ErrorState error={matrix.error} />
        )
      ) : !matrix.data ? (
        <Loading />
      ) : (
        <div class="table-wrap">
          <table class="status-matrix">
            <caption class="legend">
              {(['missing', 'submitted', 'returned', 'accepted', 'published'] as const).map((st) => (
                <span key={st} class={`st st-${st}`}>
                  {t(`state.${st}` as MessageKey)}
                </span>
              ))}
              <span class="st late">{t('quality.late')}</span>
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('unit')}</th>
                {years.map((y) => (
                  <th key={y} scope="col">
                    {y}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {unitsInOrder.map((u) => (
                <tr key={u.id}>
                  <th scope="row">
                    {u.name} <small>{kind(u.kind)}</small>
                  </th>
                  {years.map((y) => {
                    const c = cell(u.id, y);
                    if (!c) return <td key={y}>—</td>;
                    // A published version stays public while a newer one waits for review.
                    const pending = c.state !== 'published' && !!c.report?.publishedVersionId;
                    const label = `${t(`state.${c.state}` as MessageKey)}${pending ? ` · ${t('quality.publishedPending')}` : ''}${c.onTime === false ? ` · ${t('quality.late')}` : ''}`;
                    return (
                      <td
                        key={y}
                        class={`st st-${c.state} ${c.onTime === false ? 'late' : ''}`}
                        data-state={c.state}
                        data-published-pending={pending ? '1' : undefined}
                      >
                        {c.report ? <a href={link(u.id, y)}>{label}</a> : label}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {quality.error ? (
        <ErrorState error={quality.error} retry={quality.reload} />
      ) : !quality.data ? (
        <Loading />
      ) : (
        <>
          {quality.data.dataQuality.submissions && (
            <p class="quality-summary">
              {t('quality.expected')} {quality.data.dataQuality.submissions.expected} · {t('quality.missing')} {quality.data.dataQuality.submissions.missing} ·{' '}
              {t('quality.late')} {quality.data.dataQuality.submissions.late} · {t('quality.returned')} {quality.data.dataQuality.submissions.returned}
            </p>
          )}
          <h2>{t('quality.findings')}</h2>
          {quality.data.dataQuality.openFindings.length === 0 ? (
            <p>{t('quality.noFindings')}</p>
          ) : (
            <table class="findings-by-rule">
              <thead>
                <tr>
                  <th scope="col">{t('quality.rule')}</th>
                  <th scope="col">{t('quality.severity')}</th>
                  <th scope="col">#</th>
                  <th scope="col">{t('units')}</th>
                </tr>
              </thead>
              <tbody>
                {quality.data.dataQuality.openFindings.map((f) => (
                  <tr key={f.rule}>
                    <td>
                      {ruleName(f.rule, lang)}{' '}
                      <small>
                        <code>{f.rule}</code>
                      </small>
                    </td>
                    <td>{t(`severity.${f.severity}` as MessageKey)}</td>
                    <td class="num">{f.count}</td>
                    <td class="num">{f.units}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {open.data && (
            <ul class="findings open-findings">
              {open.data.reports.edges.flatMap(({ node: r }) =>
                r.version.findings
                  .filter((f) => f.decision === 'open')
                  .map((f) => (
                    <li key={f.id} class={`sev-${f.severity}`} data-finding={f.rule} data-finding-id={f.id}>
                      <a href={link(r.unit.id, r.year)}>{r.unit.name}</a> <FindingText f={f} />{' '}
                      {admin && <FindingDecision finding={f} label={`${r.unit.name} ${r.year} · ${f.message}`} onDone={s.bump} />}
                    </li>
                  )),
              )}
            </ul>
          )}
          <h2>{t('quality.anomalies')}</h2>
          {quality.data.dataQuality.anomalies.length === 0 ? (
            <p>{t('quality.noAnomalies')}</p>
          ) : (
            <table class="anomalies">
              <thead>
                <tr>
                  <th scope="col">{t('quality.anomalies')}</th>
                  <th scope="col">{t('unit')}</th>
                  <th scope="col">{t('metric')}</th>
                  <th scope="col">{t('compare.value')}</th>
                  <th scope="col" />
                </tr>
              </thead>
              <tbody>
                {quality.data.dataQuality.anomalies.map((a, i) => (
                  <tr key={i} data-anomaly={a.kind}>
                    <td>{t(`anomaly.${a.kind}` as MessageKey)}</td>
                    <td>
                      <a href={link(a.unit.id, a.year)}>
                        {a.unit.name} {a.year}
                      </a>
                      {a.otherUnit && (
                        <>
                          {' ↔ '}
                          <a href={link(a.otherUnit.id, a.otherYear ?? a.year)}>
                            {a.otherUnit.name} {a.otherYear ?? a.year}
                          </a>
                        </>
                      )}
                    </td>
                    <td>{a.metric ? metric(a.metric) : '—'}</td>
                    <td class="num">
                      {a.value ?? '—'}
                      {a.expected !== null ? ` / ${a.expected}` : ''}
                      {a.score !== null ? ` (z=${a.score.toFixed(1)})` : ''}
                    </td>
                    <td>{a.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
