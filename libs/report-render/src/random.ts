import {
  APPLICANT_KEYS,
  APPLICANT_PART_KEYS,
  APPLICATION_ROWS,
  type CanonicalReport,
  emptyReport,
  getPath,
  PROACTIVE_2019,
  REVIEW_GROUPS,
  setPath,
  type TemplateVersion,
  V2019_DECISION_MAP,
} from '@gongkai/report-template';

export interface RandomReportOptions {
  version?: TemplateVersion;
  organ?: string;
  year?: number;
  /** Chance that a zero cell is printed blank instead (0 = never). */
  blankRate?: number;
  /**
   * No 法人或其他组织 applicants, and table 三 prints those five columns empty (as many township
   * reports do): the cells are `null`, what the document states.
   */
  blankLegalColumns?: boolean;
  /** Table 三's 总计 column and table 四's 总计 cells printed empty (`null`), whatever they add up to. */
  blankTotals?: boolean;
  /** Roughly how many applications the body receives (townships: a handful; counties: hundreds). */
  scale?: number;
}

/** Mulberry32: small, fast, and the same on every machine. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PLACES = ['淮源', '月河', '吴城', '固县', '毛集', '大河', '埠江', '平氏', '黄岗', '安棚', '朱庄', '程湾', '新集', '城郊', '回龙', '城关'];

/** A valid report (every consistency rule holds) drawn from a seed. */
export function randomReport(seed: number, options: RandomReportOptions = {}): CanonicalReport {
  const rand = rng(seed);
  const int = (max: number) => Math.floor(rand() * (max + 1));
  const version = options.version ?? (rand() < 0.2 ? '2019' : '2021');
  const r = emptyReport(version);
  r.organ = options.organ ?? `${PLACES[int(PLACES.length - 1)]}${rand() < 0.8 ? '镇' : '乡'}人民政府`;
  r.year = options.year ?? 2019 + int(6);
  const scale = options.scale ?? (rand() < 0.6 ? 2 : rand() < 0.8 ? 20 : 300);
  const cell = (max: number, p: number) => (rand() < p ? int(max) : 0);
  // Drawn either way, so the other cells are those of the same seed without the option.
  const legal = (v: number) => (options.blankLegalColumns ? 0 : v);
  const app = r.applications;

  const outcomeKeys = APPLICATION_ROWS.filter((d) => {
    if (d.role === 'outcome') return !d.key.startsWith('otherHandling.') || version === '2021';
    return d.role === 'outcomeTotal' && version === '2019';
  }).map((d) => d.key);
  const processed = Object.fromEntries(APPLICANT_PART_KEYS.map((c) => [c, 0])) as Record<string, number>;
  for (const key of outcomeKeys) {
    const weight = key === 'granted' ? 1 : key === 'unavailable.notHeld' || key === 'partiallyGranted' ? 0.5 : 0.15;
    const row: Record<string, number> = {};
    for (const c of APPLICANT_PART_KEYS) {
      row[c] = c === 'naturalPerson' ? cell(Math.ceil(scale * weight), 0.7) : legal(cell(Math.ceil((scale * weight) / 4), 0.15));
      processed[c] = (processed[c] ?? 0) + (row[c] as number);
    }
    setPath(app, key, withTotal(row));
  }
  if (version === '2021') {
    const total: Record<string, number> = {};
    for (const c of APPLICANT_KEYS)
      total[c] = ['overdueCorrection', 'overdueFee', 'other'].reduce((s, k) => s + (getPath(app, `otherHandling.${k}.${c}`) as number), 0);
    setPath(app, 'otherHandling.total', total);
  }
  setPath(app, 'processedTotal', withTotal({ ...processed }));
  const forward: Record<string, number> = {};
  const over: Record<string, number> = {};
  const fresh: Record<string, number> = {};
  for (const c of APPLICANT_PART_KEYS) {
    forward[c] = c === 'naturalPerson' ? cell(Math.ceil(scale / 10), 0.3) : legal(cell(Math.ceil(scale / 10), 0.3));
    over[c] = c === 'naturalPerson' ? cell(Math.ceil(scale / 10), 0.3) : legal(cell(Math.ceil(scale / 10), 0.3));
    const need = (processed[c] as number) + (forward[c] as number);
    if ((over[c] as number) > need) over[c] = need;
    fresh[c] = need - (over[c] as number);
  }
  setPath(app, 'carriedForward', withTotal(forward));
  setPath(app, 'carriedOver', withTotal(over));
  setPath(app, 'newReceived', withTotal(fresh));

  for (const g of REVIEW_GROUPS) {
    const p = g.key === 'reconsideration' ? 0.4 : 0.15;
    const row = { upheld: cell(3, p), corrected: cell(2, p / 2), other: cell(2, p / 2), pending: cell(1, p / 2) };
    r.reviews[g.key] = { ...row, total: row.upheld + row.corrected + row.other + row.pending };
  }

  if (version === '2021') {
    const inForce = int(30);
    const issued = Math.min(inForce, cell(5, 0.5));
    Object.assign(r.proactive, {
      regulations: { issued: 0, repealed: 0, inForce: 0 },
      normativeDocuments: { issued, repealed: cell(3, 0.2), inForce },
      licensing: cell(scale * 50, 0.7),
      penalties: cell(scale * 10, 0.6),
      coercion: cell(scale * 2, 0.3),
      feesWan: rand() < 0.5 ? 0 : Math.round(rand() * 1e6 * scale) / 1e6,
    });
  } else {
    for (const item of PROACTIVE_2019) {
      for (const col of item.columns) {
        const v = col.signed ? int(10) - 5 : col.decimal ? Math.round(rand() * 1e4) / 100 : cell(scale * 5, 0.6);
        setPath(r.proactive, `${item.key}.${col.key}`, v);
      }
    }
    for (const [from, to] of Object.entries(V2019_DECISION_MAP)) setPath(r.proactive, to, getPath(r.proactive, `${from}.decisions`));
  }

  const received = (app.newReceived as Record<string, number>).total;
  const handled = (app.processedTotal as Record<string, number>).total;
  r.text = {
    overview: `${r.year}年，${r.organ}认真贯彻《中华人民共和国政府信息公开条例》，全年共收到政府信息公开申请${received}件，办结${handled}件。`,
    problems: '政务公开工作仍存在公开内容不够全面等问题，下一步将加强培训、完善制度。',
    other: '无',
  };

  const blankRate = options.blankRate ?? 0;
  if (blankRate > 0) blankZeros(r, rand, blankRate);
  if (options.blankLegalColumns || options.blankTotals) {
    const blank = [...(options.blankLegalColumns ? APPLICANT_PART_KEYS.filter((c) => c !== 'naturalPerson') : []), ...(options.blankTotals ? ['total'] : [])];
    for (const d of APPLICATION_ROWS) {
      const row = getPath(app, d.key) as Record<string, unknown> | undefined;
      if (row) for (const c of blank) row[c] = null;
    }
    if (options.blankTotals) for (const g of REVIEW_GROUPS) (r.reviews[g.key] as Record<string, number | null>).total = null;
    deriveOtherHandlingTotal(r);
  }
  return r;
}

