import { DERIVED_METRICS, METRICS, type MetricDef, SECTIONS, sectionHeading } from '@gongkai/report-template';
import { useState } from 'preact/hooks';
import { type Lang, useT } from '../i18n.js';

const DERIVED = new Set<string>(DERIVED_METRICS.map((m) => m.key));

/** Cells that only the 2019 template has. */
export const only2019 = (key: string) => key.includes('.v2019.') || key.startsWith('v2019.');

export interface MetricGroup {
  label: string;
  metrics: { key: string; label: string }[];
}

/**
 * The metric dictionary in the template's own order: derived metrics first, then one group per
 * template section (二、三、四), then the 2019 template's own cells, each marked.
 */
export function metricGroups(lang: Lang, query = ''): MetricGroup[] {
  const q = query.trim().toLowerCase();
  const mark = lang === 'zh' ? '（仅2019版模板）' : ' (2019 template only)';
  const label = (m: MetricDef) => `${m[lang]}${only2019(m.key) ? mark : ''}`;
  const hit = (m: MetricDef) => !q || m.zh.toLowerCase().includes(q) || m.en.toLowerCase().includes(q) || m.key.toLowerCase().includes(q);
  const base = [...METRICS.values()].filter((m) => !DERIVED.has(m.key));
  const groups: MetricGroup[] = [
    { label: lang === 'zh' ? '常用指标' : 'Derived metrics', metrics: DERIVED_METRICS.filter(hit).map((m) => ({ key: m.key, label: label(m) })) },
    ...SECTIONS.filter((s) => base.some((m) => m.key.startsWith(`${s.key}.`))).map((s) => ({
      label: lang === 'zh' ? sectionHeading(s.key) : `${s.number}. ${s.en}`,
      metrics: base.filter((m) => m.key.startsWith(`${s.key}.`) && !only2019(m.key) && hit(m)).map((m) => ({ key: m.key, label: label(m) })),
    })),
    {
      label: lang === 'zh' ? '2019版模板专有' : '2019 template only',
      metrics: base.filter((m) => only2019(m.key) && hit(m)).map((m) => ({ key: m.key, label: label(m) })),
    },
  ];
  return groups.filter((g) => g.metrics.length > 0);
}

/** Every metric of the dictionary, grouped by the template's sections and searchable. */
export function MetricPicker({ value, onChange, id = 'metric' }: { value: string; onChange: (key: string) => void; id?: string }) {
  const { t, lang } = useT();
  const [query, setQuery] = useState('');
  const groups = metricGroups(lang, query);
  const shown = groups.some((g) => g.metrics.some((m) => m.key === value));
  const current = METRICS.get(value);
  return (
    <span class="metric-picker">
      <label>
        {t('metric.search')}{' '}
        <input type="search" name="metric-search" value={query} size={10} onInput={(e) => setQuery((e.target as HTMLInputElement).value)} />
      </label>{' '}
      <label>
        {t('metric')}{' '}
        <select id={id} name="metric" value={value} onChange={(e) => onChange((e.target as HTMLSelectElement).value)}>
          {/* The chosen metric stays selectable while a search hides its group. */}
          {!shown && current && <option value={value}>{current[lang]}</option>}
          {groups.map((g) => (
            <optgroup key={g.label} label={g.label}>
              {g.metrics.map((m) => (
                <option key={m.key} value={m.key}>
                  {m.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      {query && (
        <span class="sr-only" role="status">
          {t('metric.found', { n: groups.reduce((n, g) => n + g.metrics.length, 0) })}
        </span>
      )}
    </span>
  );
}

export const isKnownMetric = (key: string | null): key is string => !!key && METRICS.has(key);
