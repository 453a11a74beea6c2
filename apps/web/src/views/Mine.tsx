import { MyReportsDocument } from '../api/gql/graphql.js';
import { FindingText } from '../components/FindingText.js';
import { Empty, ErrorState, Loading } from '../components/states.js';
import { type MessageKey, useT } from '../i18n.js';
import { useQuery } from '../state/query.js';
import { useSession } from '../state/session.js';
import { routeHref } from '../state/url.js';

/** The clerk's desk: their unit's report for each year, where it stands and what to fix. */
export function Mine() {
  const { t, lang } = useT();
  const s = useSession();
  const mine = useQuery(MyReportsDocument, {}, s.user?.role !== 'clerk', s.revision);
  if (s.user?.role !== 'clerk') return <Empty>{t('mine.clerkOnly')}</Empty>;
  if (mine.error) return <ErrorState error={mine.error} retry={mine.reload} />;
  if (!mine.data) return <Loading />;
  const rows = mine.data.myReports;
  const unit = rows[0]?.unit ?? s.user.jurisdiction;
  const href = (view: 'report' | 'submit', year: number) => routeHref(view, { county: s.county?.id, unit: unit?.id, year, lang: lang === 'en' ? 'en' : null });
  const date = (d: string) => new Date(d).toLocaleDateString(lang === 'zh' ? 'zh-CN' : 'en-GB');
  return (
    <section aria-labelledby="mine-title">
      <h1 id="mine-title">
        {unit?.name} · {t('nav.mine')}
      </h1>
      <div class="table-wrap">
        <table class="my-reports">
          <thead>
            <tr>
              <th scope="col">{t('year')}</th>
              <th scope="col">{t('report.status')}</th>
              <th scope="col">{t('mine.deadline')}</th>
              <th scope="col">{t('mine.toFix')}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const v = r.report?.version;
              const open = v?.findings.filter((f) => f.decision !== 'dismissed' && f.severity !== 'info') ?? [];
              const pending = r.state !== 'published' && !!r.report?.publishedVersionId;
              return (
                <tr key={r.year} data-year={r.year} data-state={r.state}>
                  <th scope="row">{r.year}</th>
                  <td class={`st st-${r.state}`}>
                    <strong>{t(`state.${r.state}` as MessageKey)}</strong>
                    {v && ` · v${v.version}`}
                    {pending && ` · ${t('quality.publishedPending')}`}
                    {r.state === 'returned' && v?.returnReason && (
                      <p class="return-reason">
                        {t('mine.returnReason')}：{v.returnReason}
                      </p>
                    )}
                  </td>
                  <td>
                    {date(r.deadline)}
                    {r.onTime === false && <span class="st late"> {t('quality.late')}</span>}
                  </td>
                  <td>
                    {open.length === 0 ? (
                      '—'
                    ) : (
                      <ul class="findings compact">
                        {open.map((f) => (
                          <li key={f.id} class={`sev-${f.severity}`}>
                            <FindingText f={f} />
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td>
                    {r.report && <a href={href('report', r.year)}>{t('mine.open')}</a>}{' '}
                    {(r.state === 'missing' || r.state === 'returned') && <a href={href('submit', r.year)}>{t('mine.submit')}</a>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
