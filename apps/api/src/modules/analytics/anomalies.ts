import { carryOverBreak, carryOverCells } from '@gongkai/report-validation';

export type AnomalyKind = 'spike' | 'zeroAmongPeers' | 'continuityBreak' | 'copiedFigures' | 'copiedText';

export interface Anomaly {
  kind: AnomalyKind;
  unitId: number;
  year: number;
  /** The other unit (copies) or the same unit's other year (copies across years). */
  otherUnitId: number | null;
  otherYear: number | null;
  metric: string | null;
  value: number | null;
  expected: number | null;
  score: number | null;
  message: string;
}

/** One unit's report of one year, as far as the detectors look at it. */
export interface UnitYear {
  unit: number;
  year: number;
  parent: number | null;
  kind: string;
  /** New applications received (blank as 0). */
  received: number;
  /** This year's carried over and carried forward, totals (blank as null). */
  over: number | null;
  forward: number | null;
  /** A digest of every figure: equal digests, equal figures. */
  hash: string;
  /** Too few non-zero cells for identical figures to mean a copy. */
  sparse: boolean;
  /** The prose, whitespace removed. */
  text: string;
}

/** A robust z-score above this marks a spike (Iglewicz and Hoaglin's 3.5). */
const SPIKE_Z = 3.5;
/** …and the jump must be at least this many applications (and at least the median), so 0 → 2 or 14 → 24 is no spike. */
const SPIKE_MIN = 5;
/** Prose shorter than this says too little for equal text to mean a copy. */
const MIN_TEXT = 60;
/** The carry-over rule's cells, totals: the quality report compares the totals only. */
export const CARRY_OVER_TOTAL = carryOverCells('total');

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

const anomaly = (a: Pick<Anomaly, 'kind' | 'unitId' | 'year' | 'message'> & Partial<Anomaly>): Anomaly => ({
  otherUnitId: null,
  otherYear: null,
  metric: null,
  value: null,
  expected: null,
  score: null,
  ...a,
});

/** New applications robustly unusual for this unit (three earlier years at least), and large. */
export function spike(r: UnitYear, history: readonly number[]): Anomaly | null {
  if (history.length < 3) return null;
  const m = median(history);
  const mad = median(history.map((x) => Math.abs(x - m)));
  const z = mad > 0 ? (0.6745 * (r.received - m)) / mad : r.received === m ? 0 : Number.POSITIVE_INFINITY;
  // Robustly unusual for this unit, and large: at least SPIKE_MIN and at least the median itself.
  if (!(Math.abs(z) > SPIKE_Z && Math.abs(r.received - m) >= Math.max(SPIKE_MIN, m))) return null;
  return anomaly({
    kind: 'spike',
    unitId: r.unit,
    year: r.year,
    metric: 'applications.received',
    value: r.received,
    expected: m,
    score: Number.isFinite(z) ? Math.round(z * 100) / 100 : null,
    message: `新收申请 ${r.received} 件，本单位往年中位数为 ${m} 件`,
  });
}

/** No new applications where three quarters of at least three peers (same parent and kind) had some. */
export function zeroAmongPeers(r: UnitYear, peers: readonly UnitYear[]): Anomaly | null {
  const busy = peers.filter((p) => p.received > 0).length;
  if (r.received !== 0 || peers.length < 3 || busy < 0.75 * peers.length) return null;
  return anomaly({
    kind: 'zeroAmongPeers',
    unitId: r.unit,
    year: r.year,
    metric: 'applications.received',
    value: 0,
    expected: median(peers.map((p) => p.received)),
    message: `新收申请为 0，而同级 ${busy}/${peers.length} 个单位不为 0`,
  });
}

/** This year's carried over is not last year's carried forward: the validator's carry-over rule, on totals. */
export function continuityBreak(r: UnitYear, last: UnitYear | undefined): Anomaly | null {
  if (!last) return null;
  const broken = carryOverBreak(
    'total',
    () => r.over,
    () => last.forward,
  );
  if (!broken) return null;
  const value = broken.found ?? 0;
  return anomaly({
    kind: 'continuityBreak',
    unitId: r.unit,
    year: r.year,
    otherYear: last.year,
    metric: broken.path,
    value,
    expected: broken.expected,
    message: `上年结转 ${value} 件，上一年度结转下年度为 ${broken.expected} 件`,
  });
}

/**
 * 雷同: a full set of figures (near-empty reports say nothing), or the prose, found again in
 * another unit's report of the same year or in this unit's report of another year. A pair of
 * units in the same year is reported once, on the lower unit.
 */
export function copies(r: UnitYear, rows: readonly UnitYear[]): Anomaly[] {
  const out: Anomaly[] = [];
  const find = (kind: 'copiedFigures' | 'copiedText', same: (o: UnitYear) => boolean, what: string) => {
    for (const o of rows) {
      if (o === r || !same(o) || (o.year === r.year && o.unit < r.unit)) continue; // a pair once
      if (o.year !== r.year && o.unit !== r.unit) continue;
      const message = o.unit === r.unit ? `${what}与本单位 ${o.year} 年报告相同` : `${what}与同年另一单位的报告相同`;
      out.push(anomaly({ kind, unitId: r.unit, year: r.year, otherUnitId: o.unit, otherYear: o.year, message }));
    }
  };
  if (!r.sparse) find('copiedFigures', (o) => o.hash === r.hash, '全部数字');
  if (r.text.length >= MIN_TEXT) find('copiedText', (o) => o.text === r.text, '正文');
  return out;
}

/** Every anomaly of the year's reports, `rows` holding the scope's reports of that year and before. */
export function detectAnomalies(rows: readonly UnitYear[], year: number): Anomaly[] {
  const now = rows.filter((r) => r.year === year);
  const anomalies: Anomaly[] = [];
  for (const r of now) {
    const found = [
      spike(
        r,
        rows.filter((h) => h.unit === r.unit && h.year < year).map((h) => h.received),
      ),
      zeroAmongPeers(
        r,
        now.filter((p) => p.unit !== r.unit && p.parent === r.parent && p.kind === r.kind),
      ),
      continuityBreak(
        r,
        rows.find((h) => h.unit === r.unit && h.year === year - 1),
      ),
    ];
    for (const a of found) if (a) anomalies.push(a);
    anomalies.push(...copies(r, rows));
  }
  return anomalies;
}
