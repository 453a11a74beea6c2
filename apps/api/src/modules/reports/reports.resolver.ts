import { cellLabel, cellPaths, getCell, isCellPath, type TemplateVersion } from '@gongkai/report-template';
import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { policy, requireLogin } from '../../common/access/policy.js';
import { type ConnectionShape, toConnection } from '../../common/connection.js';
import type { GqlContext } from '../../common/context.js';
import { AppError } from '../../common/errors.js';
import { parseId } from '../../common/ids.js';
import { decodeCursor, pageSize } from '../../common/pagination.js';
import type { Jurisdiction } from '../jurisdictions/jurisdiction.entity.js';
import { toFinding, toReport, toUnitSubmission, toVersion } from './dto/report.mapper.js';
import {
  AuditConnection,
  type AuditEntryType,
  DecisionGql,
  DryRunType,
  FigureType,
  FindingType,
  ReportConnection,
  ReportType,
  ReportVersionType,
  SubmitReportInput,
  SubmitResult,
  UnitSubmissionType,
  ValidateReportInput,
  VersionStatusGql,
} from './dto/report.types.js';
import { ReportReader } from './report-reader.js';
import { ReportsService } from './reports.service.js';
import { SubmissionsService } from './submissions.service.js';

/** Decodes base64 strictly: stray characters are an error, not silently dropped bytes. */
export function decodeBase64(s: string, max: number): Uint8Array {
  const clean = s.replace(/\s+/g, '');
  if (clean.length > Math.ceil((max * 4) / 3) + 4) throw new AppError('TOO_LARGE', `文件超过上限 ${max / 1048576} MB (file too large)`);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) throw new AppError('BAD_INPUT', 'contentBase64 不是有效的 base64 (invalid base64)');
  return new Uint8Array(Buffer.from(clean, 'base64'));
}

@Resolver(() => ReportType)
export class ReportsResolver {
  constructor(
    private readonly service: ReportsService,
    private readonly submissions: SubmissionsService,
    private readonly reader: ReportReader,
  ) {}

  @Query(() => ReportType, { description: 'A unit’s report for a year: the current version by default (published only, for the public).' })
  async report(
    @Args('jurisdictionId', { type: () => ID }) jurisdictionId: string,
    @Args('year', { type: () => Int }) year: number,
    @Args('version', { type: () => Int, nullable: true }) version: number | null,
    @Context() ctx: GqlContext,
  ) {
    const actor = await ctx.actor();
    const r = await this.service.reportFor(actor, parseId(jurisdictionId, 'jurisdictionId'), year, version);
    return toReport(r.report, r.version, r.unit, policy.canReadUnpublished(actor, r.unit));
  }

