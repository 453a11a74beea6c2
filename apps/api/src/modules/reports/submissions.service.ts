import { createHash } from 'node:crypto';
import type { ParsedReport } from '@gongkai/report-template';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In } from 'typeorm';
import type { Actor } from '../../common/access/actor.js';
import { deny, policy, requireLogin } from '../../common/access/policy.js';
import { AppError } from '../../common/errors.js';
import { AuditService } from '../audit/audit.service.js';
import { Jurisdiction } from '../jurisdictions/jurisdiction.entity.js';
import { addToRollups, applyManyToRollups } from '../published/rollups.js';
import { findingsToStore, recheckFollowingYears, saveFindings } from './cross-year.js';
import { Finding } from './finding.entity.js';
import type { Report } from './report.entity.js';
import { ReportReader, sanitizeFileName } from './report-reader.js';
import type { ReportVersion } from './report-version.entity.js';
import { ancestorNames, checkUnit, checkYear, type UnitCheck, unknownUnit } from './submission-checks.js';
import { figuresRow, figureValues, findingRow, versionRow } from './version-rows.js';
import {
  copyFigures,
  copyFindings,
  copyVersions,
  insertFigures,
  insertVersion,
  lockReport,
  lockReports,
  nextVersionIds,
  pointReportAt,
  pointReportsAt,
  storedFiles,
  versionState,
  versionWithFile,
} from './versions.repository.js';

export interface Submission {
  jurisdictionId: number;
  /** When given, must agree with the year in the report's title. */
  year?: number | null;
  fileName: string;
  bytes: Uint8Array;
  synthetic?: boolean;
  /** The file already read by the caller (ingestion reads titles first); saves a second parse. */
  parsed?: ParsedReport;
  /**
   * A county admin files a report whose title names another body anyway (a renamed or merged
   * unit, a title misprint): the reason goes to the audit log.
   */
  overrideUnit?: { reason: string } | null;
}

export interface SubmitResult {
  version: ReportVersion;
  report: Report;
  /** False when the same file was already a version of this report (nothing new stored). */
  created: boolean;
}

/** A submission read and checked, ready to store: the same for single and bulk submissions. */
export interface BulkReady {
  index: number;
  unit: Jurisdiction;
  year: number;
  parsed: ParsedReport;
  /** The parser's and the unit check's findings; cross-year ones are added when storing. */
  findings: ParsedReport['findings'];
  fileName: string;
  bytes: Uint8Array;
  sha256: string;
  synthetic: boolean;
  override: UnitCheck['override'];
}

export interface PreparedBulk {
  ready: BulkReady[];
  /** Checked against the actor's rights while preparing; storing follows it. */
  publish: boolean;
  failed: { index: number; code: string; reason: string }[];
}

export interface BulkResult {
  imported: number;
  unchanged: number;
  failed: { index: number; code: string; reason: string }[];
}

