/** The analysts' examples (the README shows the same five), for a county id and a year. */
export interface Example {
  id: string;
  zh: string;
  en: string;
  query: string;
}

export function analystExamples(county: string, year: number): Example[] {
  const years = Array.from({ length: 7 }, (_, i) => year - 6 + i);
  return [
    {
      id: 'trend',
      zh: '全县趋势（长格式，一行一年一指标）',
      en: 'County trend (long format: one row per year × metric)',
      query: `{ metrics(metrics: ["applications.received", "applications.handled", "rate.disclosure", "reviews.reconsiderations"],
          scope: { under: "${county}" }, years: [${years.join(', ')}], groupBy: [year], first: 100) {
    totalCount edges { node { year metric value numerator denominator smallSample low high reports } } } }`,
    },
    {
      id: 'yoy',
      zh: '乡镇同比',
      en: 'Townships year over year',
      query: `{ yoy(metric: "applications.received", from: ${year - 1}, to: ${year}, under: "${county}", kinds: [town, township]) {
    unit { name } from to change relativeChange } }`,
    },
    {
      id: 'ranking',
      zh: '排名、百分位与同级四分位数',
      en: 'Ranking with percentiles and peer quartiles',
      query: `{ ranking(metric: "rate.disclosure", year: ${year}, under: "${county}", kinds: [town, township]) {
    count quartiles { p25 p50 p75 } rows { unit { name } rank percentile value denominator smallSample } } }`,
    },
    {
      id: 'quality',
      zh: '数据质量：异常与未处理问题',
      en: 'Data quality: anomalies and open findings',
      query: `{ dataQuality(under: "${county}", year: ${year}) {
    openFindings { rule severity count units }
    anomalies { kind unit { name } otherUnit { name } otherYear metric value expected score message } } }`,
    },
    {
      id: 'units',
      zh: '各单位分年数据（与导出相同的参数）',
      en: 'Each unit by year (the same arguments as the export)',
      query: `{ metrics(metrics: ["applications.received", "rate.disclosure"], scope: { under: "${county}" },
          years: [${year - 1}, ${year}], groupBy: [unit, year], first: 100) {
    totalCount edges { node { unit { name } year metric value numerator denominator } } } }`,
    },
  ];
}

/** The rows of a result worth a CSV: a connection's nodes, or the first list found. */
export function resultRows(data: unknown): unknown[] {
  const seen: unknown[] = [];
  const walk = (v: unknown): unknown[] | null => {
    if (Array.isArray(v)) return v.map((x) => (x && typeof x === 'object' && 'node' in x ? (x as { node: unknown }).node : x));
    if (v && typeof v === 'object') {
      if (seen.includes(v)) return null;
      seen.push(v);
      for (const x of Object.values(v)) {
        const r = walk(x);
        if (r) return r;
      }
    }
    return null;
  };
  return walk(data) ?? (data && typeof data === 'object' ? [data] : []);
}
