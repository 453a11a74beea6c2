import type { CellPath, MetricKey } from '@gongkai/report-template';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppError } from '../../common/errors.js';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import type { Actor } from '../auth/actor.js';
import { policy } from '../auth/policy.js';
import { Jurisdiction } from '../jurisdictions/jurisdiction.entity.js';
import { FIGURE_COLUMNS, FIGURE_PATHS } from '../reports/figures.entity.js';
import { ReportsService, type UnitSubmission } from '../reports/reports.service.js';

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

export interface QualityReport {
  submissions: UnitSubmission[] | null;
  openFindings: { rule: string; severity: string; count: number; units: number }[];
  anomalies: Anomaly[];
}

/** A robust z-score above this marks a spike (Iglewicz and Hoaglin's 3.5). */
const SPIKE_Z = 3.5;
/** …and the jump must be at least this many applications (and at least the median), so 0 → 2 or 14 → 24 is no spike. */
const SPIKE_MIN = 5;
/** A report with fewer non-zero cells than this is too sparse for identical figures to mean a copy. */
const MIN_FILLED = 6;
const RECEIVED = FIGURE_COLUMNS['applications.newReceived.total' satisfies CellPath] as string;
const CARRIED_OVER = FIGURE_COLUMNS['applications.carriedOver.total' satisfies CellPath] as string;
const CARRIED_FORWARD = FIGURE_COLUMNS['applications.carriedForward.total' satisfies CellPath] as string;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** Data quality of a scope for a year: who is missing or late, open findings, and anomalies. */
@Injectable()
export class QualityService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reports: ReportsService,
  ) {}

  async quality(actor: Actor, underId: number, year: number): Promise<QualityReport> {
    if (!policy.canReadPublished(actor, this.config.publicRead)) throw new AppError('UNAUTHENTICATED', '请先登录后查看 (log in to read)');
    const root = await this.db.getRepository(Jurisdiction).findOne({ where: { id: underId } });
    if (!root) throw new AppError('NOT_FOUND', `没有编号为 ${underId} 的单位`);
    const insider = policy.canReview(actor, root);
    const submissions =
      root.kind === 'county' && actor.role !== 'anonymous' && actor.role !== 'clerk'
        ? await this.reports.submissionStatus(actor, root.id, year).catch(() => null)
        : null;
    const version = insider ? '"currentVersionId"' : '"publishedVersionId"';
    const scope = `(j.path = $1 OR j.path LIKE $2)`;
    const args = [root.path, `${root.path}.%`];

    const openFindings: QualityReport['openFindings'] = (
      await this.db.query(
        `SELECT fi.rule, fi.severity, count(*)::int AS count, count(DISTINCT r.id)::int AS units
         FROM finding fi JOIN report r ON r.${version} = fi."versionId" JOIN jurisdiction j ON j.id = r."jurisdictionId"
         WHERE ${scope} AND r.year = $3 AND fi.decision = 'open' AND fi.severity <> 'info'
         GROUP BY fi.rule, fi.severity ORDER BY count DESC, fi.rule`,
        [...args, year],
      )
    ).map((r: { rule: string; severity: string; count: number; units: number }) => r);

    // Every year's figures for the units in scope: history for spikes, neighbours for breaks and
    // copies. Other years count only as published: an unreviewed or returned version of last year
    // is no baseline (insiders see this year's current versions).
    const figures: Record<string, unknown>[] = await this.db.query(
      `SELECT r."jurisdictionId" AS unit, r.year, j."parentId" AS parent, j.kind,
              f."${RECEIVED}" AS received, f."${CARRIED_OVER}" AS over, f."${CARRIED_FORWARD}" AS forward,
              md5(ROW(${FIGURE_PATHS.map((p) => `f."${FIGURE_COLUMNS[p]}"`).join(', ')})::text) AS hash,
              (${FIGURE_PATHS.map((p) => `(coalesce(f."${FIGURE_COLUMNS[p]}", 0) <> 0)::int`).join(' + ')}) AS nonzero,
              regexp_replace(coalesce(v.data->'text'->>'problems', '') || coalesce(v.data->'text'->>'overview', ''), '\\s+', '', 'g') AS text
       FROM report r JOIN report_figures f ON f."versionId" = CASE WHEN r.year = $3 THEN r.${version} ELSE r."publishedVersionId" END
       JOIN report_version v ON v.id = f."versionId"
       JOIN jurisdiction j ON j.id = r."jurisdictionId"
       WHERE ${scope} AND r.year <= $3`,
      [...args, year],
    );
    const rows = figures.map((f) => ({
      unit: Number(f.unit),
      year: Number(f.year),
      parent: f.parent === null ? null : Number(f.parent),
      kind: String(f.kind),
      received: f.received === null ? 0 : Number(f.received),
      over: Number(f.over ?? 0),
      forward: Number(f.forward ?? 0),
      hash: String(f.hash),
      sparse: Number(f.nonzero) < MIN_FILLED,
      text: String(f.text),
    }));
    type Row = (typeof rows)[number];
    const now = rows.filter((r) => r.year === year);
    const anomalies: Anomaly[] = [];

    for (const r of now) {
      const history = rows.filter((h) => h.unit === r.unit && h.year < year).map((h) => h.received);
      if (history.length >= 3) {
        const m = median(history);
        const mad = median(history.map((x) => Math.abs(x - m)));
        const z = mad > 0 ? (0.6745 * (r.received - m)) / mad : r.received === m ? 0 : Number.POSITIVE_INFINITY;
        // Robustly unusual for this unit, and large: at least SPIKE_MIN and at least the median itself.
        if (Math.abs(z) > SPIKE_Z && Math.abs(r.received - m) >= Math.max(SPIKE_MIN, m)) {
          anomalies.push({
            kind: 'spike',
            unitId: r.unit,
            year,
            otherUnitId: null,
            otherYear: null,
            metric: 'applications.received' satisfies MetricKey,
            value: r.received,
            expected: m,
            score: Number.isFinite(z) ? Math.round(z * 100) / 100 : null,
            message: `新收申请 ${r.received} 件，本单位往年中位数为 ${m} 件`,
          });
        }
      }
      const peers = now.filter((p) => p.unit !== r.unit && p.parent === r.parent && p.kind === r.kind);
      if (r.received === 0 && peers.length >= 3 && peers.filter((p) => p.received > 0).length >= 0.75 * peers.length) {
        anomalies.push({
          kind: 'zeroAmongPeers',
          unitId: r.unit,
          year,
          otherUnitId: null,
          otherYear: null,
          metric: 'applications.received' satisfies MetricKey,
          value: 0,
          expected: median(peers.map((p) => p.received)),
          score: null,
          message: `新收申请为 0，而同级 ${peers.filter((p) => p.received > 0).length}/${peers.length} 个单位不为 0`,
        });
      }
      const last = rows.find((h) => h.unit === r.unit && h.year === year - 1);
      if (last && last.forward !== r.over) {
        anomalies.push({
          kind: 'continuityBreak',
          unitId: r.unit,
          year,
          otherUnitId: null,
          otherYear: year - 1,
          metric: 'applications.carriedOver.total' satisfies MetricKey,
          value: r.over,
          expected: last.forward,
          score: null,
          message: `上年结转 ${r.over} 件，上一年度结转下年度为 ${last.forward} 件`,
        });
      }
      // 雷同: a full set of figures (near-empty reports say nothing), or the prose, found again in
      // another unit's report of the year or in this unit's report of another year.
      const copies = (kind: 'copiedFigures' | 'copiedText', same: (o: Row) => boolean, what: string) => {
        for (const o of rows) {
          if (o === r || !same(o) || (o.year === year && o.unit < r.unit)) continue; // a pair once
          if (o.year !== year && o.unit !== r.unit) continue;
          const message = o.unit === r.unit ? `${what}与本单位 ${o.year} 年报告相同` : `${what}与同年另一单位的报告相同`;
          anomalies.push({
            kind,
            unitId: r.unit,
            year,
            otherUnitId: o.unit,
            otherYear: o.year,
            metric: null,
            value: null,
            expected: null,
            score: null,
            message,
          });
        }
      };
      if (!r.sparse) copies('copiedFigures', (o) => o.hash === r.hash, '全部数字');
      if (r.text.length >= 60) copies('copiedText', (o) => o.text === r.text, '正文');
    }
    return { submissions, openFindings, anomalies };
  }
}
