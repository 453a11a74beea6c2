import { cellLabel } from './labels.js';
import { cellPaths } from './report.js';

/** Bumped whenever a formula (口径) changes; exports and charts stamp it. */
export const METRICS_VERSION = '2026.1';

export interface MetricDef {
  key: string;
  zh: string;
  en: string;
  /**
   * `sum`: a count added over units and years; `rate`: Σnumerator / Σdenominator;
   * `perTenThousand`: Σnumerator / Σpopulation × 10,000, over the units with a population loaded.
   */
  kind: 'sum' | 'rate' | 'perTenThousand';
  /** Canonical cell keys added up for the value (sum) or the numerator (rate). */
  numerator: readonly string[];
  /** Canonical cell keys added up for the denominator (rates only). */
  denominator?: readonly string[];
  /** The formula in words, zh and en, for docs/metrics.md and exports. */
  formulaZh: string;
  formulaEn: string;
}

const A = (row: string, col = 'total') => `applications.${row}.${col}`;
const DENIED = [
  'stateSecret',
  'prohibitedByLaw',
  'threeSecuritiesOneStability',
  'thirdPartyRights',
  'internalAffairs',
  'processInformation',
  'enforcementFiles',
  'queryMatters',
].map((k) => A(`denied.${k}`));
const UNAVAILABLE = ['notHeld', 'needsCreation', 'unclearAfterCorrection'].map((k) => A(`unavailable.${k}`));
const NOT_PROCESSED = ['complaintPetition', 'duplicate', 'publication', 'massRepeated', 'confirmation'].map((k) => A(`notProcessed.${k}`));
/** Pseudo-key of a unit's resident population (table unit_population), for per-capita metrics. */
export const POPULATION = 'population';
const decided = (g: string) => ['upheld', 'corrected', 'other'].map((c) => `reviews.${g}.${c}`);

