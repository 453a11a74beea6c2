import { CROSS_YEAR_RULES, cellLabel, type Finding, METRICS_VERSION, type TemplateVersion } from '@gongkai/report-template';
import { validateReport } from '@gongkai/report-validation';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In } from 'typeorm';
import type { Actor } from '../../common/access/actor.js';
import { deny, policy, requireReadPublished } from '../../common/access/policy.js';
import { AppError } from '../../common/errors.js';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { AuditService } from '../audit/audit.service.js';
import { Jurisdiction } from '../jurisdictions/jurisdiction.entity.js';
import { REPORTING_KINDS } from '../jurisdictions/jurisdictions.service.js';
import { currentDataVersion } from '../published/data-version.js';
import { FIGURE_COLUMNS, FIGURE_PATHS } from '../published/figure-columns.js';
import { deadlineFor } from '../reports/reports.service.js';
import {
  type CellChange,
  crossYearTotals,
  diffTotals,
  figuresOf,
  ROLLUP_PATHS,
  rollupData,
  roundFigure,
  sameBreak,
  suggestedProse,
  type Totals,
  unitReport,
  type YoyRow,
  yoyRows,
} from './compile.js';
import { rollupDocx } from './docx.js';
import { RollupSnapshot } from './rollup-snapshot.entity.js';

export const ROLLUP_SCOPE_KINDS = ['province', 'city', 'county'];

export interface RollupUnit {
  unit: Jurisdiction;
  /** published; for the scope's office: missing, submitted, accepted or returned; for others: notPublished. */
  state: string;
  reportId: number | null;
  versionId: number | null;
  templateVersion: string | null;
  deadline: string;
}

export interface RollupCheck extends Finding {
  /** The units whose reports explain the break; `year` is the report's (last year's for a unit gone since). */
  units: { unit: Jurisdiction; message: string; versionId: number | null; year?: number }[];
}

export interface CompiledRollup {
  scope: Jurisdiction;
  year: number;
  includeOwnOffice: boolean;
  ownOffice: Jurisdiction | null;
  dataVersion: string;
  metricsVersion: string;
  data: ReturnType<typeof rollupData>;
  totals: Totals;
  included: RollupUnit[];
  missing: RollupUnit[];
  yoy: YoyRow[];
  checks: RollupCheck[];
  prose: string[];
}

export interface RollupChanges {
  since: string;
  dataVersion: string;
  changed: boolean;
  cells: CellChange[];
  unitsAdded: Jurisdiction[];
  unitsRemoved: Jurisdiction[];
  unitsRepublished: Jurisdiction[];
}

export interface Contribution {
  unit: Jurisdiction;
  value: number | null;
  reportId: number;
  versionId: number;
}

const COLS = FIGURE_PATHS.map((p) => `"${FIGURE_COLUMNS[p]}"`);

/**
 * The county's (city's, province's) own report compiled from its units' published reports: every
 * cell the sum of the included units' figures, taken from the rollups kept at each publication.
 */
@Injectable()
export class RollupService {
  /** Snapshot keys already stored by this process (scope:year:own:dataVersion). */
  private readonly stored = new Set<string>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  async compile(actor: Actor, scopeId: number, year: number, includeOwnOffice = true): Promise<CompiledRollup> {
    requireReadPublished(actor, this.config.publicRead);
    if (!Number.isInteger(year) || year < 2008 || year > 2100) throw new AppError('BAD_INPUT', `年份应在 2008–2100 之间，读到 ${year} (invalid year)`);
    // One snapshot of the database: the data version names exactly the figures summed.
    const compiled = await this.db.transaction('REPEATABLE READ', (m) => this.compileIn(m, actor, scopeId, year, includeOwnOffice));
    await this.remember(compiled);
    return compiled;
  }