/** Validate and store submissions; the API, the upload endpoint and `gongkai ingest` all come here. */
@Injectable()
export class SubmissionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly reader: ReportReader,
  ) {}

  /** Submits, and records a refused submission (who, which unit, why) in the audit log. */
  async submit(actor: Actor, input: Submission): Promise<SubmitResult> {
    try {
      return await this.submitOne(actor, input);
    } catch (e) {
      if (e instanceof AppError)
        await this.audit.refused(actor, 'report.submit', 'jurisdiction', input.jurisdictionId, e, {
          fileName: sanitizeFileName(input.fileName),
          size: input.bytes.length,
          sha256: sha256Of(input.bytes),
        });
      throw e;
    }
  }

  private async submitOne(actor: Actor, input: Submission): Promise<SubmitResult> {
    requireLogin(actor);
    const unit = await this.db.getRepository(Jurisdiction).findOne({ where: { id: input.jurisdictionId } });
    const r = await this.check(actor, unit, input, 0, false, await ancestorNames(this.db.manager, unit ? [unit] : []));
    return this.db.transaction(async (m) => {
      const report = await lockReport(m, r.unit.id, r.year);
      const same = await versionWithFile(m, report.id, r.sha256);
      // The same file again changes nothing, except when the current version was sent back and
      // an earlier file is sent again: that content becomes current as a new version, for review.
      if (same && !(await this.revivesEarlier(m, report, r.sha256))) return { version: same, report, created: false };
      const [findings = []] = await findingsToStore(m, [{ unitId: r.unit.id, year: r.year, report: r.parsed, findings: r.findings }]);
      const version = await insertVersion(m, versionRow({ ...r, reportId: report.id, version: report.versionCount + 1, status: 'submitted', actor }));
      await saveFindings(m, version.id, findings);
      await insertFigures(m, figuresRow(version.id, r.unit.id, r.year, r.parsed));
      await pointReportAt(m, report.id, version.id, report.versionCount + 1);
      await this.audit.record(m, actor, 'report.submit', 'report', report.id, {
        versionId: version.id,
        version: version.version,
        fileName: r.fileName,
        sha256: r.sha256,
        errors: findings.filter((f) => f.severity === 'error').length,
        ...(same ? { sameFileAs: same.version } : {}),
      });
      if (r.override) await this.auditOverride(m, actor, report.id, version, r.unit, r.override);
      report.currentVersionId = version.id;
      report.versionCount += 1;
      return { version, report, created: true };
    });
  }

  /**
   * One submission read and checked against the actor's rights (to publish too, with `publish`),
   * its year and its unit; refusals are thrown as coded errors. `read` is the file's parse,
   * when started already.
   */
  private async check(
    actor: Actor,
    unit: Jurisdiction | null | undefined,
    item: Submission,
    index: number,
    publish: boolean,
    ancestors: Map<number, string[]>,
    read?: Promise<ParsedReport> | null,
  ): Promise<BulkReady> {
    if (!unit) throw unknownUnit(item.jurisdictionId);
    if (!policy.canSubmit(actor, unit) || (publish && !policy.canReview(actor, unit))) deny(`为“${unit.name}”提交报告`);
    const fileName = sanitizeFileName(item.fileName);
    const parsed = item.parsed ?? (await (read ?? this.reader.read(fileName, item.bytes)));
    const year = checkYear(item.year ?? null, parsed.year);
    const check = checkUnit(actor, unit, ancestors.get(unit.id) ?? [], parsed, item.overrideUnit);
    return {
      index,
      unit,
      year,
      parsed,
      findings: check.findings.length ? [...parsed.findings, ...check.findings] : parsed.findings,
      fileName,
      bytes: item.bytes,
      sha256: sha256Of(item.bytes),
      synthetic: Boolean(item.synthetic),
      override: check.override,
    };
  }

  async errorCount(versionId: number): Promise<number> {
    return this.db.getRepository(Finding).count({ where: { versionId, severity: 'error' } });
  }

  /**
   * Many submissions at once (historical imports, bulk loads): each file is read and checked as
   * in `submit`, then stored in one transaction with set-based inserts. With `publish`, versions
   * are published directly (county admins only), each the previous year of the next in the batch,
   * and the rollups follow.
   */
  async bulkSubmit(actor: Actor, items: Submission[], options: { publish?: boolean } = {}): Promise<BulkResult> {
    return this.storeBulk(actor, await this.prepareBulk(actor, items, options));
  }

  /**
   * The reading half of `bulkSubmit` (CPU only, no writes): callers that load many batches read
   * the next batch while the previous one is stored (`storeBulk`).
   */
  async prepareBulk(actor: Actor, items: Submission[], options: { publish?: boolean } = {}): Promise<PreparedBulk> {
    requireLogin(actor);
    if (items.length > 5000) throw new AppError('TOO_LARGE', '一批最多 5000 份');
    const publish = Boolean(options.publish);
    const failed: { index: number; code: string; reason: string }[] = [];
    const ids = [...new Set(items.map((i) => i.jurisdictionId))];
    const units = new Map((await this.db.getRepository(Jurisdiction).findBy({ id: In(ids) })).map((u) => [u.id, u]));
    const ancestors = await ancestorNames(this.db.manager, [...units.values()]);
    const ready: BulkReady[] = [];
    // Every file allowed for its unit goes to the parse pool at once; the pool runs as many as it
    // has workers, so a batch uses every core.
    const reads = items.map((item) => {
      const unit = units.get(item.jurisdictionId);
      if (!unit || item.parsed || !policy.canSubmit(actor, unit) || (publish && !policy.canReview(actor, unit))) return null;
      const p = this.reader.read(sanitizeFileName(item.fileName), item.bytes);
      p.catch(() => {}); // surfaced below, in order
      return p;
    });
    for (const [index, item] of items.entries()) {
      try {
        ready.push(await this.check(actor, units.get(item.jurisdictionId), item, index, publish, ancestors, reads[index]));
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        failed.push({ index, code: e.code, reason: e.message });
      }
    }
    return { ready, failed, publish };
  }

  /** The writing half of `bulkSubmit`: one transaction, set-based inserts and COPY. */
  async storeBulk(actor: Actor, prepared: PreparedBulk): Promise<BulkResult> {
    const { ready, failed, publish } = prepared;
    if (ready.length === 0) return { imported: 0, unchanged: 0, failed };

    const stored = await this.db.transaction(async (m) => {
      const reports = await lockReports(
        m,
        ready.map((r) => ({ unitId: r.unit.id, year: r.year })),
      );
      const reportOf = new Map(reports.map((r) => [`${r.jurisdictionId}:${r.year}`, r]));
      const reportById = new Map(reports.map((r) => [r.id, r]));
      const known = await storedFiles(
        m,
        reports.map((r) => r.id),
        ready.map((r) => r.sha256),
      );
      const rows: (BulkReady & { reportId: number; version: number })[] = [];
      for (const r of ready) {
        const report = reportOf.get(`${r.unit.id}:${r.year}`) as (typeof reports)[number];
        const key = `${report.id}:${r.sha256}`;
        // As in `submit`: an earlier file sent again after a return becomes current once more.
        if (known.has(key) && !(report.currentStatus === 'returned' && report.currentSha !== r.sha256)) continue;
        known.add(key);
        report.currentStatus = 'submitted';
        report.currentSha = r.sha256;
        report.versionCount += 1;
        rows.push({ ...r, reportId: report.id, version: report.versionCount });
      }
      if (rows.length === 0) return 0;
      const findings = await findingsToStore(
        m,
        rows.map((r) => ({ unitId: r.unit.id, year: r.year, report: r.parsed, findings: r.findings })),
        publish,
      );
      const now = new Date();
      const ids = await nextVersionIds(m, rows.length);
      const withIds = rows.map((r, i) => {
        const versionId = ids[i] as number;
        return { ...r, versionId, figures: figuresRow(versionId, r.unit.id, r.year, r.parsed), findings: findings[i] ?? [] };
      });
      // COPY: the fastest way to write thousands of wide rows.
      await copyVersions(
        m,
        withIds.map((r) =>
          versionRow({ ...r, id: r.versionId, status: publish ? 'published' : 'submitted', actor, submittedAt: now, reviewedAt: publish ? now : null }),
        ),
      );
      await copyFigures(
        m,
        withIds.map((r) => r.figures),
      );
      await copyFindings(
        m,
        withIds.flatMap((r) => r.findings.map((f) => findingRow(r.versionId, f))),
      );
      // The newest version of each report in the batch becomes its current (and published) one.
      const last = new Map<number, (typeof withIds)[number]>();
      for (const r of withIds) last.set(r.reportId, r);
      const lasts = [...last.values()];
      await pointReportsAt(m, lasts, publish);
      // Replaced published versions leave the rollups (read back from the database); the new
      // ones join them from the figures in hand.
      if (publish) {
        await applyManyToRollups(
          m,
          lasts.flatMap((r) => {
            const old = reportById.get(r.reportId)?.publishedVersionId;
            return old ? [{ versionId: old, sign: -1 as const }] : [];
          }),
        );
        await addToRollups(
          m,
          lasts.map((r) => ({ path: r.unit.path, kind: r.unit.kind, year: r.year, values: figureValues(r.figures) })),
        );
      }
      await this.audit.record(m, actor, publish ? 'report.bulkPublish' : 'report.bulkSubmit', 'report', lasts[0]?.reportId ?? 0, {
        versions: withIds.length,
        reports: last.size,
      });
      for (const r of withIds) if (r.override) await this.auditOverride(m, actor, r.reportId, { id: r.versionId, version: r.version }, r.unit, r.override);
      if (publish)
        await recheckFollowingYears(
          m,
          lasts.map((r) => ({ unitId: r.unit.id, year: r.year })),
        );
      return withIds.length;
    });
    return { imported: stored, unchanged: ready.length - stored, failed };
  }

  /** The unit check for a dry run (`validateReportFile` with a unit): refuses as `submit` would. */
  async checkUnitOf(actor: Actor, unitId: number, parsed: ParsedReport, override?: { reason: string } | null): Promise<ParsedReport['findings']> {
    const unit = await this.db.getRepository(Jurisdiction).findOne({ where: { id: unitId } });
    if (!unit) throw unknownUnit(unitId);
    if (!policy.canSubmit(actor, unit)) deny(`为“${unit.name}”提交报告`);
    return checkUnit(actor, unit, (await ancestorNames(this.db.manager, [unit])).get(unit.id) ?? [], parsed, override).findings;
  }

  private async auditOverride(
    m: EntityManager,
    actor: Actor,
    reportId: number,
    version: { id: number; version: number },
    unit: Jurisdiction,
    override: NonNullable<UnitCheck['override']>,
  ) {
    await this.audit.record(m, actor, 'report.unitOverride', 'report', reportId, {
      versionId: version.id,
      version: version.version,
      unit: unit.name,
      printedOrgan: override.printedOrgan,
      reason: override.reason,
    });
  }

  /** Whether a file already stored comes back as a new version: the current one was returned and is another file. */
  private async revivesEarlier(m: EntityManager, report: Report, sha256: string): Promise<boolean> {
    if (report.currentVersionId === null) return false;
    const current = await versionState(m, report.currentVersionId);
    return current?.status === 'returned' && current.sha256 !== sha256;
  }
}

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
