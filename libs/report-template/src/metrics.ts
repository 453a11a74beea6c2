import { cellLabel } from './labels.js';
import { cellPaths } from './report.js';
import {
  APPLICANT_COLUMNS,
  APPLICATION_GROUPS,
  APPLICATION_ROWS,
  type ApplicantKey,
  type ApplicationGroupKey,
  type ApplicationRowKey,
  type CellPath,
  type ColumnDef,
  groupRows,
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
  type ReviewGroupKey,
  SECTIONS,
} from './template.js';

/** Bumped whenever a formula (口径) changes; exports and charts stamp it. */
export const METRICS_VERSION = '2026.1';

/** Pseudo-key of a unit's resident population (table unit_population), for per-capita metrics. */
export const POPULATION = 'population';
const POPULATION_LABEL = { zh: '常住人口', en: 'resident population' } as const;

/** What a metric adds up: canonical cells, or the population pseudo-key. */
export type MetricTerm = CellPath | typeof POPULATION;

export interface MetricDef<K extends string = MetricKey> {
  key: K;
  zh: string;
  en: string;
  /**
   * `sum`: a count added over units and years; `rate`: Σnumerator / Σdenominator;
   * `perTenThousand`: Σnumerator / Σpopulation × 10,000, over the units with a population loaded.
   */
  kind: 'sum' | 'rate' | 'perTenThousand';
  /** Canonical cell keys added up for the value (sum) or the numerator (rate). */
  numerator: readonly MetricTerm[];
  /** Canonical cell keys added up for the denominator (rates only). */
  denominator?: readonly MetricTerm[];
  /** The formula in words, zh and en, for docs/metrics.md and exports: written from the template's labels. */
  formulaZh: string;
  formulaEn: string;
}

const A = <R extends ApplicationRowKey, C extends ApplicantKey = 'total'>(row: R, col: C = 'total' as C) => `applications.${row}.${col}` as const;
/** The rows under a group heading of table 三, in one column. */
const group = (g: ApplicationGroupKey, col: ApplicantKey = 'total'): CellPath[] => groupRows(g).map((r) => A(r, col));
const DENIED = group('denied');
const decided = <G extends ReviewGroupKey>(g: G) => (['upheld', 'corrected', 'other'] as const).map((c) => `reviews.${g}.${c}` as const);

const APPLICATIONS_NUMBER = SECTIONS.find((s) => s.key === 'applications')?.number ?? '';

const rowByKey = new Map<string, { full: string; en: string }>(APPLICATION_ROWS.map((r) => [r.key, r]));
const columnOf = (lang: 'zh' | 'en', key: string, cols: readonly ColumnDef[]) => {
  const c = cols.find((x) => x.key === key) as ColumnDef;
  return lang === 'zh' ? c.short : c.en.toLowerCase();
};
const plus = (words: string[], lang: 'zh' | 'en') =>
  words.length === 1 ? (words[0] as string) : lang === 'zh' ? `（${words.join(' + ')}）` : `(${words.join(' + ')})`;

/** One side of a formula in words: a whole group of table 三 by its heading, other rows one by one. */
function side(keys: readonly MetricTerm[], lang: 'zh' | 'en'): string {
  const split = keys.map((k) => k.split('.'));
  if (split.every((p) => p[0] === 'applications')) {
    const cols = new Set(split.map((p) => p[p.length - 1] as string));
    const rows = split.map((p) => p.slice(1, -1).join('.'));
    const col = [...cols][0] as string;
    // The total column goes without saying; another column is named once.
    const inCol =
      cols.size === 1 && col !== 'total' ? (lang === 'zh' ? `·${columnOf(lang, col, APPLICANT_COLUMNS)}` : ` · ${columnOf(lang, col, APPLICANT_COLUMNS)}`) : '';
    if (cols.size === 1) {
      for (const g of APPLICATION_GROUPS) {
        const members = groupRows(g.key);
        if (members.length > 1 && members.length === rows.length && members.every((r, i) => r === rows[i]))
          return lang === 'zh' ? `${APPLICATIONS_NUMBER}${g.label}各项之和${inCol}` : `sum of the ${members.length} ${g.en} rows${inCol}`;
      }
      return plus(
        rows.map((r) => {
          const row = rowByKey.get(r) as { full: string; en: string };
          return (lang === 'zh' ? row.full : row.en.toLowerCase()) + inCol;
        }),
        lang,
      );
    }
  }
  return plus(
    keys.map((k) => (k === POPULATION ? POPULATION_LABEL[lang] : cellLabel(k, lang))),
    lang,
  );
}

