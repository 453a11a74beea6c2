import { createHash } from 'node:crypto';
import { UnreadableInputError } from '@gongkai/report-parser';
import { type CanonicalReport, getCell, organMatches, type ParsedReport, RULES } from '@gongkai/report-template';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In } from 'typeorm';
import { AppError } from '../../common/errors.js';
import { findNul } from '../../common/input-guard.js';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { copyRows, TextArray } from '../../database/copy.js';
import { Metrics } from '../../observability/metrics.js';
import { ParseLimitError, ParsePool } from '../../parsing/pool.js';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import { deny, policy, requireLogin } from '../auth/policy.js';
import { Jurisdiction } from '../jurisdictions/jurisdiction.entity.js';
import { addToRollups, applyManyToRollups } from '../published/rollups.js';
import { findingRow, publishedData, publishedDataMany, recheckCrossYear, saveFindings, withCrossYear } from './cross-year.js';
import { FIGURE_COLUMNS, FIGURE_PATHS, ReportFigures } from './figures.entity.js';
import { Finding } from './finding.entity.js';
import { Report } from './report.entity.js';
import { ReportVersion } from './report-version.entity.js';

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

/** The body a title names, as printed (the parser keeps the short form in `organ`). */
export function printedOrgan(p: ParsedReport): string | null {
  return p.provenance.organ?.raw ?? p.organ ?? null;
}

/** What the unit check decided: a finding to add, or an admin's override to audit. */
interface UnitCheck {
  findings: ParsedReport['findings'];
  override: { reason: string; printedOrgan: string } | null;
}

export interface SubmitResult {
  version: ReportVersion;
  report: Report;
  /** False when the same file was already a version of this report (nothing new stored). */
  created: boolean;
}

const MEDIA: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  html: 'text/html',
  markdown: 'text/markdown',
  text: 'text/plain',
};