  private async compileIn(m: EntityManager, actor: Actor, scopeId: number, year: number, includeOwnOffice: boolean): Promise<CompiledRollup> {
    const scope = await m.getRepository(Jurisdiction).findOne({ where: { id: scopeId } });
    if (!scope) throw new AppError('NOT_FOUND', `没有编号为 ${scopeId} 的单位`);
    if (!ROLLUP_SCOPE_KINDS.includes(scope.kind))
      throw new AppError('BAD_INPUT', `${scope.name} 不是县、市或省，不能汇总 (a roll-up is made for a county, city or province)`);
    const dataVersion = await currentDataVersion(m);
    const years = [year, year - 1];
    const sums: Record<string, unknown>[] = await m.query(
      `SELECT year, sum(reports)::int AS reports, ${COLS.map((c) => `sum(${c}) AS ${c}`).join(', ')}
       FROM figures_rollup WHERE "scopeId" = $1 AND year = ANY($2::int[]) GROUP BY year`,
      [scope.id, years],
    );
    const ownOffice =
      (await m
        .getRepository(Jurisdiction)
        .findOne({ where: { parentId: scope.id, kind: 'government' }, order: { validTo: { direction: 'DESC', nulls: 'FIRST' }, id: 'ASC' } })) ?? null;
    const own: Record<string, unknown>[] =
      !includeOwnOffice && ownOffice
        ? await m.query(
            `SELECT r.year, ${COLS.map((c) => `f.${c}`).join(', ')} FROM report r JOIN report_figures f ON f."versionId" = r."publishedVersionId"
             WHERE r."jurisdictionId" = $1 AND r.year = ANY($2::int[])`,
            [ownOffice.id, years],
          )
        : [];
    const totalsFor = (y: number): Map<string, number> | null => {
      const row = sums.find((s) => Number(s.year) === y);
      if (!row) return null;
      const t = figuresOf(row, FIGURE_COLUMNS) as Map<string, number>;
      const minus = own.find((o) => Number(o.year) === y);
      if (minus) for (const [p, v] of figuresOf(minus, FIGURE_COLUMNS)) t.set(p, (t.get(p) ?? 0) - (v ?? 0));
      for (const [p, v] of t) t.set(p, roundFigure(p, v));
      return t;
    };
    const totals = totalsFor(year) ?? new Map<string, number>();
    const before = totalsFor(year - 1);

    const units = await this.units(m, actor, scope, year, includeOwnOffice ? null : (ownOffice?.id ?? null));
    const included = units.filter((u) => u.versionId !== null);
    const missing = units.filter((u) => u.versionId === null);
    const prose = suggestedProse(scope.name, year, included.length, totals);
    const data = rollupData(scope.name, year, totals, prose, included.length);
    const excluded = includeOwnOffice ? null : (ownOffice?.id ?? null);
    const cross = before ? crossYearTotals(scope.name, year, data, before) : [];
    const checks = [
      ...(await this.whoBreaks(m, data.findings, included, year)),
      ...(await this.whoBreaksAcrossYears(m, cross, included, scope, year, excluded)),
    ];
    return {
      scope,
      year,
      includeOwnOffice,
      ownOffice,
      dataVersion,
      metricsVersion: METRICS_VERSION,
      data,
      totals,
      included,
      missing,
      yoy: yoyRows(totals, before),
      checks,
      prose,
    };
  }