/** Cells of table 四 only, the same groups on each side: the groups are named once, then the columns. */
function reviewsFormula(m: Pick<MetricDef<string>, 'kind' | 'numerator' | 'denominator'>, lang: 'zh' | 'en'): string | null {
  const sides = [m.numerator, ...(m.denominator ? [m.denominator] : [])].map((keys) => keys.map((k) => k.split('.')));
  if (!sides.every((keys) => keys.every((p) => p[0] === 'reviews' && p.length === 3))) return null;
  const groupsOf = (keys: string[][]) => [...new Set(keys.map((p) => p[1] as string))];
  const groups = groupsOf(sides[0] as string[][]);
  if (!sides.every((keys) => groupsOf(keys).join() === groups.join())) return null;
  const cols = (keys: string[][]) => plus([...new Set(keys.map((p) => columnOf(lang, p[2] as string, REVIEW_COLUMNS)))], lang);
  const names = groups.map((g) => {
    const def = REVIEW_GROUPS.find((x) => x.key === g) as ColumnDef;
    return lang === 'zh' ? def.short : def.en;
  });
  const head = lang === 'zh' ? `${names.join('、')}：` : `${names.join(' and ')}: `;
  return head + sides.map((keys) => cols(keys)).join(' ÷ ');
}

/** The formula of a metric in words, from the labels of the cells it adds up. */
function formula(m: Pick<MetricDef<string>, 'kind' | 'numerator' | 'denominator'>, lang: 'zh' | 'en'): string {
  const reviews = reviewsFormula(m, lang);
  if (reviews) return reviews;
  const num = side(m.numerator, lang);
  if (m.kind === 'sum') return num;
  const ratio = `${num} ÷ ${side(m.denominator ?? [], lang)}`;
  if (m.kind === 'rate') return ratio;
  return lang === 'zh' ? `${ratio} × 10000（仅计已载入人口的单位）` : `${ratio} × 10,000 (units with a population loaded)`;
}

const DERIVED_TABLE = [
  { key: 'applications.received', zh: '新收申请数', en: 'Applications received', kind: 'sum', numerator: [A('newReceived')] },
  { key: 'applications.handled', zh: '办结申请数', en: 'Applications handled', kind: 'sum', numerator: [A('processedTotal')] },
  { key: 'applications.denied', zh: '不予公开数', en: 'Refused', kind: 'sum', numerator: DENIED },
  { key: 'applications.unavailable', zh: '无法提供数', en: 'Unavailable', kind: 'sum', numerator: group('unavailable') },
  { key: 'applications.notProcessed', zh: '不予处理数', en: 'Not processed', kind: 'sum', numerator: group('notProcessed') },
  {
    key: 'rate.disclosure',
    zh: '予以公开率',
    en: 'Disclosure rate',
    kind: 'rate',
    numerator: [A('granted')],
    denominator: [A('processedTotal')],
  },
  {
    key: 'rate.partial',
    zh: '部分公开率',
    en: 'Partial disclosure rate',
    kind: 'rate',
    numerator: [A('partiallyGranted')],
    denominator: [A('processedTotal')],
  },
  { key: 'rate.refusal', zh: '不予公开率', en: 'Refusal rate', kind: 'rate', numerator: DENIED, denominator: [A('processedTotal')] },
  {
    key: 'rate.notHeld',
    zh: '本机关不掌握率',
    en: 'Not-held rate',
    kind: 'rate',
    numerator: [A('unavailable.notHeld')],
    denominator: [A('processedTotal')],
  },
  {
    key: 'rate.carryForward',
    zh: '结转率',
    en: 'Carry-forward share',
    kind: 'rate',
    numerator: [A('carriedForward')],
    denominator: [A('newReceived'), A('carriedOver')],
  },
  {
    key: 'rate.reconsiderationCorrection',
    zh: '行政复议纠错率',
    en: 'Reconsideration correction rate',
    kind: 'rate',
    numerator: ['reviews.reconsideration.corrected'],
    denominator: decided('reconsideration'),
  },
  {
    key: 'rate.litigationCorrection',
    zh: '行政诉讼纠错率',
    en: 'Litigation correction rate',
    kind: 'rate',
    numerator: ['reviews.litigationDirect.corrected', 'reviews.litigationAfterReconsideration.corrected'],
    denominator: [...decided('litigationDirect'), ...decided('litigationAfterReconsideration')],
  },
  {
    key: 'perCapita.applications',
    zh: '每万人申请数',
    en: 'Applications per 10,000 residents',
    kind: 'perTenThousand',
    numerator: [A('newReceived')],
    denominator: [POPULATION],
  },
  { key: 'reviews.reconsiderations', zh: '行政复议数', en: 'Reconsiderations', kind: 'sum', numerator: ['reviews.reconsideration.total'] },
  {
    key: 'reviews.litigations',
    zh: '行政诉讼数',
    en: 'Litigations',
    kind: 'sum',
    numerator: ['reviews.litigationDirect.total', 'reviews.litigationAfterReconsideration.total'],
  },
] as const satisfies readonly Omit<MetricDef<string>, 'formulaZh' | 'formulaEn'>[];

