import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../../common/access/actor.js';
import { policy, requireReadPublished } from '../../common/access/policy.js';
import { AppError } from '../../common/errors.js';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { Jurisdiction } from '../jurisdictions/jurisdiction.entity.js';
import { FIGURE_COLUMNS, FIGURE_PATHS } from '../published/figure-columns.js';
import { ReportsService, type UnitSubmission } from '../reports/reports.service.js';
import { type Anomaly, CARRY_OVER_TOTAL, detectAnomalies, type UnitYear } from './anomalies.js';

export interface QualityReport {
  submissions: UnitSubmission[] | null;
  openFindings: { rule: string; severity: string; count: number; units: number }[];
  anomalies: Anomaly[];
}

/** A report with fewer non-zero cells than this is too sparse for identical figures to mean a copy. */
const MIN_FILLED = 6;
const RECEIVED = FIGURE_COLUMNS['applications.newReceived.total'] as string;
const CARRIED_OVER = FIGURE_COLUMNS[CARRY_OVER_TOTAL.now] as string;
const CARRIED_FORWARD = FIGURE_COLUMNS[CARRY_OVER_TOTAL.previous] as string;

/** Data quality of a scope for a year: who is missing or late, open findings, and anomalies. */
@Injectable()
export class QualityService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reports: ReportsService,
  ) {}

  async quality(actor: Actor, underId: number, year: number): Promise<QualityReport> {
    requireReadPublished(actor, this.config.publicRead);
    const root = await this.db.getRepository(Jurisdiction).findOne({ where: { id: underId } });
    if (!root) throw new AppError('NOT_FOUND', `没有编号为 ${underId} 的单位`);
    const insider = policy.canReview(actor, root);
    const submissions =
      root.kind === 'county' && actor.role !== 'anonymous' && actor.role !== 'clerk'
        ? await this.reports.submissionStatus(actor, root.id, year).catch((e: unknown) => {
            // An admin of another county may not see this one's submissions: the section is left
            // out. Anything else is a failure to report, not an empty section.
            if (e instanceof AppError && e.code === 'FORBIDDEN') return null;
            throw e;
          })
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
    const rows: UnitYear[] = figures.map((f) => ({
      unit: Number(f.unit),
      year: Number(f.year),
      parent: f.parent === null ? null : Number(f.parent),
      kind: String(f.kind),
      received: f.received === null ? 0 : Number(f.received),
      over: f.over === null ? null : Number(f.over),
      forward: f.forward === null ? null : Number(f.forward),
      hash: String(f.hash),
      sparse: Number(f.nonzero) < MIN_FILLED,
      text: String(f.text),
    }));
    const anomalies: Anomaly[] = detectAnomalies(rows, year);
    return { submissions, openFindings, anomalies };
  }
}
