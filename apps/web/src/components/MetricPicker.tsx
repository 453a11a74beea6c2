import { DERIVED_METRICS, METRICS } from '@gongkai/report-template';
import { useT } from '../i18n.js';

const DERIVED = new Set(DERIVED_METRICS.map((m) => m.key));

/** Every metric of the dictionary: derived ones first, then each template cell. */
export function MetricPicker({ value, onChange, id = 'metric' }: { value: string; onChange: (key: string) => void; id?: string }) {
  const { t, lang } = useT();
  return (
    <label>
      {t('metric')}{' '}
      <select id={id} name="metric" value={value} onChange={(e) => onChange((e.target as HTMLSelectElement).value)}>
        <optgroup label={lang === 'zh' ? '常用指标' : 'Derived metrics'}>
          {DERIVED_METRICS.map((m) => (
            <option key={m.key} value={m.key}>
              {m[lang]}
            </option>
          ))}
        </optgroup>
        <optgroup label={lang === 'zh' ? '模板各栏' : 'Template cells'}>
          {[...METRICS.values()]
            .filter((m) => !DERIVED.has(m.key))
            .map((m) => (
              <option key={m.key} value={m.key}>
                {m[lang]}
              </option>
            ))}
        </optgroup>
      </select>
    </label>
  );
}

export const isKnownMetric = (key: string | null): key is string => !!key && METRICS.has(key);