/** Key of a derived metric (`rate.disclosure`, `applications.received`, …). */
export type DerivedMetricKey = (typeof DERIVED_TABLE)[number]['key'];
/** Any metric: a derived one or a canonical cell summed. A typo fails `tsc`. */
export type MetricKey = DerivedMetricKey | CellPath;

/** Derived metrics with their 口径. Base metrics (every canonical cell) are added below. */
export const DERIVED_METRICS: readonly MetricDef<DerivedMetricKey>[] = DERIVED_TABLE.map((m) => ({
  ...m,
  formulaZh: formula(m, 'zh'),
  formulaEn: formula(m, 'en'),
}));

/** Every canonical cell as a summable base metric, keyed by its canonical key. */
const BASE_METRICS: readonly MetricDef<CellPath>[] = [...new Set([...cellPaths('2021'), ...cellPaths('2019')])].map((path) => ({
  key: path,
  zh: cellLabel(path, 'zh'),
  en: cellLabel(path, 'en'),
  kind: 'sum' as const,
  numerator: [path],
  formulaZh: cellLabel(path, 'zh'),
  formulaEn: cellLabel(path, 'en'),
}));

/** Looked up by runtime strings (GraphQL arguments, URLs): `isMetricKey` narrows one first. */
export const METRICS: ReadonlyMap<string, MetricDef> = new Map<string, MetricDef>([...BASE_METRICS, ...DERIVED_METRICS].map((m) => [m.key, m]));

export function isMetricKey(key: string): key is MetricKey {
  return METRICS.has(key);
}

/** Below this many cases a rate is marked a small sample. */
export const SMALL_SAMPLE = 30;

/** Wilson score interval (95 %) for k successes of n; null when n is 0. */
export function wilson(k: number, n: number, z = 1.959964): { low: number; high: number } | null {
  if (n <= 0) return null;
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: k === 0 ? 0 : Math.max(0, centre - half), high: k === n ? 1 : Math.min(1, centre + half) };
}

export interface MetricValue {
  value: number | null;
  numerator: number;
  denominator: number | null;
  smallSample: boolean;
  low: number | null;
  high: number | null;
}

/** A metric's value from summed cells (blank cells already summed as 0). */
export function evaluateMetric(def: MetricDef, sums: (key: string) => number): MetricValue {
  const num = def.numerator.reduce((s, k) => s + sums(k), 0);
  if (def.kind === 'sum') return { value: num, numerator: num, denominator: null, smallSample: false, low: null, high: null };
  const den = (def.denominator ?? []).reduce((s, k) => s + sums(k), 0);
  if (def.kind === 'perTenThousand')
    return { value: den === 0 ? null : (num / den) * 10_000, numerator: num, denominator: den, smallSample: false, low: null, high: null };
  const ci = wilson(num, den);
  return {
    value: den === 0 ? null : num / den,
    numerator: num,
    denominator: den,
    smallSample: den < SMALL_SAMPLE,
    low: ci?.low ?? null,
    high: ci?.high ?? null,
  };
}