  /** Reporting units of the scope for the year, with where their report stands (as the submission status says it). */
  private async units(m: EntityManager, actor: Actor, scope: Jurisdiction, year: number, excluded: number | null): Promise<RollupUnit[]> {
    const insider = policy.canReview(actor, scope);
    const rows: Record<string, unknown>[] = await m.query(
      `SELECT j.*, r.id AS "reportId", r."publishedVersionId", pv."templateVersion", cv.status AS "currentStatus"
       FROM jurisdiction j
       LEFT JOIN report r ON r."jurisdictionId" = j.id AND r.year = $2
       LEFT JOIN report_version pv ON pv.id = r."publishedVersionId"
       LEFT JOIN report_version cv ON cv.id = r."currentVersionId"
       WHERE j.path LIKE $1 AND j.kind = ANY($3::text[])
         AND (r."publishedVersionId" IS NOT NULL OR ((j."validFrom" IS NULL OR j."validFrom" <= $2) AND (j."validTo" IS NULL OR j."validTo" >= $2)))
       ORDER BY j.path`,
      [`${scope.path}.%`, year, REPORTING_KINDS],
    );
    return rows
      .filter((r) => Number(r.id) !== excluded)
      .map((r) => {
        const unit = m.getRepository(Jurisdiction).create({
          id: Number(r.id),
          name: String(r.name),
          code: (r.code as string | null) ?? null,
          kind: r.kind as Jurisdiction['kind'],
          parentId: r.parentId === null ? null : Number(r.parentId),
          path: String(r.path),
          validFrom: (r.validFrom as number | null) ?? null,
          validTo: (r.validTo as number | null) ?? null,
          predecessorId: r.predecessorId === null ? null : Number(r.predecessorId),
          createdAt: r.createdAt as Date,
        });
        const published = r.publishedVersionId !== null;
        const state = published ? 'published' : insider ? String(r.currentStatus ?? 'missing') : 'notPublished';
        return {
          unit,
          state,
          reportId: r.reportId === null ? null : Number(r.reportId),
          versionId: published ? Number(r.publishedVersionId) : null,
          templateVersion: (r.templateVersion as string | null) ?? null,
          deadline: deadlineFor(unit, year),
        };
      });
  }

  /**
   * A sum of consistent reports is consistent: when a total breaks a rule, the units whose own
   * published figures break it on the same cells are named. 2019-format units whose 其他处理 is one
   * row cannot be split into the 2021 sub-rows, and are named when they explain a break.
   */
  private async whoBreaks(m: EntityManager, findings: Finding[], included: RollupUnit[], year: number): Promise<RollupCheck[]> {
    if (findings.length === 0) return [];
    const ids = included.map((u) => u.versionId as number);
    const rows: Record<string, unknown>[] = ids.length ? await m.query(`SELECT * FROM report_figures WHERE "versionId" = ANY($1::int[])`, [ids]) : [];
    const own = new Map<number, { unit: RollupUnit; findings: Finding[]; singleOther: number }>();
    for (const row of rows) {
      const u = included.find((x) => x.versionId === Number(row.versionId));
      if (!u) continue;
      const figs = figuresOf(row, FIGURE_COLUMNS, true);
      const version = (u.templateVersion === '2019' ? '2019' : '2021') as TemplateVersion;
      const report = unitReport(version, u.unit.name, year, figs);
      const parts = ['overdueCorrection', 'overdueFee', 'other'].some((k) => figs.get(`applications.otherHandling.${k}.total`) != null);
      own.set(u.versionId as number, {
        unit: u,
        findings: validateReport(report, { unitKind: 'government' }),
        singleOther: parts ? 0 : (figs.get('applications.otherHandling.total.total') ?? 0),
      });
    }
    return findings.map((f) => {
      const units: RollupCheck['units'] = [];
      for (const o of own.values()) {
        const same = sameBreak(f, o.findings);
        if (same) units.push({ unit: o.unit.unit, message: same.message, versionId: o.unit.versionId as number });
        else if (f.rule === 'applications.outcomeSum' && o.singleOther > 0)
          units.push({
            unit: o.unit.unit,
            message: `2019 试行格式：（六）其他处理 ${o.singleOther} 件只有一行，无法计入 2021 格式的三个子项`,
            versionId: o.unit.versionId as number,
          });
      }
      return { ...f, units };
    });
  }

