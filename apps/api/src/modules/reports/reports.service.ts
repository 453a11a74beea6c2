import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, In } from 'typeorm';
import type { Actor } from '../../common/access/actor.js';
import { deny, policy, requireLogin, requireReadPublished } from '../../common/access/policy.js';
import { AppError } from '../../common/errors.js';
import type { Page } from '../../common/pagination.js';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { AuditService } from '../audit/audit.service.js';
import { Jurisdiction } from '../jurisdictions/jurisdiction.entity.js';
import { REPORTING_KINDS } from '../jurisdictions/jurisdictions.service.js';
import { applyToRollups } from '../published/rollups.js';
import { recheckCrossYear } from './cross-year.js';
import { type Decision, Finding } from './finding.entity.js';
import { Report } from './report.entity.js';
import { ReportVersion, type VersionStatus } from './report-version.entity.js';

export type SubmissionState = 'missing' | VersionStatus;

export interface UnitSubmission {
  unit: Jurisdiction;
  year: number;
  state: SubmissionState;
  report: Report | null;
  version: ReportVersion | null;
  deadline: string;
  /** Null while missing; otherwise whether it was published (stated date) or submitted by the deadline. */
  onTime: boolean | null;
}

/** 条例 article 49/50: departments and townships by 31 January, the county government by 31 March. */
export function deadlineFor(unit: Pick<Jurisdiction, 'kind'>, year: number): string {
  return unit.kind === 'government' ? `${year + 1}-03-31` : `${year + 1}-01-31`;
}

