import { type CanonicalReport, FILE_INPUT_ACCEPT, type Provenance } from '@gongkai/report-template';
import { useState } from 'preact/hooks';
import { type ApiError, request } from '../api/client.js';
import {
  SubmitReportDocument,
  type SubmitReportMutation,
  UnitsDocument,
  ValidateReportFileDocument,
  type ValidateReportFileMutation,
} from '../api/gql/graphql.js';
import { FindingText } from '../components/FindingText.js';
import { type CellFinding, ReportTables } from '../components/ReportTables.js';
import { Empty, ErrorState } from '../components/states.js';
import { type MessageKey, useT } from '../i18n.js';
import { useQuery } from '../state/query.js';
import { canSubmit, isAdmin, useSession } from '../state/session.js';
import { byCode, unitLabel } from '../state/units.js';
import { routeHref } from '../state/url.js';

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function Submit() {
  const { t, kind, lang } = useT();
  const s = useSession();
  const user = s.user;
  const units = useQuery(UnitsDocument, { under: s.county?.id ?? '' }, !isAdmin(user));
  const [file, setFile] = useState<{ name: string; bytes: Uint8Array } | null>(null);
  const [unitId, setUnitId] = useState<string>('');
  const [preview, setPreview] = useState<ValidateReportFileMutation['validateReportFile'] | null>(null);
  const [result, setResult] = useState<SubmitReportMutation['submitReport'] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<'preview' | 'submit' | null>(null);
  const [dragging, setDragging] = useState(false);
  const [overrideReason, setOverrideReason] = useState('');

  if (!canSubmit(user)) return <Empty>{t('submit.loginFirst')}</Empty>;
  const unitList = byCode(units.data?.jurisdictions.edges.map((e) => e.node) ?? []);
  const target = isAdmin(user) ? unitId || unitList[0]?.id || '' : (user?.jurisdiction?.id ?? '');
  const targetName = isAdmin(user) ? (units.data?.jurisdictions.edges.find((e) => e.node.id === target)?.node.name ?? '') : (user?.jurisdiction?.name ?? '');

  const choose = async (f: File | null | undefined) => {
    if (!f) return;
    setFile({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) });
    setPreview(null);
    setResult(null);
    setError(null);
  };
  const run = async <T,>(what: 'preview' | 'submit', fn: () => Promise<T>, done: (v: T) => void) => {
    setBusy(what);
    setError(null);
    try {
      done(await fn());
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(null);
    }
  };
  const input = () => file && { fileName: file.name, contentBase64: toBase64(file.bytes) };
  // An admin may file a report whose title names another body, with a reason (audited).
  const overrideUnit = isAdmin(user) && overrideReason.trim() ? { reason: overrideReason.trim() } : null;

  return (
    <section aria-labelledby="submit-title">
      <h1 id="submit-title">{t('submit.title')}</h1>
      <div class="controls">
        {isAdmin(user) ? (
          <label>
            {t('submit.forUnit')}{' '}
            <select name="unit" value={target} onChange={(e) => setUnitId((e.target as HTMLSelectElement).value)}>
              {unitList.map((u) => (
                <option key={u.id} value={u.id}>
                  {unitLabel(u, unitList, lang)} · {kind(u.kind)}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <p>
            {t('submit.forUnit')} <strong>{user?.jurisdiction?.name}</strong>
          </p>
        )}
      </div>
      <label
        htmlFor="report-file"
        class={`drop ${dragging ? 'dragging' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          choose(e.dataTransfer?.files[0]);
        }}
      >
        <span>{t('submit.drop')}</span>
        <input id="report-file" type="file" name="file" accept={FILE_INPUT_ACCEPT} onChange={(e) => choose((e.target as HTMLInputElement).files?.[0])} />
        {file && (
          <strong class="file-name">
            {file.name} · {(file.bytes.length / 1024).toFixed(1)} kB
          </strong>
        )}
      </label>
      <label class="paste">
        {t('submit.paste')}
        <textarea
          name="text"
          rows={4}
          onChange={(e) => {
            const text = (e.target as HTMLTextAreaElement).value;
            if (text.trim()) {
              setFile({ name: 'pasted.txt', bytes: new TextEncoder().encode(text) });
              setPreview(null);
              setResult(null);
            }
          }}
        />
      </label>
      <div class="actions">
        <button
          type="button"
          data-action="preview"
          disabled={!file || !!busy}
          aria-busy={busy === 'preview'}
          onClick={() =>
            run(
              'preview',
              () =>
                request(ValidateReportFileDocument, {
                  input: { ...(input() as { fileName: string; contentBase64: string }), jurisdictionId: target || null, overrideUnit },
                }),
              (r) => setPreview(r.validateReportFile),
            )
          }
        >
          {busy === 'preview' ? t('submit.previewing') : t('submit.preview')}
        </button>
        <button
          type="button"
          data-action="submit"
          disabled={!file || !target || !!busy}
          aria-busy={busy === 'submit'}
          onClick={() =>
            run(
              'submit',
              () =>
                request(SubmitReportDocument, {
                  input: { ...(input() as { fileName: string; contentBase64: string }), jurisdictionId: target, year: preview?.year ?? null, overrideUnit },
                }),
              (r) => {
                setResult(r.submitReport);
                s.bump();
              },
            )
          }
        >
          {busy === 'submit' ? t('submit.submitting') : t('submit.submit')}
        </button>
        {busy && (
          <span class="busy" role="status">
            {busy === 'preview' ? t('submit.previewing') : t('submit.submitting')}
          </span>
        )}
      </div>
      {error?.code === 'WRONG_UNIT' && (
        <p class="unit-verdict wrong" data-verdict="wrong-unit" role="alert">
          {t('submit.verdictWrong', { unit: targetName })}
        </p>
      )}
      {error && <ErrorState error={error} />}
      {isAdmin(user) && (error?.code === 'WRONG_UNIT' || overrideUnit) && (
        <label class="override">
          {t('submit.overrideReason')}
          <textarea
            name="overrideReason"
            rows={2}
            maxLength={1000}
            value={overrideReason}
            onInput={(e) => setOverrideReason((e.target as HTMLTextAreaElement).value)}
          />
        </label>
      )}
      {result && (
        <p class="submit-result" role="status" data-status={result.report.version.status}>
          {result.created
            ? t('submit.created', { n: result.report.version.version, s: t(`state.${result.report.version.status}` as MessageKey) })
            : t('submit.unchanged', { n: result.report.version.version })}{' '}
          <a href={routeHref('report', { county: s.county?.id, unit: result.report.unit.id, year: result.report.year, lang: lang === 'en' ? 'en' : null })}>
            {result.report.unit.name} {result.report.year} →
          </a>
        </p>
      )}
      {preview && (
        <div class="preview" data-preview-year={preview.year ?? ''}>
          <p class="filed-under" data-filed-unit={target}>
            {t('submit.filedUnder', { unit: targetName, year: preview.year ?? '—' })}
          </p>
          <p class={`unit-verdict ${preview.organ ? 'ok' : 'unknown'}`} data-verdict={preview.organ ? 'ok' : 'unnamed'}>
            {preview.organ ? t('submit.verdictOk', { organ: preview.organ }) : t('submit.verdictUnnamed')}
          </p>
          <h2>
            {t('submit.parsed')} · {preview.organ ?? '—'} · {preview.year ?? '—'} · {t('report.template')} {preview.templateVersion}
          </h2>
          <h3>{t('report.findings')}</h3>
          {(preview.findings as CellFinding[]).length === 0 ? (
            <p>{t('report.noFindings')}</p>
          ) : (
            <ul class="findings">
              {(preview.findings as CellFinding[]).map((f, i) => (
                <li key={i} class={`sev-${f.severity}`}>
                  <FindingText f={f} />
                </li>
              ))}
            </ul>
          )}
          <ReportTables
            data={preview.data as CanonicalReport}
            provenance={preview.provenance as Record<string, Provenance>}
            findings={preview.findings as CellFinding[]}
          />
        </div>
      )}
    </section>
  );
}