/** Parse, validate and store submissions; the API, the upload endpoint and `gongkai ingest` all come here. */
export interface BulkReady {
  index: number;
  unit: Jurisdiction;
  year: number;
  parsed: ParsedReport;
  fileName: string;
  bytes: Uint8Array;
  sha256: string;
  synthetic: boolean;
  override: UnitCheck['override'];
  /** Cross-year findings already computed against the previous year in the same (published) batch. */
  previousInBatch: boolean;
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

@Injectable()
export class SubmissionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly pool: ParsePool,
    private readonly metrics: Metrics,
  ) {}

  get maxBytes(): number {
    return this.config.maxUploadBytes;
  }

  /** Reads a file as a report, or says clearly why it cannot; nothing is stored. */
  async read(fileName: string, bytes: Uint8Array, previous: CanonicalReport | null = null): Promise<ParsedReport> {
    if (bytes.length > this.config.maxUploadBytes) {
      throw new AppError('TOO_LARGE', `文件 ${(bytes.length / 1048576).toFixed(1)} MB，超过上限 ${this.config.maxUploadBytes / 1048576} MB (file too large)`);
    }
    const name = sanitizeFileName(fileName);
    const started = process.hrtime.bigint();
    const took = () => Number(process.hrtime.bigint() - started) / 1e9;
    try {
      // Off the event loop, under the pool's time and memory limits.
      const parsed = await this.pool.parse(bytes, name, { previous, maxTextBytes: this.config.maxUploadBytes, maxBinaryBytes: this.config.maxUploadBytes });
      // Text, PDF and Word can all carry a NUL, which PostgreSQL cannot store: refuse it here, for every format and path.
      const at = findNul(parsed, 'report');
      if (at)
        throw new AppError('UNREADABLE_REPORT', `报告文字含 NUL 空字符（${at.slice(0, 80)}），请重新导出文件后再提交 (NUL character in the report text)`, {
          reason: 'input.nul',
        });
      this.metrics.parseDuration.observe({ format: parsed.source.format, outcome: 'ok' }, took());
      return parsed;
    } catch (e) {
      const format = formatByName(name);
      if (e instanceof UnreadableInputError) {
        this.metrics.parseDuration.observe({ format, outcome: 'unreadable' }, took());
        throw new AppError('UNREADABLE_REPORT', e.message, { reason: e.code });
      }
      if (e instanceof ParseLimitError) {
        this.metrics.parseDuration.observe({ format, outcome: 'limit' }, took());
        throw new AppError('UNREADABLE_REPORT', e.message, { reason: e.reason });
      }
      throw e;
    }
  }

  /** Submits, and records a refused submission (who, which unit, why) in the audit log. */
  async submit(actor: Actor, input: Submission): Promise<SubmitResult> {
    try {
      return await this.submitOne(actor, input);
    } catch (e) {
      if (e instanceof AppError)
        await this.audit.refused(actor, 'report.submit', 'jurisdiction', input.jurisdictionId, e, {
          fileName: sanitizeFileName(input.fileName),
          size: input.bytes.length,
          sha256: createHash('sha256').update(input.bytes).digest('hex'),
        });
      throw e;
    }
  }

  private async submitOne(actor: Actor, input: Submission): Promise<SubmitResult> {
    requireLogin(actor);
    const unit = await this.db.getRepository(Jurisdiction).findOne({ where: { id: input.jurisdictionId } });
    if (!unit) throw new AppError('WRONG_UNIT', `没有编号为 ${input.jurisdictionId} 的单位 (unknown unit)`);
    if (!policy.canSubmit(actor, unit)) deny(`为“${unit.name}”提交报告`);
    const fileName = sanitizeFileName(input.fileName);
    const parsed = input.parsed ?? (await this.read(fileName, input.bytes));
    const year = this.checkYear(input.year ?? null, parsed.year);
    const check = this.checkUnit(actor, unit, (await this.ancestorNames([unit])).get(unit.id) ?? [], parsed, input.overrideUnit);
    const previous = await publishedData(this.db.manager, unit.id, year - 1);
    const findings = [...withCrossYear(parsed, parsed.findings, previous), ...check.findings];
    const sha256 = createHash('sha256').update(input.bytes).digest('hex');

    const result = await this.db.transaction(async (m) => {
      await m.createQueryBuilder().insert().into(Report).values({ jurisdictionId: unit.id, year }).orIgnore().execute();
      // The report row is the lock: concurrent submissions for it queue here, in any process.
      const report = await m
        .getRepository(Report)
        .createQueryBuilder('r')
        .setLock('pessimistic_write')
        .where('r.jurisdictionId = :u AND r.year = :y', { u: unit.id, y: year })
        .getOneOrFail();
      const same = await m.getRepository(ReportVersion).findOne({ where: { reportId: report.id, sha256 }, order: { version: 'DESC' } });
      // The same file again changes nothing, except when the current version was sent back and
      // an earlier file is sent again: that content becomes current as a new version, for review.
      if (same && !(await this.revivesEarlier(m, report, sha256))) return { version: same, report, created: false };
      const version = await m.getRepository(ReportVersion).save(
        m.getRepository(ReportVersion).create({
          reportId: report.id,
          version: report.versionCount + 1,
          fileName,
          mediaType: MEDIA[parsed.source.format] ?? 'application/octet-stream',
          sha256,
          size: input.bytes.length,
          content: Buffer.from(input.bytes),
          templateVersion: parsed.templateVersion,
          data: canonical(parsed),
          provenance: parsed.provenance,
          organ: parsed.organ,
          publishedDate: parsed.publishedDate,
          status: 'submitted',
          submittedById: actor.id,
          submittedBy: actor.username,
          synthetic: Boolean(input.synthetic),
        }),
      );
      await saveFindings(m, version.id, findings);
      await m
        .createQueryBuilder()
        .insert()
        .into(ReportFigures)
        .values(figuresRow(version.id, unit.id, year, parsed) as never)
        .execute();
      await m.getRepository(Report).update(report.id, { currentVersionId: version.id, versionCount: report.versionCount + 1 });
      await this.audit.record(m, actor, 'report.submit', 'report', report.id, {
        versionId: version.id,
        version: version.version,
        fileName,
        sha256,
        errors: findings.filter((f) => f.severity === 'error').length,
        ...(same ? { sameFileAs: same.version } : {}),
      });
      if (check.override) await this.auditOverride(m, actor, report.id, version, unit, check.override);
      report.currentVersionId = version.id;
      report.versionCount += 1;
      return { version, report, created: true };
    });
    return result;
  }

  async errorCount(versionId: number): Promise<number> {
    return this.db.getRepository(Finding).count({ where: { versionId, severity: 'error' } });
  }

  /**
   * Many submissions at once (historical imports, bulk loads): each file is read and validated as
   * in `submit`, then stored in one transaction with set-based inserts. Cross-year rules look at
   * the previous year within the batch. With `publish`, versions are published directly (county
   * admins only) and the rollups follow.
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
    const failed: { index: number; code: string; reason: string }[] = [];
    const ids = [...new Set(items.map((i) => i.jurisdictionId))];
    const units = new Map((await this.db.getRepository(Jurisdiction).findBy({ id: In(ids) })).map((u) => [u.id, u]));
    const ancestors = await this.ancestorNames([...units.values()]);
    const ready: BulkReady[] = [];
    // Every file allowed for its unit goes to the parse pool at once; the pool runs as many as it
    // has workers, so a batch uses every core.
    const reads = items.map((item) => {
      const unit = units.get(item.jurisdictionId);
      if (!unit || item.parsed || !policy.canSubmit(actor, unit) || (options.publish && !policy.canReview(actor, unit))) return null;
      const p = this.read(sanitizeFileName(item.fileName), item.bytes);
      p.catch(() => {}); // surfaced below, in order
      return p;
    });
    for (const [index, item] of items.entries()) {
      try {
        const unit = units.get(item.jurisdictionId);
        if (!unit) throw new AppError('WRONG_UNIT', `没有编号为 ${item.jurisdictionId} 的单位 (unknown unit)`);
        if (!policy.canSubmit(actor, unit) || (options.publish && !policy.canReview(actor, unit))) deny(`为“${unit.name}”提交报告`);
        const fileName = sanitizeFileName(item.fileName);
        const parsed = item.parsed ?? (await (reads[index] ?? this.read(fileName, item.bytes)));
        const year = this.checkYear(item.year ?? null, parsed.year);
        const check = this.checkUnit(actor, unit, ancestors.get(unit.id) ?? [], parsed, item.overrideUnit);
        ready.push({
          index,
          unit,
          year,
          parsed: check.findings.length ? { ...parsed, findings: [...parsed.findings, ...check.findings] } : parsed,
          fileName,
          bytes: item.bytes,
          sha256: createHash('sha256').update(item.bytes).digest('hex'),
          synthetic: Boolean(item.synthetic),
          override: check.override,
          previousInBatch: false,
        });
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        failed.push({ index, code: e.code, reason: e.message });
      }
    }
    // Published together, the previous year in the batch is the published one; otherwise the
    // database's published version is (looked up when storing, after earlier batches committed).
    if (options.publish) {
      const byUnitYear = new Map(ready.map((r) => [`${r.unit.id}:${r.year}`, r]));
      for (const r of ready) {
        const prev = byUnitYear.get(`${r.unit.id}:${r.year - 1}`);
        if (!prev) continue;
        r.parsed = { ...r.parsed, findings: withCrossYear(r.parsed, r.parsed.findings, prev.parsed) };
        r.previousInBatch = true;
      }
    }
    return { ready, failed, publish: Boolean(options.publish) };
  }

  /** The writing half of `bulkSubmit`: one transaction, set-based inserts and COPY. */
  async storeBulk(actor: Actor, prepared: PreparedBulk): Promise<BulkResult> {
    const { ready, failed } = prepared;
    const options = { publish: prepared.publish };
    if (ready.length === 0) return { imported: 0, unchanged: 0, failed };

    const stored = await this.db.transaction(async (m) => {
      const unitIds = ready.map((r) => r.unit.id);
      const years = ready.map((r) => r.year);
      await m.query('INSERT INTO report ("jurisdictionId", year) SELECT * FROM unnest($1::int[], $2::int[]) ON CONFLICT DO NOTHING', [unitIds, years]);
      const reports: {
        id: number;
        jurisdictionId: number;
        year: number;
        versionCount: number;
        publishedVersionId: number | null;
        currentStatus: string | null;
        currentSha: string | null;
      }[] = await m.query(
        `SELECT r.id, r."jurisdictionId", r.year, r."versionCount", r."publishedVersionId", v.status AS "currentStatus", v.sha256 AS "currentSha"
         FROM report r LEFT JOIN report_version v ON v.id = r."currentVersionId"
         WHERE (r."jurisdictionId", r.year) IN (SELECT * FROM unnest($1::int[], $2::int[])) ORDER BY r.id FOR UPDATE OF r`,
        [unitIds, years],
      );
      const reportOf = new Map(reports.map((r) => [`${r.jurisdictionId}:${r.year}`, r]));
      const reportById = new Map(reports.map((r) => [r.id, r]));
      const known = new Set<string>(
        (
          await m.query('SELECT "reportId", sha256 FROM report_version WHERE "reportId" = ANY($1::int[]) AND sha256 = ANY($2::text[])', [
            reports.map((r) => r.id),
            ready.map((r) => r.sha256),
          ])
        ).map((x: { reportId: number; sha256: string }) => `${x.reportId}:${x.sha256}`),
      );
      const now = new Date().toISOString();
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
      const previous = await publishedDataMany(
        m,
        rows.filter((r) => !r.previousInBatch).map((r) => ({ unitId: r.unit.id, year: r.year - 1 })),
      );
      for (const r of rows) {
        if (r.previousInBatch) continue;
        r.parsed = { ...r.parsed, findings: withCrossYear(r.parsed, r.parsed.findings, previous.get(`${r.unit.id}:${r.year - 1}`) ?? null) };
      }
      const status = options.publish ? 'published' : 'submitted';
      // Ids first, then COPY: the fastest way to write thousands of wide rows.
      const ids: { id: string }[] = await m.query("SELECT nextval(pg_get_serial_sequence('report_version', 'id')) AS id FROM generate_series(1, $1)", [
        rows.length,
      ]);
      const withIds = rows.map((r, i) => ({ ...r, versionId: Number(ids[i]?.id), figures: figureValues(r.parsed) }));
      await copyRows(
        m,
        'report_version',
        VERSION_COPY_COLUMNS,
        withIds.map((r) => [
          r.versionId,
          r.reportId,
          r.version,
          r.fileName,
          MEDIA[r.parsed.source.format] ?? 'application/octet-stream',
          r.sha256,
          r.bytes.length,
          r.bytes,
          r.parsed.templateVersion,
          canonical(r.parsed),
          r.parsed.provenance,
          r.parsed.organ,
          r.parsed.publishedDate,
          status,
          actor.id,
          actor.username,
          now,
          options.publish ? now : null,
          r.synthetic,
        ]),
      );
      await copyRows(
        m,
        'report_figures',
        FIGURES_COPY_COLUMNS,
        withIds.map((r) => [r.versionId, r.unit.id, r.year, ...r.figures]),
      );
      await copyRows(
        m,
        'finding',
        ['versionId', 'rule', 'severity', 'message', 'cells', 'expected', 'found', 'crossYear', 'decision'],
        withIds.flatMap((r) =>
          r.parsed.findings.map((f) => {
            const row = findingRow(r.versionId, f);
            return [row.versionId, row.rule, row.severity, row.message, new TextArray(row.cells), row.expected, row.found, row.crossYear, row.decision];
          }),
        ),
      );
      // The newest version of each report in the batch becomes its current (and published) one.
      const last = new Map<number, (typeof withIds)[number]>();
      for (const r of withIds) last.set(r.reportId, r);
      // Replaced published versions leave the rollups (read back from the database); the new
      // ones join them from the figures in hand.
      const removed: { versionId: number; sign: 1 | -1 }[] = [];
      const added: { path: string; kind: string; year: number; values: (number | null)[] }[] = [];
      if (options.publish) {
        for (const [reportId, r] of last) {
          const old = reportById.get(reportId)?.publishedVersionId;
          if (old) removed.push({ versionId: old, sign: -1 });
          added.push({ path: r.unit.path, kind: r.unit.kind, year: r.year, values: r.figures });
        }
      }
      const lasts = [...last.values()];
      await m.query(
        `UPDATE report r SET "currentVersionId" = v.vid, "versionCount" = v.vc, "publishedVersionId" = CASE WHEN $4 THEN v.vid ELSE r."publishedVersionId" END, "updatedAt" = now()
         FROM unnest($1::int[], $2::int[], $3::int[]) AS v(rid, vid, vc) WHERE r.id = v.rid`,
        [lasts.map((r) => r.reportId), lasts.map((r) => r.versionId), lasts.map((r) => r.version), Boolean(options.publish)],
      );
      await applyManyToRollups(m, removed);
      await addToRollups(m, added);
      await this.audit.record(m, actor, options.publish ? 'report.bulkPublish' : 'report.bulkSubmit', 'report', lasts[0]?.reportId ?? 0, {
        versions: withIds.length,
        reports: last.size,
      });
      for (const r of withIds) if (r.override) await this.auditOverride(m, actor, r.reportId, { id: r.versionId, version: r.version }, r.unit, r.override);
      if (options.publish) {
        // A newly published year is the baseline of the next year's cross-year rules, where that
        // year is already in the database and not in this batch.
        const inBatch = new Set(lasts.map((r) => `${r.unit.id}:${r.year}`));
        const next: { unit: number; year: number }[] = await m.query(
          `SELECT "jurisdictionId" AS unit, year FROM report WHERE ("jurisdictionId", year) IN (SELECT * FROM unnest($1::int[], $2::int[]))`,
          [lasts.map((r) => r.unit.id), lasts.map((r) => r.year + 1)],
        );
        for (const n of next) if (!inBatch.has(`${n.unit}:${n.year}`)) await recheckCrossYear(m, n.unit, n.year);
      }
      return withIds.length;
    });
    return { imported: stored, unchanged: ready.length - stored, failed };
  }

  /** Names of each unit's parents, province first: a title's places are checked against them. */
  private async ancestorNames(units: Jurisdiction[]): Promise<Map<number, string[]>> {
    const chain = (u: Jurisdiction) =>
      u.path
        .split('.')
        .map(Number)
        .filter((id) => id !== u.id);
    const ids = [...new Set(units.flatMap(chain))];
    const names = new Map((ids.length ? await this.db.getRepository(Jurisdiction).findBy({ id: In(ids) }) : []).map((j) => [j.id, j.name]));
    return new Map(units.map((u) => [u.id, chain(u).flatMap((id) => names.get(id) ?? [])]));
  }

  /**
   * The report must be this unit's: a title naming another body is refused (WRONG_UNIT) unless a
   * county admin overrides with a reason; a title naming no body gets a warning finding.
   */
  private checkUnit(actor: Actor, unit: Jurisdiction, ancestors: string[], parsed: ParsedReport, override?: { reason: string } | null): UnitCheck {
    const printed = printedOrgan(parsed);
    if (!printed) {
      const rule = RULES['organ.unnamed'];
      return { findings: [{ rule: rule.id, severity: rule.severity, message: `${rule.zh}（${unit.name}）`, cells: [] }], override: null };
    }
    if (organMatches(printed, unit.name, ancestors)) return { findings: [], override: null };
    if (!override) {
      throw new AppError(
        'WRONG_UNIT',
        `报告标题中的机关为“${printed}”，不是“${unit.name}”；若确属本单位，请县级管理员写明理由后提交 (the report names another body; a county admin may override with a reason)`,
        { printedOrgan: printed, unit: unit.name },
      );
    }
    if (!policy.canReview(actor, unit)) deny(`将“${printed}”的报告提交为“${unit.name}”的报告（须为本县管理员）`);
    const reason = (override.reason ?? '').trim();
    if (!reason || reason.length > 1000) throw new AppError('BAD_INPUT', '强制提交须写明理由（1–1000 字）(an override needs a reason)');
    return { findings: [], override: { reason, printedOrgan: printed } };
  }

  /** The unit check for a dry run (`validateReportFile` with a unit): refuses as `submit` would. */
  async checkUnitOf(actor: Actor, unitId: number, parsed: ParsedReport, override?: { reason: string } | null): Promise<ParsedReport['findings']> {
    const unit = await this.db.getRepository(Jurisdiction).findOne({ where: { id: unitId } });
    if (!unit) throw new AppError('WRONG_UNIT', `没有编号为 ${unitId} 的单位 (unknown unit)`);
    if (!policy.canSubmit(actor, unit)) deny(`为“${unit.name}”提交报告`);
    return this.checkUnit(actor, unit, (await this.ancestorNames([unit])).get(unit.id) ?? [], parsed, override).findings;
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
    const current = await m.getRepository(ReportVersion).findOne({ where: { id: report.currentVersionId }, select: { id: true, status: true, sha256: true } });
    return current?.status === 'returned' && current.sha256 !== sha256;
  }

  private checkYear(given: number | null, printed: number | null): number {
    const thisYear = new Date().getUTCFullYear();
    if (given !== null && (!Number.isInteger(given) || given < 2008 || given > thisYear)) {
      throw new AppError('WRONG_YEAR', `年份 ${given} 不在 2008–${thisYear} 之间 (year out of range)`);
    }
    if (given !== null && printed !== null && given !== printed) {
      throw new AppError('WRONG_YEAR', `报告标题中的年份为 ${printed}，提交的年份为 ${given} (the title says ${printed})`, { printedYear: printed });
    }
    const year = given ?? printed;
    if (year === null) throw new AppError('WRONG_YEAR', '报告标题中没有年份，请指明年份 (no year in the title; give one)');
    if (year < 2008 || year > thisYear) throw new AppError('WRONG_YEAR', `报告年份 ${year} 不在 2008–${thisYear} 之间`);
    return year;
  }
}