@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  private get units() {
    return this.db.getRepository(Jurisdiction);
  }
  private get reports() {
    return this.db.getRepository(Report);
  }
  private get versions() {
    return this.db.getRepository(ReportVersion);
  }

  assertCanReadPublished(actor: Actor) {
    requireReadPublished(actor, this.config.publicRead);
  }

  /** One unit's report for a year, at the version the actor may see (current by default). */
  async reportFor(
    actor: Actor,
    unitId: number,
    year: number,
    versionNumber?: number | null,
  ): Promise<{ report: Report; version: ReportVersion; unit: Jurisdiction }> {
    this.assertCanReadPublished(actor);
    const unit = await this.units.findOne({ where: { id: unitId } });
    if (!unit) throw new AppError('NOT_FOUND', `没有编号为 ${unitId} 的单位`);
    const report = await this.reports.findOne({ where: { jurisdictionId: unitId, year } });
    const insider = policy.canReadUnpublished(actor, unit);
    const missing = () => new AppError('NOT_FOUND', `${unit.name} ${year} 年没有${insider ? '' : '已发布的'}报告`);
    if (!report) throw missing();
    let version: ReportVersion | null;
    if (versionNumber) {
      version = await this.versions.findOne({ where: { reportId: report.id, version: versionNumber } });
      if (version && !insider && version.status !== 'published') version = null;
    } else {
      const id = insider ? report.currentVersionId : report.publishedVersionId;
      version = id ? await this.versions.findOne({ where: { id } }) : null;
    }
    if (!version) throw missing();
    return { report, version, unit };
  }

  /** All versions of these reports, each report's newest first (see versions.loader.ts). */
  versionsOfReports(reportIds: readonly number[]): Promise<ReportVersion[]> {
    return this.versions.find({ where: { reportId: In([...reportIds]) }, order: { reportId: 'ASC', version: 'DESC' } });
  }

  async publishedVersionCounts(reportIds: readonly number[]): Promise<Map<number, number>> {
    const rows: { reportId: number; n: number }[] = await this.db.query(
      `SELECT "reportId", count(*)::int AS n FROM report_version WHERE "reportId" = ANY($1::int[]) AND status = 'published' GROUP BY "reportId"`,
      [[...reportIds]],
    );
    return new Map(rows.map((r) => [r.reportId, r.n]));
  }

  findingsOf(versionIds: readonly number[]): Promise<Finding[]> {
    return this.db.getRepository(Finding).find({ where: { versionId: In([...versionIds]) }, order: { id: 'ASC' } });
  }

  /** Reports under a subtree; outsiders see only those with a published version. */
  async list(
    actor: Actor,
    filter: { under?: number | null; year?: number | null; status?: string | null },
    first: number,
    offset: number,
  ): Promise<Page<{ report: Report; version: ReportVersion; unit: Jurisdiction }>> {
    this.assertCanReadPublished(actor);
    const q = this.reports.createQueryBuilder('r').innerJoinAndMapOne('r.jurisdiction', Jurisdiction, 'j', 'j.id = r.jurisdictionId');
    if (filter.under) {
      const root = await this.units.findOne({ where: { id: filter.under } });
      if (!root) throw new AppError('NOT_FOUND', `没有编号为 ${filter.under} 的单位`);
      q.andWhere('(j.path LIKE :prefix OR j.id = :root)', { prefix: `${root.path}.%`, root: root.id });
    }
    if (filter.year) q.andWhere('r.year = :year', { year: filter.year });
    // Insiders see current versions within their scope; everything else, only published ones.
    const scope = actor.role === 'admin' ? actor.jurisdictionPath : null;
    const clerkUnit = actor.role === 'clerk' ? actor.jurisdictionId : null;
    q.innerJoinAndMapOne(
      'r.shown',
      ReportVersion,
      'v',
      `v.id = CASE WHEN (${scope ? '(j.path = :scope OR j.path LIKE :scopePrefix)' : 'false'} OR ${clerkUnit ? 'j.id = :clerkUnit' : 'false'}) THEN r.currentVersionId ELSE r.publishedVersionId END`,
      { scope, scopePrefix: `${scope}.%`, clerkUnit },
    );
    if (filter.status) q.andWhere('v.status = :status', { status: filter.status });
    const [rows, totalCount] = await q.orderBy('r.year', 'DESC').addOrderBy('j.path', 'ASC').skip(offset).take(first).getManyAndCount();
    const items = rows.map((r) => {
      const x = r as Report & { shown: ReportVersion; jurisdiction: Jurisdiction };
      return { report: x, version: x.shown, unit: x.jurisdiction };
    });
    return { items, offset, totalCount };
  }

  /**
   * A clerk's own desk: their unit's report for every year the county has reports, and last year,
   * newest first, with the current version (the clerk's own, so unpublished ones too).
   */
  async myReports(actor: Actor, now: Date): Promise<UnitSubmission[]> {
    requireLogin(actor);
    if (actor.role !== 'clerk' || actor.jurisdictionId === null) deny('查看“我的报告”（办事员）');
    const unit = await this.units.findOne({ where: { id: actor.jurisdictionId } });
    if (!unit) throw new AppError('NOT_FOUND', `没有编号为 ${actor.jurisdictionId} 的单位`);
    const countyPath = unit.path.split('.').slice(0, -1).join('.') || unit.path;
    const countyYears = await this.reports
      .createQueryBuilder('r')
      .innerJoin(Jurisdiction, 'j', 'j.id = r.jurisdictionId')
      .select('DISTINCT r.year', 'year')
      .where('(j.path LIKE :prefix OR j.path = :path)', { prefix: `${countyPath}.%`, path: countyPath })
      .getRawMany<{ year: number }>();
    const reports = await this.reports.find({ where: { jurisdictionId: unit.id } });
    const years = new Set([...countyYears.map((r) => Number(r.year)), ...reports.map((r) => r.year), now.getUTCFullYear() - 1]);
    const live = [...years]
      .filter((y) => (unit.validFrom === null || unit.validFrom <= y) && (unit.validTo === null || unit.validTo >= y))
      .sort((a, b) => b - a);
    const versionIds = reports.map((r) => r.currentVersionId).filter((x): x is number => x !== null);
    const versions = versionIds.length ? await this.versions.findBy({ id: In(versionIds) }) : [];
    const firstAt = new Map<number, Date>();
    for (const v of reports.length
      ? await this.versions.find({ select: { reportId: true, submittedAt: true }, where: { reportId: In(reports.map((r) => r.id)) } })
      : [])
      if (!firstAt.has(v.reportId) || (firstAt.get(v.reportId) as Date) > v.submittedAt) firstAt.set(v.reportId, v.submittedAt);
    return live.map((year) => {
      const report = reports.find((r) => r.year === year) ?? null;
      const version = report ? (versions.find((v) => v.id === report.currentVersionId) ?? null) : null;
      const deadline = deadlineFor(unit, year);
      // As on the county's matrix: the stated publication date, else when it first reached us.
      const when = version?.publishedDate ?? (report ? firstAt.get(report.id)?.toISOString().slice(0, 10) : undefined) ?? null;
      return { unit, year, state: version ? version.status : 'missing', report, version, deadline, onTime: version && when ? when <= deadline : null };
    });
  }

  /** Every reporting unit under a county for a year, with where its report stands. */
  async submissionStatus(actor: Actor, countyId: number, year: number): Promise<UnitSubmission[]> {
    requireLogin(actor);
    const county = await this.units.findOne({ where: { id: countyId } });
    if (!county) throw new AppError('NOT_FOUND', `没有编号为 ${countyId} 的单位`);
    if (!(actor.role === 'admin' && policy.canReview(actor, county)) && !['viewer', 'analyst'].includes(actor.role)) deny('查看全县报送情况');
    const units = await this.units
      .createQueryBuilder('j')
      .where('(j.path LIKE :prefix OR j.id = :id)', { prefix: `${county.path}.%`, id: county.id })
      .andWhere('j.kind IN (:...kinds)', { kinds: REPORTING_KINDS })
      .andWhere('(j.validFrom IS NULL OR j.validFrom <= :y) AND (j.validTo IS NULL OR j.validTo >= :y)', { y: year })
      .orderBy('j.kind', 'ASC')
      .addOrderBy('j.name', 'ASC')
      .getMany();
    const reports = units.length ? await this.reports.find({ where: { jurisdictionId: In(units.map((u) => u.id)), year } }) : [];
    const insider = actor.role === 'admin';
    const versionIds = reports.map((r) => (insider ? r.currentVersionId : r.publishedVersionId)).filter((x): x is number => x !== null);
    const versions = versionIds.length ? await this.versions.findBy({ id: In(versionIds) }) : [];
    const firstSubmitted = reports.length
      ? await this.versions
          .createQueryBuilder('v')
          .select('v.reportId', 'reportId')
          .addSelect('MIN(v.submittedAt)', 'at')
          .where('v.reportId IN (:...ids)', { ids: reports.map((r) => r.id) })
          .groupBy('v.reportId')
          .getRawMany<{ reportId: number; at: Date }>()
      : [];
    const firstAt = new Map(firstSubmitted.map((r) => [r.reportId, new Date(r.at)]));
    return units.map((unit) => {
      const report = reports.find((r) => r.jurisdictionId === unit.id) ?? null;
      const version = report ? (versions.find((v) => v.id === (insider ? report.currentVersionId : report.publishedVersionId)) ?? null) : null;
      const deadline = deadlineFor(unit, year);
      // Timeliness: the publication date the report states, else when it first reached us (for
      // outsiders: when the published version did, a fact of the published report).
      const reached = insider ? (report ? firstAt.get(report.id) : undefined) : version?.submittedAt;
      const when = version?.publishedDate ?? reached?.toISOString().slice(0, 10) ?? null;
      return { unit, year, state: version ? version.status : 'missing', report, version, deadline, onTime: version && when ? when <= deadline : null };
    });
  }

  async transition(actor: Actor, versionId: number, to: 'returned' | 'accepted' | 'published', reason?: string | null): Promise<ReportVersion> {
    requireLogin(actor);
    return this.db.transaction(async (m) => {
      const version = await m.getRepository(ReportVersion).createQueryBuilder('v').setLock('pessimistic_write').where('v.id = :id', { id: versionId }).getOne();
      if (!version) throw new AppError('NOT_FOUND', `没有编号为 ${versionId} 的报告版本`);
      const report = await m.getRepository(Report).findOneOrFail({ where: { id: version.reportId } });
      const unit = await m.getRepository(Jurisdiction).findOneOrFail({ where: { id: report.jurisdictionId } });
      if (!policy.canReview(actor, unit)) deny(to === 'returned' ? '退回报告' : to === 'accepted' ? '接收报告' : '发布报告');
      if (report.currentVersionId !== version.id)
        throw new AppError('INVALID_TRANSITION', `第 ${version.version} 版已不是当前版本，只能处理第 ${report.versionCount} 版`);
      const allowed: Record<string, VersionStatus[]> = { returned: ['submitted', 'accepted'], accepted: ['submitted'], published: ['accepted'] };
      if (!allowed[to]?.includes(version.status)) {
        throw new AppError(
          'INVALID_TRANSITION',
          `报告处于“${STATUS_ZH[version.status]}”状态，不能${to === 'returned' ? '退回' : to === 'accepted' ? '接收' : '发布'}${to === 'published' ? '（须先接收）' : ''}`,
        );
      }
      let cleanReason: string | null = null;
      if (to === 'returned') {
        cleanReason = (reason ?? '').trim();
        if (!cleanReason || cleanReason.length > 1000) throw new AppError('BAD_INPUT', '退回须写明理由（1–1000 字）(a reason is required)');
      }
      await m.getRepository(ReportVersion).update(version.id, { status: to, returnReason: cleanReason, reviewedAt: new Date() });
      if (to === 'published') {
        // The rollups move with the published pointer, in the same transaction.
        if (report.publishedVersionId) await applyToRollups(m, report.publishedVersionId, unit, report.year, -1);
        await applyToRollups(m, version.id, unit, report.year, 1);
        await m.getRepository(Report).update(report.id, { publishedVersionId: version.id });
        // The next year's cross-year rules compare with this year's published version: now this one.
        await recheckCrossYear(m, unit.id, report.year + 1);
      }
      await this.audit.record(m, actor, `report.${to === 'returned' ? 'return' : to === 'accepted' ? 'accept' : 'publish'}`, 'report', report.id, {
        versionId: version.id,
        version: version.version,
        reason: cleanReason,
      });
      return { ...version, status: to, returnReason: cleanReason, reviewedAt: new Date() } as ReportVersion;
    });
  }

  async decideFinding(actor: Actor, findingId: number, decision: Decision, reason?: string | null): Promise<Finding> {
    requireLogin(actor);
    return this.db.transaction(async (m) => {
      const finding = await m.getRepository(Finding).findOne({ where: { id: findingId } });
      if (!finding) throw new AppError('NOT_FOUND', `没有编号为 ${findingId} 的发现`);
      const version = await m.getRepository(ReportVersion).findOneOrFail({ where: { id: finding.versionId } });
      const report = await m.getRepository(Report).findOneOrFail({ where: { id: version.reportId } });
      const unit = await m.getRepository(Jurisdiction).findOneOrFail({ where: { id: report.jurisdictionId } });
      if (!policy.canReview(actor, unit)) deny('处理校验发现');
      const why = (reason ?? '').trim();
      if (decision === 'dismissed' && !why) throw new AppError('BAD_INPUT', '驳回发现须写明理由 (a reason is required to dismiss)');
      if (why.length > 1000) throw new AppError('BAD_INPUT', '理由不超过 1000 字');
      const patch = { decision, decisionReason: why || null, decidedBy: actor.username, decidedAt: decision === 'open' ? null : new Date() };
      await m.getRepository(Finding).update(finding.id, patch);
      await this.audit.record(m, actor, 'finding.decide', 'report', report.id, { findingId, rule: finding.rule, decision, reason: why || null });
      return { ...finding, ...patch };
    });
  }

  /** The original file of a version, for download. */
  async file(actor: Actor, versionId: number): Promise<{ fileName: string; mediaType: string; content: Buffer }> {
    this.assertCanReadPublished(actor);
    const version = await this.versions.createQueryBuilder('v').addSelect('v.content').where('v.id = :id', { id: versionId }).getOne();
    if (!version) throw new AppError('NOT_FOUND', `没有编号为 ${versionId} 的报告版本`);
    const report = await this.reports.findOneOrFail({ where: { id: version.reportId } });
    const unit = await this.units.findOneOrFail({ where: { id: report.jurisdictionId } });
    if (version.status !== 'published' && !policy.canReadUnpublished(actor, unit)) throw new AppError('NOT_FOUND', `没有编号为 ${versionId} 的报告版本`);
    return { fileName: version.fileName, mediaType: version.mediaType, content: version.content };
  }

  async auditTrail(actor: Actor, reportId: number, first: number, offset: number) {
    requireLogin(actor);
    const report = await this.reports.findOne({ where: { id: reportId } });
    if (!report) throw new AppError('NOT_FOUND', `没有编号为 ${reportId} 的报告`);
    const unit = await this.units.findOneOrFail({ where: { id: report.jurisdictionId } });
    if (!policy.canReadUnpublished(actor, unit)) deny('查看审计记录');
    const [items, totalCount] = await this.audit.trail('report', [String(reportId)], first, offset);
    return { items, offset, totalCount };
  }
}

export const STATUS_ZH: Record<VersionStatus | 'missing', string> = {
  submitted: '已提交',
  returned: '已退回',
  accepted: '已接收',
  published: '已发布',
  missing: '未报送',
};
