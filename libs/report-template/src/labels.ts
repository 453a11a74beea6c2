import {
  APPLICANT_COLUMNS,
  APPLICATION_ROWS,
  type ApplicationRowDef,
  type ColumnDef,
  PROACTIVE_2019,
  PROACTIVE_2021,
  type ProactiveItemDef,
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
} from './template.js';

// Keyed by string: paths to label come from findings and URLs as well as from the tables.
const applicantByKey = new Map<string, ColumnDef>(APPLICANT_COLUMNS.map((c) => [c.key, c]));
const rowByKey = new Map<string, ApplicationRowDef>(APPLICATION_ROWS.map((r) => [r.key, r]));
const reviewGroupByKey = new Map<string, ColumnDef>(REVIEW_GROUPS.map((g) => [g.key, g]));
const reviewColByKey = new Map<string, ColumnDef>(REVIEW_COLUMNS.map((c) => [c.key, c]));
const proactiveByKey = new Map<string, ProactiveItemDef>([...PROACTIVE_2021, ...PROACTIVE_2019].map((i) => [i.key, i]));

/**
 * The printed label of a dotted cell path, for messages: `applications.processedTotal.naturalPerson`
 * → `三（七）总计·自然人`. Unknown paths come back unchanged.
 */
export function cellLabel(path: string, lang: 'zh' | 'en' = 'zh'): string {
  const [section, ...rest] = path.split('.');
  if (section === 'applications') {
    const col = rest[rest.length - 1] as string;
    const row = rowByKey.get(rest.slice(0, -1).join('.'));
    const c = applicantByKey.get(col);
    if (row && c) return lang === 'zh' ? `${row.full}·${c.short}` : `${row.en} · ${c.en}`;
    if (row) return lang === 'zh' ? row.full : row.en;
  }
  if (section === 'reviews') {
    const g = reviewGroupByKey.get(rest[0] ?? '');
    const c = reviewColByKey.get(rest[1] ?? '');
    if (g && c) return lang === 'zh' ? `${g.short}·${c.label}` : `${g.en} · ${c.en}`;
  }
  if (section === 'proactive') {
    for (let n = rest.length; n > 0; n--) {
      const item = proactiveByKey.get(rest.slice(0, n).join('.'));
      if (!item) continue;
      const colKey = rest.slice(n).join('.');
      const col = item.columns.find((c) => c.key === colKey);
      const base = lang === 'zh' ? item.label : item.en;
      return col?.key ? (lang === 'zh' ? `${base}·${col.label}` : `${base} · ${col.en}`) : base;
    }
  }
  return path;
}
