import { type CanonicalReport, type CellPath, cellLabel, cellPaths, getCell, type Provenance } from '@gongkai/report-template';
import { useState } from 'preact/hooks';
import { ApiError, authHeaders, request } from '../api/client.js';
import { AcceptReportDocument, PublishReportDocument, ReportDocument, type ReportQuery, ReturnReportDocument, UnitsDocument } from '../api/gql/graphql.js';
import { DecisionDialog } from '../components/Dialog.js';
import { FindingDecision } from '../components/FindingDecision.js';
import { FindingText } from '../components/FindingText.js';
import { ReportTables } from '../components/ReportTables.js';
import { Empty, ErrorState, Loading } from '../components/states.js';
import { type MessageKey, useT } from '../i18n.js';
import { useQuery } from '../state/query.js';
import { isAdmin, useSession } from '../state/session.js';
import { byCode, unitLabel } from '../state/units.js';
import { idList, updateParams, useRoute } from '../state/url.js';

type Version = ReportQuery['report']['version'];

/** Keys whose numbers differ between two versions of a report. */
export function diffReports(a: CanonicalReport, b: CanonicalReport): CellPath[] {
  const keys = new Set([...cellPaths(a.templateVersion), ...cellPaths(b.templateVersion)]);
  return [...keys].filter((k) => getCell(a, k) !== getCell(b, k));
}

/**
 * Saves the original file; never shows it. A page made from an uploaded file at this origin (a
 * blob URL opened in a tab) could run the upload's scripts with the reader's login.
 */