  /**
   * Cross-year rules (上年结转, 现行有效件数) on the totals break when a unit's own report breaks them
   * (its stored finding against its previous published report), or when the two years sum
   * different units: one counted this year and not last year, or the other way round.
   */
  private async whoBreaksAcrossYears(
    m: EntityManager,
    findings: Finding[],
    included: RollupUnit[],
    scope: Jurisdiction,
    year: number,
    excluded: number | null,
  ): Promise<RollupCheck[]> {
    const relevant = findings.filter((f) => CROSS_YEAR_RULES.has(f.rule));
    if (relevant.length === 0) return [];
    const versionIds = included.map((u) => u.versionId as number);
    const stored: { versionId: number; rule: string; message: string; cells: string[] }[] = versionIds.length
      ? await m.query(
          `SELECT "versionId", rule, message, cells FROM finding WHERE "versionId" = ANY($1::int[]) AND rule = ANY($2::text[]) AND decision <> 'dismissed'`,
          [versionIds, [...CROSS_YEAR_RULES]],
        )
      : [];
    const lastYear: { unit: number; forward: string | number | null }[] = await m.query(
      `SELECT r."jurisdictionId" AS unit, f."${FIGURE_COLUMNS['applications.carriedForward.total']}" AS forward
       FROM report r JOIN report_figures f ON f."versionId" = r."publishedVersionId" JOIN jurisdiction j ON j.id = r."jurisdictionId"
       WHERE j.path LIKE $1 AND r.year = $2`,
      [`${scope.path}.%`, year - 1],
    );
    const before = new Map(lastYear.filter((r) => Number(r.unit) !== excluded).map((r) => [Number(r.unit), Number(r.forward ?? 0)]));
    const now = new Set(included.map((u) => u.unit.id));
    const gone = [...before.entries()].filter(([id, forward]) => !now.has(id) && forward > 0);
    const goneUnits = gone.length ? await m.getRepository(Jurisdiction).find({ where: { id: In(gone.map(([id]) => id)) } }) : [];
    const carriedOver: { versionId: number; over: string | number | null }[] = versionIds.length
      ? await m.query(
          `SELECT "versionId", "${FIGURE_COLUMNS['applications.carriedOver.total']}" AS over FROM report_figures WHERE "versionId" = ANY($1::int[])`,
          [versionIds],
        )
      : [];
    const overOf = new Map(carriedOver.map((r) => [Number(r.versionId), Number(r.over ?? 0)]));
    return relevant.map((f) => {
      const units: RollupCheck['units'] = [];
      for (const u of included) {
        const own = stored.find((x) => x.versionId === u.versionId && x.rule === f.rule && x.cells.some((c) => f.cells.includes(c)));
        if (own) units.push({ unit: u.unit, message: own.message, versionId: u.versionId as number });
        else if (f.rule === 'carryOver.matchesPreviousYear' && !before.has(u.unit.id) && (overOf.get(u.versionId as number) ?? 0) > 0)
          units.push({
            unit: u.unit,
            message: `上年未计入汇总（无已发布的 ${year - 1} 年报告），本年上年结转 ${overOf.get(u.versionId as number)} 件`,
            versionId: u.versionId as number,
          });
      }
      if (f.rule === 'carryOver.matchesPreviousYear')
        for (const [id, forward] of gone) {
          const unit = goneUnits.find((g) => g.id === id);
          if (unit) units.push({ unit, message: `本年未计入汇总，其 ${year - 1} 年结转下年度 ${forward} 件无对应`, versionId: null, year: year - 1 });
        }
      return { ...f, units };
    });
  }

  /** Each included unit's published figure of one cell. */
  async contributions(r: CompiledRollup, key: string): Promise<Contribution[]> {
    if (!ROLLUP_PATHS.includes(key)) throw new AppError('BAD_INPUT', `“${key.slice(0, 80)}” 不是 2021 模板的单元格 (not a cell of the template)`);
    const ids = r.included.map((u) => u.versionId as number);
    if (ids.length === 0) return [];
    const rows: { versionId: number; value: string | number | null }[] = await this.db.query(
      `SELECT "versionId", "${FIGURE_COLUMNS[key]}" AS value FROM report_figures WHERE "versionId" = ANY($1::int[])`,
      [ids],
    );
    const byVersion = new Map(rows.map((x) => [Number(x.versionId), x.value === null ? null : Number(x.value)]));
    return r.included.map((u) => ({
      unit: u.unit,
      value: byVersion.get(u.versionId as number) ?? null,
      reportId: u.reportId as number,
      versionId: u.versionId as number,
    }));
  }

