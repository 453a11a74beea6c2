import { APPLICANT_KEYS, APPLICANT_PART_KEYS, type CanonicalReport } from '@gongkai/report-template';

/** 桐柏县 (河南省南阳市): the demo county. Codes where known; townships without. */
export const DEMO_COUNTY = {
  province: { name: '河南省', code: '410000' },
  city: { name: '南阳市', code: '411300' },
  county: { name: '桐柏县', code: '411330' },
  towns: [
    '城关镇',
    '淮源镇',
    '月河镇',
    '吴城镇',
    '固县镇',
    '毛集镇',
    '大河镇',
    '埠江镇',
    '平氏镇',
    '黄岗镇',
    '安棚镇',
    '朱庄镇',
    '程湾镇',
    '新集乡',
    '城郊乡',
    '回龙乡',
  ],
  departments: ['桐柏县教育局', '桐柏县市场监督管理局', '桐柏县自然资源局', '桐柏县卫生健康委员会'],
  government: '桐柏县人民政府',
  years: [2019, 2020, 2021, 2022, 2023, 2024, 2025],
} as const;

export const DEMO_USERS = [
  { username: 'admin', password: 'gongkai-admin', displayName: '桐柏县政务公开办', role: 'admin', unit: '桐柏县' },
  { username: 'huaiyuan', password: 'gongkai-clerk', displayName: '淮源镇信息员', role: 'clerk', unit: '淮源镇' },
  { username: 'yuehe', password: 'gongkai-clerk', displayName: '月河镇信息员', role: 'clerk', unit: '月河镇' },
  { username: 'viewer', password: 'gongkai-viewer', displayName: '县领导（只读）', role: 'viewer', unit: null },
  { username: 'analyst', password: 'gongkai-analyst', displayName: '数据分析员', role: 'analyst', unit: null },
] as const;

/** How busy a unit is: most townships receive few applications, some dozens, the county hundreds. */
export function demoScale(name: string): number {
  if (name === DEMO_COUNTY.government) return 120;
  if (name.endsWith('局') || name.endsWith('委员会')) return 12;
  if (name === '城关镇' || name === '城郊乡') return 25;
  if (name === '淮源镇' || name === '安棚镇') return 8;
  return 2;
}

type Row = Record<string, number | null>;

/**
 * Makes a synthetic year follow on from the one before, as real reports do: carried over equals
 * last year's carried forward, and normative documents in force follow issued and repealed.
 */
export function chainYears(report: CanonicalReport, previous: CanonicalReport | null): void {
  if (!previous) return;
  const app = report.applications as Record<string, Row>;
  const before = previous.applications as Record<string, Row>;
  const processed = app.processedTotal as Row;
  const forward = app.carriedForward as Row;
  const over: Row = {};
  const fresh: Row = {};
  for (const c of APPLICANT_PART_KEYS) {
    over[c] = before.carriedForward?.[c] ?? 0;
    let n = (processed[c] ?? 0) + (forward[c] ?? 0) - (over[c] ?? 0);
    if (n < 0) {
      forward[c] = (forward[c] ?? 0) - n;
      n = 0;
    }
    fresh[c] = n;
  }
  for (const row of [over, fresh, forward]) row.total = APPLICANT_PART_KEYS.reduce((s, c) => s + (row[c] ?? 0), 0);
  app.carriedOver = over;
  app.newReceived = fresh;
  for (const c of APPLICANT_KEYS) if (forward[c] === undefined) forward[c] = 0;
  const docs = (report.proactive as Record<string, Row>).normativeDocuments;
  const prevDocs = (previous.proactive as Record<string, Row>).normativeDocuments;
  if (report.templateVersion === '2021' && previous.templateVersion === '2021' && docs && prevDocs) {
    docs.inForce = Math.max(0, (prevDocs.inForce ?? 0) + (docs.issued ?? 0) - (docs.repealed ?? 0));
    if ((docs.inForce ?? 0) === 0) docs.repealed = Math.min(docs.repealed ?? 0, (prevDocs.inForce ?? 0) + (docs.issued ?? 0));
  }
  const received = (app.newReceived as Row).total;
  const handled = processed.total;
  report.text.overview = `${report.year}年，${report.organ}认真贯彻《中华人民共和国政府信息公开条例》，全年共收到政府信息公开申请${received}件，办结${handled}件。`;
}
