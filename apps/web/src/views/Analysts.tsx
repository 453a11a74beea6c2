import { toCsv } from '@gongkai/csv';
import { useState } from 'preact/hooks';
import { type ApiError, requestRaw } from '../api/client.js';
import { ErrorState } from '../components/states.js';
import { download, flattenRows } from '../csv.js';
import { useT } from '../i18n.js';
import { useSession } from '../state/session.js';
import { analystExamples, type Example, resultRows } from './analyst-examples.js';

export function Analysts() {
  const { t, lang } = useT();
  const s = useSession();
  const county = s.county?.id ?? '';
  const examples = analystExamples(county, s.year);
  const exportBase = `/api/export/metrics.csv?metrics=applications.received,rate.disclosure&under=${county}&years=${s.year - 1},${s.year}&groupBy=unit,year`;
  return (
    <section aria-labelledby="analysts-title">
      <h1 id="analysts-title">{t('nav.analysts')}</h1>
      <p>{t('analysts.intro')}</p>
      {examples.map((e) => (
        <ExampleBox key={`${e.id}-${county}-${s.year}`} example={e} />
      ))}
      <h2>{lang === 'zh' ? '导出' : 'Exports'}</h2>
      <ul>
        <li>
          <a href={exportBase} download>
            metrics.csv
          </a>{' '}
          <code>{exportBase}</code>
        </li>
        <li>
          <a href={exportBase.replace('metrics.csv', 'metrics.xlsx')} download>
            metrics.xlsx
          </a>
        </li>
        <li>
          <a href={`/api/export/reports.csv?under=${county}`} download>
            reports.csv
          </a>{' '}
          {lang === 'zh' ? '（全部已发布报告，每份一行）' : '(every published report, one row each)'}
        </li>
      </ul>
    </section>
  );
}

function ExampleBox({ example }: { example: Example }) {
  const { t, lang } = useT();
  const [query, setQuery] = useState(example.query);
  const [result, setResult] = useState<unknown>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await requestRaw(query));
    } catch (e) {
      setError(e as ApiError);
      setResult(null);
    } finally {
      setBusy(false);
    }
  };
  const csv = () => {
    const { header, rows } = flattenRows(resultRows(result));
    download(`gongkai-${example.id}.csv`, toCsv(header, rows));
  };
  return (
    <article class="example" data-example={example.id}>
      <h2 id={`ex-${example.id}`}>{example[lang]}</h2>
      <textarea
        aria-labelledby={`ex-${example.id}`}
        rows={query.split('\n').length + 1}
        value={query}
        onInput={(e) => setQuery((e.target as HTMLTextAreaElement).value)}
        spellcheck={false}
      />
      <div class="actions">
        <button type="button" data-action="run" disabled={busy} onClick={run}>
          {t('analysts.run')}
        </button>
        <button type="button" data-export-csv={example.id} disabled={!result} onClick={csv}>
          {t('analysts.csv')}
        </button>
      </div>
      {error && <ErrorState error={error} />}
      {result !== null && (
        <section aria-label={`${example[lang]} JSON`}>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling result must be reachable by keyboard */}
          <pre class="result" tabIndex={0}>
            {JSON.stringify(result, null, 2)}
          </pre>
        </section>
      )}
    </article>
  );
}