  private snapshotKey(r: CompiledRollup) {
    return `${r.scope.id}:${r.year}:${r.includeOwnOffice}:${r.dataVersion}`;
  }

  private snapshotOf(r: CompiledRollup): Partial<RollupSnapshot> {
    return {
      scopeId: r.scope.id,
      year: r.year,
      includeOwnOffice: r.includeOwnOffice,
      dataVersion: r.dataVersion,
      totals: Object.fromEntries(ROLLUP_PATHS.map((p) => [p, r.totals.get(p) ?? 0])),
      units: Object.fromEntries(r.included.map((u) => [String(u.unit.id), u.versionId as number])),
    };
  }

  /** Keeps what a compile saw, once per data version, so a later one can say what changed. */
  private async remember(r: CompiledRollup): Promise<void> {
    const key = this.snapshotKey(r);
    if (this.stored.has(key)) return;
    const s = this.snapshotOf(r);
    await this.db.query(
      `INSERT INTO rollup_snapshot ("scopeId", year, "includeOwnOffice", "dataVersion", totals, units, frozen)
       SELECT $1, $2, $3, $4, $5::jsonb, $6::jsonb, false
       WHERE NOT EXISTS (SELECT 1 FROM rollup_snapshot WHERE "scopeId" = $1 AND year = $2 AND "includeOwnOffice" = $3 AND "dataVersion" = $4 AND NOT frozen)`,
      [s.scopeId, s.year, s.includeOwnOffice, s.dataVersion, JSON.stringify(s.totals), JSON.stringify(s.units)],
    );
    if (this.stored.size > 10_000) this.stored.clear();
    this.stored.add(key);
  }