async function downloadOriginal(v: Version): Promise<ApiError | null> {
  const res = await fetch(v.fileUrl, { headers: authHeaders() });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { code?: string; message?: string };
    return new ApiError(body.code ?? `HTTP_${res.status}`, body.message ?? res.statusText);
  }
  const url = URL.createObjectURL(new Blob([await res.arrayBuffer()], { type: 'application/octet-stream' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = v.fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return null;
}

export function ReportView() {
  const { t, kind, lang } = useT();
  const s = useSession();
  const { params } = useRoute();
  const units = useQuery(UnitsDocument, { under: s.county?.id ?? '' });
  const unitList = byCode(units.data?.jurisdictions.edges.map((e) => e.node) ?? []);
  const unit = idList(params.get('unit'))[0] ?? unitList[0]?.id ?? null;
  const version = Number(params.get('v')) || null;
  const other = Number(params.get('diff')) || null;
  const report = useQuery(ReportDocument, { jurisdictionId: unit ?? '', year: s.year, version }, !unit, s.revision);
  const otherReport = useQuery(ReportDocument, { jurisdictionId: unit ?? '', year: s.year, version: other }, !unit || !other, s.revision);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<ApiError | null>(null);
  const [dialog, setDialog] = useState<'return' | 'publish' | null>(null);

  const act = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setActionError(null);
    try {
      await fn();
      s.bump();
    } catch (e) {
      setActionError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };

  const picker = (
    <div class="controls">
      <label>
        {t('unit')}{' '}
        <select name="unit" value={unit ?? ''} onChange={(e) => updateParams({ unit: (e.target as HTMLSelectElement).value, v: null, diff: null })}>
          {unitList.map((u) => (
            <option key={u.id} value={u.id}>
              {unitLabel(u, unitList, lang)} · {kind(u.kind)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
  if (units.error) return <ErrorState error={units.error} retry={units.reload} />;
  if (!unit) return <Empty>{t('report.pickUnit')}</Empty>;
  if (report.loading || !report.data)
    return (
      <section>
        {picker}
        {report.error ? (
          report.error.code === 'NOT_FOUND' ? (
            <Empty>{t('report.none')}</Empty>
          ) : (
            <ErrorState error={report.error} retry={report.reload} />
          )
        ) : (
          <Loading />
        )}
      </section>
    );

  const r = report.data.report;
  const v = r.version;
  const data = v.data as CanonicalReport;
  const otherData = other && otherReport.data ? (otherReport.data.report.version.data as CanonicalReport) : null;
  const changed = otherData ? diffReports(data, otherData) : [];
  const admin = isAdmin(s.user);
  const openFindings = v.findings;
  const publishedVersion = r.versions.find((x) => x.id === r.publishedVersionId) ?? null;

  return (
    <section aria-labelledby="report-title">
      <h1 id="report-title">
        {r.unit.name} · {r.year} · {t('nav.report')}
      </h1>
      {picker}
      <dl class="meta">
        <dt>{t('report.status')}</dt>
        <dd data-status={v.status}>
          {v.status === 'published' && v.id !== r.publishedVersionId ? t('report.superseded') : t(`state.${v.status}` as MessageKey)} · v{v.version}
          {v.returnReason ? ` · ${v.returnReason}` : ''}
        </dd>
        <dt>{t('report.submittedBy')}</dt>
        <dd>
          {v.submittedBy ? `${v.submittedBy} · ` : ''}
          {new Date(v.submittedAt).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB')}
        </dd>
        <dt>{t('report.template')}</dt>
        <dd>
          {v.templateVersion}
          {v.synthetic && <span class="badge synthetic"> {t('report.synthetic')}</span>}
        </dd>
        <dt>{t('report.source')}</dt>
        <dd>
          <button type="button" class="link" data-action="download-original" onClick={async () => setActionError(await downloadOriginal(v))}>
            {t('report.original')}: {v.fileName}
          </button>
        </dd>
      </dl>
      {admin && (
        <fieldset class="actions">
          <legend class="sr-only">admin</legend>
          {v.status === 'submitted' && (
            <button type="button" data-action="accept" disabled={busy} onClick={() => act(() => request(AcceptReportDocument, { versionId: v.id }))}>
              {t('report.accept')}
            </button>
          )}
          {v.status === 'accepted' && (
            <button type="button" data-action="publish" disabled={busy} onClick={() => setDialog('publish')}>
              {t('report.publish')}
            </button>
          )}
          {(v.status === 'submitted' || v.status === 'accepted') && (
            <button type="button" data-action="return" disabled={busy} onClick={() => setDialog('return')}>
              {t('report.return')}
            </button>
          )}
        </fieldset>
      )}
      {dialog === 'publish' && (
        <DecisionDialog
          title={t('dialog.publishTitle')}
          choices={[{ value: 'publish', label: t('report.publish') }]}
          submitLabel={t('report.publish')}
          onSubmit={async () => {
            await request(PublishReportDocument, { versionId: v.id });
            s.bump();
          }}
          onClose={() => setDialog(null)}
        >
          <p class="dialog-subject">
            {r.unit.name} {r.year} ·{' '}
            {t('dialog.publishSubject', { n: v.version, prev: publishedVersion ? t('dialog.publishReplaces', { n: publishedVersion.version }) : '' })}
          </p>
        </DecisionDialog>
      )}
      {dialog === 'return' && (
        <DecisionDialog
          title={t('dialog.returnTitle')}
          choices={[{ value: 'return', label: t('report.return'), reasonRequired: true }]}
          reasonLabel={t('report.returnReason')}
          submitLabel={t('report.return')}
          onSubmit={async (_, reason) => {
            await request(ReturnReportDocument, { versionId: v.id, reason });
            s.bump();
          }}
          onClose={() => setDialog(null)}
        >
          <p class="dialog-subject">
            {r.unit.name} {r.year} v{v.version} · {t('dialog.returnSubject')}
          </p>
        </DecisionDialog>
      )}
      {actionError && <ErrorState error={actionError} />}
      <div class="report-layout">
        <ReportTables data={data} provenance={v.provenance as Record<string, Provenance>} findings={v.findings} changed={new Set(changed)} />
        <aside>
          <h2>{t('report.findings')}</h2>
          {openFindings.length === 0 ? (
            <p>{t('report.noFindings')}</p>
          ) : (
            <ul class="findings">
              {openFindings.map((f) => (
                <li key={f.id} class={`sev-${f.severity}`} data-finding={f.rule}>
                  <FindingText f={f} />
                  {lang === 'zh' && <div class="cells">{f.cells.map((c) => cellLabel(c, lang)).join('；')}</div>}
                  <div>
                    {f.decision !== 'open' ? (
                      <em data-decision={f.decision}>
                        {t(`decision.${f.decision}` as MessageKey)} {f.decidedBy ? `· ${f.decidedBy}` : ''} {f.decisionReason ? `· ${f.decisionReason}` : ''}
                      </em>
                    ) : (
                      admin && <FindingDecision finding={f} label={f.message} onDone={s.bump} />
                    )}
                  </div>
                </li>
              ))}
            </ul>
          )}
          <h2>{t('report.versions')}</h2>
          <ol class="versions" reversed>
            {r.versions.map((x) => (
              <li key={x.id}>
                <a
                  href={`?${new URLSearchParams({ ...Object.fromEntries(params), v: String(x.version) })}`}
                  aria-current={x.version === v.version ? 'true' : undefined}
                >
                  v{x.version}
                </a>{' '}
                {x.id === r.publishedVersionId ? (
                  <strong class="badge published" data-version-role="published">
                    {t('report.published')}
                  </strong>
                ) : x.status === 'published' ? (
                  <span class="badge superseded" data-version-role="superseded">
                    {t('report.superseded')}
                  </span>
                ) : (
                  t(`state.${x.status}` as MessageKey)
                )}{' '}
                · {x.submittedBy ? `${x.submittedBy} · ` : ''}
                {new Date(x.submittedAt).toLocaleDateString(lang === 'zh' ? 'zh-CN' : 'en-GB')}
              </li>
            ))}
          </ol>
          {r.versions.length > 1 && (
            <label>
              {t('report.diff')}{' '}
              <select name="diff" value={String(other ?? '')} onChange={(e) => updateParams({ diff: (e.target as HTMLSelectElement).value || null })}>
                <option value="">—</option>
                {r.versions
                  .filter((x) => x.version !== v.version)
                  .map((x) => (
                    <option key={x.id} value={x.version}>
                      v{x.version}
                    </option>
                  ))}
              </select>
            </label>
          )}
          {otherData && (
            <div class="diff" data-diff-count={changed.length}>
              {changed.length === 0 ? (
                <p>{t('report.diffNone')}</p>
              ) : (
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('metric')}</th>
                      <th scope="col">v{other}</th>
                      <th scope="col">v{v.version}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {changed.map((k) => (
                      <tr key={k}>
                        <td>{cellLabel(k, lang)}</td>
                        <td class="num">{getCell(otherData, k) ?? '—'}</td>
                        <td class="num">{getCell(data, k) ?? '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </div>
          )}
        </aside>
      </div>
    </section>
  );
}