/** Derived metrics with their 口径. Base metrics (every canonical cell) are added below. */
export const DERIVED_METRICS: readonly MetricDef[] = [
  {
    key: 'applications.received',
    zh: '新收申请数',
    en: 'Applications received',
    kind: 'sum',
    numerator: [A('newReceived')],
    formulaZh: '一、本年新收·总计',
    formulaEn: 'new applications, total column',
  },
  {
    key: 'applications.handled',
    zh: '办结申请数',
    en: 'Applications handled',
    kind: 'sum',
    numerator: [A('processedTotal')],
    formulaZh: '三（七）总计·总计',
    formulaEn: 'handled total, total column',
  },
  {
    key: 'applications.denied',
    zh: '不予公开数',
    en: 'Refused',
    kind: 'sum',
    numerator: DENIED,
    formulaZh: '三（三）不予公开各项之和·总计',
    formulaEn: 'sum of the eight refusal rows',
  },
  {
    key: 'applications.unavailable',
    zh: '无法提供数',
    en: 'Unavailable',
    kind: 'sum',
    numerator: UNAVAILABLE,
    formulaZh: '三（四）无法提供各项之和·总计',
    formulaEn: 'sum of the three unavailable rows',
  },
  {
    key: 'applications.notProcessed',
    zh: '不予处理数',
    en: 'Not processed',
    kind: 'sum',
    numerator: NOT_PROCESSED,
    formulaZh: '三（五）不予处理各项之和·总计',
    formulaEn: 'sum of the five not-processed rows',
  },
  {
    key: 'rate.disclosure',
    zh: '予以公开率',
    en: 'Disclosure rate',
    kind: 'rate',
    numerator: [A('granted')],
    denominator: [A('processedTotal')],
    formulaZh: '三（一）予以公开 ÷ 三（七）总计',
    formulaEn: 'granted ÷ handled',
  },
  {
    key: 'rate.partial',
    zh: '部分公开率',
    en: 'Partial disclosure rate',
    kind: 'rate',
    numerator: [A('partiallyGranted')],
    denominator: [A('processedTotal')],
    formulaZh: '三（二）部分公开 ÷ 三（七）总计',
    formulaEn: 'partially granted ÷ handled',
  },
  {
    key: 'rate.refusal',
    zh: '不予公开率',
    en: 'Refusal rate',
    kind: 'rate',
    numerator: DENIED,
    denominator: [A('processedTotal')],
    formulaZh: '三（三）不予公开合计 ÷ 三（七）总计',
    formulaEn: 'refused ÷ handled',
  },
  {
    key: 'rate.notHeld',
    zh: '本机关不掌握率',
    en: 'Not-held rate',
    kind: 'rate',
    numerator: [A('unavailable.notHeld')],
    denominator: [A('processedTotal')],
    formulaZh: '三（四）1.本机关不掌握 ÷ 三（七）总计',
    formulaEn: 'not held ÷ handled',
  },
  {
    key: 'rate.carryForward',
    zh: '结转率',
    en: 'Carry-forward share',
    kind: 'rate',
    numerator: [A('carriedForward')],
    denominator: [A('newReceived'), A('carriedOver')],
    formulaZh: '四、结转下年度 ÷（一、新收 + 二、上年结转）',
    formulaEn: 'carried forward ÷ (new + carried over)',
  },
  {
    key: 'rate.reconsiderationCorrection',
    zh: '行政复议纠错率',
    en: 'Reconsideration correction rate',
    kind: 'rate',
    numerator: ['reviews.reconsideration.corrected'],
    denominator: decided('reconsideration'),
    formulaZh: '复议结果纠正 ÷（维持 + 纠正 + 其他）',
    formulaEn: 'corrected ÷ (upheld + corrected + other)',
  },
  {
    key: 'rate.litigationCorrection',
    zh: '行政诉讼纠错率',
    en: 'Litigation correction rate',
    kind: 'rate',
    numerator: ['reviews.litigationDirect.corrected', 'reviews.litigationAfterReconsideration.corrected'],
    denominator: [...decided('litigationDirect'), ...decided('litigationAfterReconsideration')],
    formulaZh: '诉讼结果纠正 ÷（维持 + 纠正 + 其他），两类诉讼合计',
    formulaEn: 'corrected ÷ (upheld + corrected + other), both kinds of litigation',
  },
  {
    key: 'perCapita.applications',
    zh: '每万人申请数',
    en: 'Applications per 10,000 residents',
    kind: 'perTenThousand',
    numerator: [A('newReceived')],
    denominator: [POPULATION],
    formulaZh: '一、本年新收·总计 ÷ 常住人口 × 10000（仅计已载入人口的单位）',
    formulaEn: 'new applications ÷ resident population × 10,000 (units with a population loaded)',
  },
  {
    key: 'reviews.reconsiderations',
    zh: '行政复议数',
    en: 'Reconsiderations',
    kind: 'sum',
    numerator: ['reviews.reconsideration.total'],
    formulaZh: '行政复议·总计',
    formulaEn: 'reconsideration total',
  },
  {
    key: 'reviews.litigations',
    zh: '行政诉讼数',
    en: 'Litigations',
    kind: 'sum',
    numerator: ['reviews.litigationDirect.total', 'reviews.litigationAfterReconsideration.total'],
    formulaZh: '行政诉讼两类之总计',
    formulaEn: 'both litigation totals',
  },
];

/** Every canonical cell as a summable base metric, keyed by its canonical key. */
const BASE_METRICS: readonly MetricDef[] = [...new Set([...cellPaths('2021'), ...cellPaths('2019')])].map((path) => ({
  key: path,
  zh: cellLabel(path, 'zh'),
  en: cellLabel(path, 'en'),
  kind: 'sum' as const,
  numerator: [path],
  formulaZh: cellLabel(path, 'zh'),
  formulaEn: cellLabel(path, 'en'),
}));

export const METRICS: ReadonlyMap<string, MetricDef> = new Map([...BASE_METRICS, ...DERIVED_METRICS].map((m) => [m.key, m]));

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