  /** What changed between the roll-up as compiled at data version `since` (or a frozen copy) and now. */
  async changes(r: CompiledRollup, since: { dataVersion?: string; frozenId?: number }): Promise<RollupChanges> {
    const repo = this.db.getRepository(RollupSnapshot);
    let old: RollupSnapshot | null;
    if (since.frozenId !== undefined) old = await repo.findOne({ where: { id: since.frozenId, frozen: true, scopeId: r.scope.id, year: r.year } });
    else {
      if (!/^\d{1,18}$/.test(since.dataVersion ?? ''))
        throw new AppError('BAD_INPUT', `数据版本应为数字，读到“${String(since.dataVersion).slice(0, 20)}” (invalid data version)`);
      old = await repo.findOne({
        where: { scopeId: r.scope.id, year: r.year, includeOwnOffice: r.includeOwnOffice, dataVersion: since.dataVersion },
        order: { id: 'ASC' },
      });
    }
    if (!old)
      throw new AppError('NOT_FOUND', `没有数据版本 ${since.dataVersion ?? `#${since.frozenId}`} 时的汇总记录 (no roll-up was compiled at that version)`);
    const cells = diffTotals(old.totals, r.totals);
    const now = new Map(r.included.map((u) => [u.unit.id, u.versionId as number]));
    const then = new Map(Object.entries(old.units).map(([k, v]) => [Number(k), v]));
    const added = [...now.keys()].filter((id) => !then.has(id));
    const removed = [...then.keys()].filter((id) => !now.has(id));
    const republished = [...now.keys()].filter((id) => then.has(id) && then.get(id) !== now.get(id));
    const load = async (ids: number[]) => (ids.length ? this.db.getRepository(Jurisdiction).find({ where: { id: In(ids) }, order: { path: 'ASC' } }) : []);
    return {
      since: old.dataVersion,
      dataVersion: r.dataVersion,
      changed: cells.length > 0 || added.length + removed.length + republished.length > 0,
      cells,
      unitsAdded: await load(added),
      unitsRemoved: await load(removed),
      unitsRepublished: await load(republished),
    };
  }

  stamp(r: CompiledRollup): string {
    return `${r.scope.name} ${r.year} 年汇总 · ${r.includeOwnOffice ? '含' : '不含'}本级政府办 · ${r.included.length} 个单位 · 数据版本 ${r.dataVersion} · 口径 ${r.metricsVersion}`;
  }

  docx(r: CompiledRollup): Promise<Buffer> {
    return rollupDocx(r.data, this.stamp(r));
  }

  /** Tables 二, 三 and 四 as CSV rows: canonical key, label, value — with the stamp on top. */
  csv(r: CompiledRollup): string[][] {
    return [
      ['# Gongkai 汇总', this.stamp(r)],
      ['key', 'label', 'value', 'units'],
      ...ROLLUP_PATHS.map((p) => [p, cellLabel(p), String(r.totals.get(p) ?? 0), String(r.included.length)]),
    ];
  }

  async frozen(scopeId: number, year: number): Promise<RollupSnapshot[]> {
    return this.db.getRepository(RollupSnapshot).find({ where: { scopeId, year, frozen: true }, order: { id: 'DESC' } });
  }

  /** An office freezes the roll-up it published: data version, totals, units and the .docx bytes, audited. */
  async freeze(
    actor: Actor,
    scopeId: number,
    year: number,
    includeOwnOffice: boolean,
    expectedVersion: string | null,
    note: string | null,
  ): Promise<RollupSnapshot> {
    const scope = await this.db.getRepository(Jurisdiction).findOne({ where: { id: scopeId } });
    if (!scope) throw new AppError('NOT_FOUND', `没有编号为 ${scopeId} 的单位`);
    if (!policy.canReview(actor, scope)) deny('冻结汇总报告');
    const cleanNote = note?.trim() || null;
    if (cleanNote && cleanNote.length > 1000) throw new AppError('BAD_INPUT', '说明不能超过 1000 字 (note too long)');
    const r = await this.compile(actor, scopeId, year, includeOwnOffice);
    if (expectedVersion !== null && expectedVersion !== r.dataVersion)
      throw new AppError('CONFLICT', `数据已更新（版本 ${expectedVersion} → ${r.dataVersion}），请核对后再冻结 (the data changed since you looked)`);
    const bytes = await this.docx(r);
    return this.db.transaction(async (m) => {
      const saved = await m
        .getRepository(RollupSnapshot)
        .save(
          m
            .getRepository(RollupSnapshot)
            .create({ ...this.snapshotOf(r), frozen: true, docx: bytes, frozenById: actor.id, frozenBy: actor.username, note: cleanNote }),
        );
      await this.audit.record(m, actor, 'rollup.freeze', 'rollup', saved.id, {
        scopeId,
        year,
        includeOwnOffice,
        dataVersion: r.dataVersion,
        units: r.included.length,
        docxBytes: bytes.length,
        note: cleanNote,
      });
      return saved;
    });
  }

  async frozenDocx(actor: Actor, id: number): Promise<{ snapshot: RollupSnapshot; scope: Jurisdiction; content: Buffer }> {
    requireReadPublished(actor, this.config.publicRead);
    const snapshot = await this.db.getRepository(RollupSnapshot).createQueryBuilder('s').addSelect('s.docx').where('s.id = :id AND s.frozen', { id }).getOne();
    if (!snapshot?.docx) throw new AppError('NOT_FOUND', `没有编号为 ${id} 的冻结汇总`);
    const scope = await this.db.getRepository(Jurisdiction).findOneOrFail({ where: { id: snapshot.scopeId } });
    return { snapshot, scope, content: snapshot.docx };
  }
}