function withTotal(row: Record<string, number>): Record<string, number> {
  return { ...row, total: APPLICANT_PART_KEYS.reduce((s, c) => s + (row[c] ?? 0), 0) };
}

function blankZeros(r: CanonicalReport, rand: () => number, rate: number) {
  const visit = (obj: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(obj)) {
      if (v === 0 && rand() < rate) obj[k] = null;
      else if (v && typeof v === 'object') visit(v as Record<string, unknown>);
    }
  };
  visit(r.applications);
  visit(r.reviews);
  visit(r.proactive);
  // 2019 decisions feed the 2021 keys, and the parser derives （六）其他处理 from its sub-rows.
  if (r.templateVersion === '2019') {
    for (const [from, to] of Object.entries(V2019_DECISION_MAP)) setPath(r.proactive, to, getPath(r.proactive, `${from}.decisions`));
  }
  deriveOtherHandlingTotal(r);
}

/** 2021 prints （六）其他处理 only as its three sub-rows; its total is what they add up to (blank if all are). */
function deriveOtherHandlingTotal(r: CanonicalReport) {
  if (r.templateVersion !== '2021') return;
  const oh = r.applications.otherHandling as Record<string, Record<string, number | null>>;
  for (const c of APPLICANT_KEYS) {
    const parts = ['overdueCorrection', 'overdueFee', 'other'].map((k) => oh[k]?.[c] ?? null);
    (oh.total as Record<string, number | null>)[c] = parts.every((p) => p === null) ? null : parts.reduce<number>((s, p) => s + (p ?? 0), 0);
  }
}