  @Query(() => ReportConnection, { description: 'Reports under a subtree, by year and status of the version you may see.' })
  async reports(
    @Context() ctx: GqlContext,
    @Args('under', { type: () => ID, nullable: true }) under?: string,
    @Args('year', { type: () => Int, nullable: true }) year?: number,
    @Args('status', { type: () => VersionStatusGql, nullable: true }) status?: VersionStatusGql,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { nullable: true }) after?: string,
  ): Promise<ConnectionShape<ReportType>> {
    const actor = await ctx.actor();
    const page = await this.service.list(actor, { under: under ? parseId(under, 'under') : null, year, status }, pageSize(first), decodeCursor(after));
    return toConnection(page, (x) => toReport(x.report, x.version, x.unit, policy.canReadUnpublished(actor, x.unit)));
  }

  @Query(() => [UnitSubmissionType], {
    description: "A clerk's own unit, one row per year (newest first): state, deadline, and the current version with its findings and return reason.",
  })
  async myReports(@Context() ctx: GqlContext) {
    const actor = await ctx.actor();
    const rows = await this.service.myReports(actor, new Date());
    return rows.map((r) => toUnitSubmission(r, true));
  }

  @Query(() => [UnitSubmissionType], {
    description: 'Where every reporting unit of a county stands for a year: missing, submitted, returned, accepted, published; on time or late.',
  })
  async submissionStatus(@Args('countyId', { type: () => ID }) countyId: string, @Args('year', { type: () => Int }) year: number, @Context() ctx: GqlContext) {
    const actor = await ctx.actor();
    const rows = await this.service.submissionStatus(actor, parseId(countyId, 'countyId'), year);
    return rows.map((r) => toUnitSubmission(r, policy.canReadUnpublished(actor, r.unit)));
  }

  @Query(() => AuditConnection, { description: 'Every change to a report: who, what, when (newest first).' })
  async auditTrail(
    @Args('reportId', { type: () => ID }) reportId: string,
    @Context() ctx: GqlContext,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { nullable: true }) after?: string,
  ): Promise<ConnectionShape<AuditEntryType>> {
    const page = await this.service.auditTrail(await ctx.actor(), parseId(reportId, 'reportId'), pageSize(first, 50), decodeCursor(after));
    return toConnection(page, (e) => ({ id: e.id, at: e.at, actor: e.actor, action: e.action, details: e.details }));
  }

  @ResolveField(() => [ReportVersionType], { description: 'All versions you may see, newest first' })
  async versions(@Parent() r: ReportType, @Context() ctx: GqlContext) {
    // The parent was read under the reader's rights; `insider` says whether they reach unpublished versions.
    const all = await ctx.loaders.versions.load(Number(r.id));
    return all.filter((v) => r.insider || v.status === 'published').map((v) => toVersion(v, r.insider));
  }

  @ResolveField(() => Int, { description: 'How many versions you may see: all for insiders, the published ones for everyone else' })
  async versionCount(@Parent() r: ReportType, @Context() ctx: GqlContext): Promise<number> {
    return r.insider ? r.allVersions : ctx.loaders.publishedVersions.load(Number(r.id));
  }

  @Mutation(() => SubmitResult, {
    description: 'Submit a report file for a unit: read, validated and stored as a new version (the same file twice makes no new version).',
  })
  async submitReport(@Args('input') input: SubmitReportInput, @Context() ctx: GqlContext) {
    const actor = await ctx.actor();
    const bytes = decodeBase64(input.contentBase64, this.reader.maxBytes);
    const r = await this.submissions.submit(actor, {
      jurisdictionId: parseId(input.jurisdictionId, 'jurisdictionId'),
      year: input.year ?? null,
      fileName: input.fileName,
      bytes,
      overrideUnit: input.overrideUnit ?? null,
    });
    const unit = await ctx.loaders.unit.load(r.report.jurisdictionId);
    return { created: r.created, report: toReport(r.report, r.version, unit as Jurisdiction, true) };
  }

  @Mutation(() => DryRunType, { description: 'Read and validate a file without storing it (logged-in users).' })
  async validateReportFile(@Args('input') input: ValidateReportInput, @Context() ctx: GqlContext) {
    const actor = await ctx.actor();
    requireLogin(actor);
    const unitId = input.jurisdictionId ? parseId(input.jurisdictionId, 'jurisdictionId') : null;
    const p = await this.reader.read(input.fileName, decodeBase64(input.contentBase64, this.reader.maxBytes));
    const unitFindings = unitId ? await this.submissions.checkUnitOf(actor, unitId, p, input.overrideUnit) : [];
    return {
      year: p.year,
      organ: p.organ,
      templateVersion: p.templateVersion,
      data: { ...p, provenance: undefined, findings: undefined },
      provenance: p.provenance,
      findings: [...p.findings, ...unitFindings],
    };
  }

  @Mutation(() => ReportVersionType)
  async returnReport(@Args('versionId', { type: () => ID }) versionId: string, @Args('reason') reason: string, @Context() ctx: GqlContext) {
    return toVersion(await this.service.transition(await ctx.actor(), parseId(versionId, 'versionId'), 'returned', reason), true);
  }

  @Mutation(() => ReportVersionType)
  async acceptReport(@Args('versionId', { type: () => ID }) versionId: string, @Context() ctx: GqlContext) {
    return toVersion(await this.service.transition(await ctx.actor(), parseId(versionId, 'versionId'), 'accepted'), true);
  }

  @Mutation(() => ReportVersionType)
  async publishReport(@Args('versionId', { type: () => ID }) versionId: string, @Context() ctx: GqlContext) {
    return toVersion(await this.service.transition(await ctx.actor(), parseId(versionId, 'versionId'), 'published'), true);
  }

  @Mutation(() => FindingType)
  async decideFinding(
    @Args('findingId', { type: () => ID }) findingId: string,
    @Args('decision', { type: () => DecisionGql }) decision: DecisionGql,
    @Context() ctx: GqlContext,
    @Args('reason', { nullable: true }) reason?: string,
  ) {
    return toFinding(await this.service.decideFinding(await ctx.actor(), parseId(findingId, 'findingId'), decision, reason), true);
  }
}

@Resolver(() => ReportVersionType)
export class ReportVersionResolver {
  @ResolveField(() => [FindingType])
  async findings(@Parent() v: ReportVersionType, @Context() ctx: GqlContext) {
    return (await ctx.loaders.findings.load(Number(v.id))).map((f) => toFinding(f, v.insider));
  }

  @ResolveField(() => [FigureType], { description: 'Every number with its label and source; `keys` picks some (dotted canonical keys).' })
  figures(@Parent() v: ReportVersionType, @Args('keys', { type: () => [String], nullable: true }) keys?: string[]): FigureType[] {
    const data = v.data as Parameters<typeof getCell>[0];
    const provenance = v.provenance as Record<string, unknown>;
    const all = cellPaths(v.templateVersion as TemplateVersion);
    const wanted = keys?.length ? keys : all;
    if (wanted.length > 500) throw new AppError('BAD_INPUT', 'keys 最多 500 个');
    return wanted.map((key) => {
      if (!isCellPath(key, v.templateVersion as TemplateVersion)) throw new AppError('BAD_INPUT', `未知的数据项“${key.slice(0, 80)}” (unknown key)`);
      return { key, label: cellLabel(key), value: getCell(data, key), source: provenance[key] ?? null };
    });
  }
}