function canonical(p: ParsedReport): Record<string, unknown> {
  const { provenance: _p, findings: _f, ...rest } = p;
  return rest as unknown as Record<string, unknown>;
}

const VERSION_COPY_COLUMNS = [
  'id',
  'reportId',
  'version',
  'fileName',
  'mediaType',
  'sha256',
  'size',
  'content',
  'templateVersion',
  'data',
  'provenance',
  'organ',
  'publishedDate',
  'status',
  'submittedById',
  'submittedBy',
  'submittedAt',
  'reviewedAt',
  'synthetic',
];
const FIGURES_COPY_COLUMNS = ['versionId', 'jurisdictionId', 'year', ...FIGURE_PATHS.map((p) => FIGURE_COLUMNS[p] as string)];

/** A report's numbers in FIGURE_PATHS order (the figures table's and the rollups' columns). */
function figureValues(report: CanonicalReport): (number | null)[] {
  return FIGURE_PATHS.map((p) => getCell(report, p));
}

function figuresRow(versionId: number, jurisdictionId: number, year: number, report: CanonicalReport): Record<string, unknown> {
  const row: Record<string, unknown> = { versionId, jurisdictionId, year };
  for (const path of FIGURE_PATHS) row[FIGURE_COLUMNS[path] as string] = getCell(report, path);
  return row;
}

/** Keeps the base name, drops control and path characters, bounds the length. */
export function sanitizeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base
    // Format characters include the bidi overrides that make `exe.html` look like `lmth.exe`.
    .replace(/[\p{Cc}\p{Cf}<>:"|?*]/gu, '')
    .trim()
    .slice(0, 200);
  return clean || 'report';
}

/** The format a file name suggests, for metrics of files that could not be read. */
function formatByName(name: string): string {
  const ext = name.toLowerCase().split('.').pop() ?? '';
  if (ext === 'pdf' || ext === 'docx') return ext;
  if (ext === 'html' || ext === 'htm' || ext === 'shtml') return 'html';
  if (ext === 'md' || ext === 'markdown') return 'markdown';
  if (ext === 'txt') return 'text';
  return 'unknown';
}
