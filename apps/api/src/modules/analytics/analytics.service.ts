import { parseCsv } from '@gongkai/csv';
import { evaluateMetric, METRICS, type MetricDef, type MetricValue, POPULATION } from '@gongkai/report-template';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppError } from '../../common/errors.js';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { AuditService } from '../audit/audit.service.js';
import { type Actor, within } from '../auth/actor.js';
import { deny, policy } from '../auth/policy.js';
import { Jurisdiction } from '../jurisdictions/jurisdiction.entity.js';
import { UnitCache } from '../jurisdictions/unit-cache.js';
import { FIGURE_COLUMNS, FIGURE_PATHS } from '../reports/figures.entity.js';
import { ALL_SCOPE } from './rollup.entity.js';
import { bumpDataVersion, currentDataVersion, DataVersionReader } from './rollups.js';

export const GROUP_DIMENSIONS = ['year', 'unit', 'parent', 'kind'] as const;
export type GroupDimension = (typeof GROUP_DIMENSIONS)[number];

export interface MetricsQuery {
  metrics: string[];
  under?: number | null;
  units?: number[] | null;
  kinds?: string[] | null;
  years?: number[] | null;
  groupBy?: GroupDimension[] | null;
  /** Count the current (possibly unpublished) versions: admins, within their county. */
  includeUnpublished?: boolean | null;
  orderBy?: { metric: string; direction: 'ASC' | 'DESC' } | null;
}

export interface Group {
  year: number | null;
  unitId: number | null;
  parentId: number | null;
  kind: string | null;
  reports: number;
  values: Map<string, MetricValue>;
}

export interface MetricRow extends MetricValue {
  year: number | null;
  unitId: number | null;
  parentId: number | null;
  kind: string | null;
  metric: string;
  reports: number;
}

const MAX_METRICS = 50;

/** Aggregates over published report numbers (report_figures), any subtree, any grouping. */
@Injectable()
export class AnalyticsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly unitCache: UnitCache,
    private readonly audit: AuditService,
  ) {}

  metricDefs(keys: string[]): MetricDef[] {
    if (keys.length === 0 || keys.length > MAX_METRICS) throw new AppError('BAD_INPUT', `metrics 应为 1–${MAX_METRICS} 个`);
    return keys.map((k) => {
      const def = METRICS.get(k);
      if (!def) throw new AppError('BAD_INPUT', `未知的指标“${k.slice(0, 80)}” (unknown metric; see docs/metrics.md)`);
      return def;
    });
  }

  /** Published-only answers, keyed by query and valid for one data version (see DataVersion). */
  private readonly cache = new Map<string, { version: string; groups: Group[] }>();
  private readonly dataVersion = new DataVersionReader(() => currentDataVersion(this.db.manager));

  /** A unit by id, from the process cache when it is there (units never change once created). */
  private async unit(id: number): Promise<Jurisdiction | null> {
    const cached = this.unitCache.get(id);
    if (cached) return cached;
    const found = await this.db.getRepository(Jurisdiction).findOne({ where: { id } });
    if (found) this.unitCache.put(found);
    return found;
  }

  /** The published-data version as of now (see DataVersionReader). */
  dataVersionNow(): Promise<string> {
    return this.dataVersion.current();
  }

  /** One row per group, with every requested metric evaluated from that group's sums. */
  async groups(actor: Actor, q: MetricsQuery): Promise<Group[]> {
    if (!policy.canReadPublished(actor, this.config.publicRead)) throw new AppError('UNAUTHENTICATED', '请先登录后查看 (log in to read)');
    if (q.includeUnpublished) return this.compute(actor, q);
    // Published numbers are the same for every reader: compute once per data version.
    const key = JSON.stringify([q.metrics, q.under, q.units, q.kinds, q.years, q.groupBy]);
    // The scope's unit is read alongside the version: a first-time question saves a round trip.
    const [version] = await Promise.all([this.dataVersion.current(), q.under ? this.unit(q.under) : null]);
    const hit = this.cache.get(key);
    if (hit && hit.version === version) {
      this.cache.delete(key);
      this.cache.set(key, hit); // most recently used last
      return hit.groups.map((g) => ({ ...g }));
    }
    const groups = await this.compute(actor, q);
    this.cache.set(key, { version, groups });
    if (this.cache.size > 1000) this.cache.delete(this.cache.keys().next().value as string);
    return groups.map((g) => ({ ...g }));
  }

  private async compute(actor: Actor, q: MetricsQuery): Promise<Group[]> {
    const defs = this.metricDefs(q.metrics);
    const groupBy = [...new Set(q.groupBy ?? [])];
    for (const g of groupBy) if (!GROUP_DIMENSIONS.includes(g)) throw new AppError('BAD_INPUT', `groupBy 只能是 ${GROUP_DIMENSIONS.join('、')}`);
    if (q.years && (q.years.length > 50 || q.years.some((y) => !Number.isInteger(y) || y < 2008 || y > 2100)))
      throw new AppError('BAD_INPUT', 'years 应为 2008–2100 的年份，最多 50 个');

    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const where: string[] = [];
    let root: Jurisdiction | null = null;
    if (q.under) {
      root = await this.unit(q.under);
      if (!root) throw new AppError('NOT_FOUND', `没有编号为 ${q.under} 的单位`);
      where.push(`(j.path = ${p(root.path)} OR j.path LIKE ${p(`${root.path}.%`)})`);
    }
    if (q.units?.length) where.push(`j.id = ANY(${p(q.units)}::int[])`);
    if (q.kinds?.length) where.push(`j.kind = ANY(${p(q.kinds)}::text[])`);
    if (q.years?.length) where.push(`r.year = ANY(${p(q.years)}::int[])`);
    let versionColumn = '"publishedVersionId"';
    if (q.includeUnpublished) {
      // Unpublished numbers only for an admin whose county holds the whole scope.
      if (actor.role !== 'admin' || !root || !within(root.path, actor.jurisdictionPath)) deny('查看未发布数据的汇总（须为本县管理员并指定本县范围）');
      versionColumn = '"currentVersionId"';
    }
    const cells = [...new Set(defs.flatMap((d) => [...d.numerator, ...(d.denominator ?? [])]))].filter((c) => c !== POPULATION);
    // Per-capita metrics count only units with a population for the year, numerator and denominator alike.
    const perCapita = defs.filter((d) => d.kind === 'perTenThousand');
    const perCapitaCells = [...new Set(perCapita.flatMap((d) => d.numerator))];
    const dims: [GroupDimension, string][] = [
      ['year', 'r.year'],
      ['unit', 'j.id'],
      ['parent', 'j."parentId"'],
      ['kind', 'j.kind'],
    ];
    const chosen = dims.filter(([d]) => groupBy.includes(d));
    // Grouped by unit, the units come along (GROUP BY j.id allows it): the resolvers' unit
    // lookups are then answered from the cache, not by another query.
    const unitColumns = groupBy.includes('unit') ? UNIT_COLUMNS.map((c) => `j."${c}" AS "u_${c}"`) : [];
    const select = [
      ...chosen.map(([d, expr]) => `${expr} AS "${d}"`),
      ...unitColumns,
      'count(*)::int AS "reports"',
      ...cells.map((c, i) => `coalesce(sum(f."${FIGURE_COLUMNS[c]}"), 0)::float8 AS "c${i}"`),
      ...(perCapita.length
        ? [
            'coalesce(sum(pop.population), 0)::float8 AS "population"',
            ...perCapitaCells.map((c, i) => `coalesce(sum(f."${FIGURE_COLUMNS[c]}") FILTER (WHERE pop.population IS NOT NULL), 0)::float8 AS "pc${i}"`),
          ]
        : []),
    ];
    const sql = `SELECT ${select.join(', ')}
      FROM report r
      JOIN report_figures f ON f."versionId" = r.${versionColumn}
      JOIN jurisdiction j ON j.id = r."jurisdictionId"
      ${perCapita.length ? 'LEFT JOIN unit_population pop ON pop."jurisdictionId" = j.id AND pop.year = r.year' : ''}
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ${chosen.length ? `GROUP BY ${chosen.map(([, e]) => e).join(', ')}` : ''}`;
    const rollupScope = this.rollupScope(q, root, groupBy, perCapita.length > 0);
    let rows: Record<string, unknown>[];
    if (rollupScope !== null) {
      // Whole counties, cities, provinces or the country: read the rollups, not every report.
      const rp: unknown[] = [rollupScope];
      const rw = ['"scopeId" = $1'];
      if (q.years?.length) rw.push(`year = ANY($${rp.push(q.years)}::int[])`);
      if (q.kinds?.length) rw.push(`kind = ANY($${rp.push(q.kinds)}::text[])`);
      const dimsR = chosen.map(([d]) => (d === 'year' ? 'year' : 'kind'));
      rows = await this.db.query(
        `SELECT ${[...dimsR.map((d) => `${d} AS "${d}"`), 'sum(reports)::int AS "reports"', ...cells.map((c, i) => `sum("${FIGURE_COLUMNS[c]}")::float8 AS "c${i}"`)].join(', ')}
         FROM figures_rollup WHERE ${rw.join(' AND ')} ${dimsR.length ? `GROUP BY ${dimsR.join(', ')}` : ''} HAVING sum(reports) > 0`,
        rp,
      );
      if (chosen.length === 0 && rows.length === 0) rows = [{ reports: 0 }];
    } else {
      rows = await this.db.query(sql, params);
    }
    if (unitColumns.length) {
      for (const row of rows) {
        const u = Object.fromEntries(UNIT_COLUMNS.map((c) => [c, row[`u_${c}`]])) as unknown as Jurisdiction;
        u.id = Number(row.unit);
        this.unitCache.put(u);
      }
    }
    const index = new Map<string, string>(cells.map((c, i) => [c, `c${i}`]));
    const pcIndex = new Map<string, string>(perCapitaCells.map((c, i) => [c, `pc${i}`]));
    return rows.map((row) => {
      const sums = (k: string) => Number(row[index.get(k) as string] ?? 0);
      const popSums = (k: string) => Number((k === POPULATION ? row.population : row[pcIndex.get(k) as string]) ?? 0);
      return {
        year: row.year === undefined ? null : Number(row.year),
        unitId: row.unit === undefined ? null : Number(row.unit),
        parentId: row.parent === undefined || row.parent === null ? null : Number(row.parent),
        kind: (row.kind as string | undefined) ?? null,
        reports: Number(row.reports),
        values: new Map(defs.map((d) => [d.key, evaluateMetric(d, d.kind === 'perTenThousand' ? popSums : sums)])),
      };
    });
  }

  /** The rollup scope that answers this query exactly, or null when only the reports can. */
  private rollupScope(q: MetricsQuery, root: Jurisdiction | null, groupBy: GroupDimension[], perCapita: boolean): number | null {
    if (q.includeUnpublished || q.units?.length || perCapita) return null;
    if (!groupBy.every((g) => g === 'year' || g === 'kind')) return null;
    if (!root) return ALL_SCOPE;
    // A reporting unit's own report is not in the rollups of its ancestors only: use the reports.
    return ['province', 'city', 'county'].includes(root.kind) ? root.id : null;
  }

  /** Long format: one row per group × metric, ordered by a metric (nulls last) then by group. */
  async rows(actor: Actor, q: MetricsQuery): Promise<MetricRow[]> {
    const groups = await this.groups(actor, q);
    const order = q.orderBy;
    if (order && !q.metrics.includes(order.metric)) throw new AppError('BAD_INPUT', `orderBy.metric 须为所查询的指标之一`);
    const dir = order?.direction === 'ASC' ? 1 : -1;
    groups.sort((a, b) => {
      if (order) {
        const va = a.values.get(order.metric)?.value ?? null;
        const vb = b.values.get(order.metric)?.value ?? null;
        if (va !== vb) {
          if (va === null) return 1;
          if (vb === null) return -1;
          return (va - vb) * dir;
        }
      }
      return (
        (a.year ?? 0) - (b.year ?? 0) ||
        (a.unitId ?? 0) - (b.unitId ?? 0) ||
        (a.parentId ?? 0) - (b.parentId ?? 0) ||
        String(a.kind).localeCompare(String(b.kind))
      );
    });
    return groups.flatMap((g) =>
      q.metrics.map((m) => ({
        year: g.year,
        unitId: g.unitId,
        parentId: g.parentId,
        kind: g.kind,
        reports: g.reports,
        metric: m,
        ...(g.values.get(m) as MetricValue),
      })),
    );
  }

  /** `unit,year,population` rows (unit by code or name, within the admin's county); upserts all or none. */
  /** Imports population figures; the import, or its refusal and why, goes to the audit log. */
  async importPopulation(actor: Actor, csv: string): Promise<number> {
    try {
      return await this.importPopulationRows(actor, csv);
    } catch (e) {
      if (e instanceof AppError) await this.audit.refused(actor, 'population.import', 'jurisdiction', actor.jurisdictionId ?? 0, e, { bytes: csv.length });
      throw e;
    }
  }

  private async importPopulationRows(actor: Actor, csv: string): Promise<number> {
    if (actor.role !== 'admin' || !actor.jurisdictionPath) deny('导入人口数据');
    if (csv.length > 2 * 1024 * 1024) throw new AppError('TOO_LARGE', 'CSV 超过 2 MB');
    const rows = parseCsv(csv);
    const header = rows.shift()?.map((h) => h.trim().toLowerCase()) ?? [];
    const [ui, yi, pi] = ['unit', 'year', 'population'].map((h) => header.indexOf(h));
    if (ui === undefined || yi === undefined || pi === undefined || ui < 0 || yi < 0 || pi < 0)
      throw new AppError('BAD_INPUT', 'CSV 表头应为 unit,year,population');
    return this.db.transaction(async (m) => {
      await bumpDataVersion(m); // per-capita answers change with the population
      let n = 0;
      for (const [i, r] of rows.entries()) {
        const line = i + 2;
        const ref = (r[ui] ?? '').trim();
        const year = Number((r[yi] ?? '').trim());
        const population = Number((r[pi] ?? '').trim());
        if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new AppError('BAD_INPUT', `CSV 第 ${line} 行：年份无效`, { line });
        if (!Number.isInteger(population) || population <= 0 || population > 2_000_000_000)
          throw new AppError('BAD_INPUT', `CSV 第 ${line} 行：人口应为正整数`, { line });
        const units = await m.getRepository(Jurisdiction).find({ where: [{ code: ref }, { name: ref }] });
        const mine = units.filter((u) => within(u.path, actor.jurisdictionPath));
        if (mine.length !== 1) throw new AppError('BAD_INPUT', `CSV 第 ${line} 行：本县没有${mine.length ? '唯一的' : ''}单位“${ref.slice(0, 40)}”`, { line });
        await m.query(
          'INSERT INTO unit_population ("jurisdictionId", year, population) VALUES ($1, $2, $3) ON CONFLICT ("jurisdictionId", year) DO UPDATE SET population = EXCLUDED.population',
          [(mine[0] as Jurisdiction).id, year, population],
        );
        n++;
      }
      await this.audit.record(m, actor, 'population.import', 'jurisdiction', actor.jurisdictionId ?? 0, { rows: n });
      return n;
    });
  }

  /** Every published report under a unit: one record per report, keyed by canonical key. */
  async publishedFigures(actor: Actor, underId: number, years: number[]): Promise<Record<string, unknown>[]> {
    if (!policy.canReadPublished(actor, this.config.publicRead)) throw new AppError('UNAUTHENTICATED', '请先登录后查看 (log in to read)');
    const root = await this.db.getRepository(Jurisdiction).findOne({ where: { id: underId } });
    if (!root) throw new AppError('NOT_FOUND', `没有编号为 ${underId} 的单位`);
    const cols = FIGURE_PATHS.map((p) => `f."${FIGURE_COLUMNS[p]}"::float8 AS "${p}"`).join(', ');
    return this.db.query(
      `SELECT j.id AS unit_id, j.name AS unit, j.code, j.kind, r.year, v.version, v.synthetic, v."publishedDate" AS published_date, ${cols}
       FROM report r JOIN report_version v ON v.id = r."publishedVersionId" JOIN report_figures f ON f."versionId" = v.id
       JOIN jurisdiction j ON j.id = r."jurisdictionId"
       WHERE (j.path = $1 OR j.path LIKE $2) ${years.length ? 'AND r.year = ANY($3::int[])' : ''}
       ORDER BY j.path, r.year`,
      years.length ? [root.path, `${root.path}.%`, years] : [root.path, `${root.path}.%`],
    );
  }

  /** Year over year per unit: the metric in two years, its change and relative change. */
  async yoy(actor: Actor, q: { metric: string; from: number; to: number; under?: number | null; kinds?: string[] | null }) {
    const groups = await this.groups(actor, { metrics: [q.metric], under: q.under, kinds: q.kinds, years: [q.from, q.to], groupBy: ['unit', 'year'] });
    const byUnit = new Map<number, { from: MetricValue | null; to: MetricValue | null }>();
    for (const g of groups) {
      const e = byUnit.get(g.unitId as number) ?? { from: null, to: null };
      if (g.year === q.from) e.from = g.values.get(q.metric) ?? null;
      if (g.year === q.to) e.to = g.values.get(q.metric) ?? null;
      byUnit.set(g.unitId as number, e);
    }
    return [...byUnit.entries()]
      .map(([unitId, e]) => {
        const a = e.from?.value ?? null;
        const b = e.to?.value ?? null;
        const change = a !== null && b !== null ? b - a : null;
        return { unitId, from: a, to: b, change, relativeChange: change !== null && a ? change / a : null };
      })
      .sort((x, y) => (y.change ?? Number.NEGATIVE_INFINITY) - (x.change ?? Number.NEGATIVE_INFINITY) || x.unitId - y.unitId);
  }

  /** Units ranked by a metric in one year, with percentile and the peers' quartiles. */
  async ranking(actor: Actor, q: { metric: string; year: number; under?: number | null; kinds?: string[] | null; ascending?: boolean | null }) {
    const groups = await this.groups(actor, { metrics: [q.metric], under: q.under, kinds: q.kinds, years: [q.year], groupBy: ['unit'] });
    const rows = groups.map((g) => ({ unitId: g.unitId as number, ...(g.values.get(q.metric) as MetricValue) }));
    const valued = rows
      .filter((r) => r.value !== null)
      .sort((a, b) => (q.ascending ? 1 : -1) * ((a.value as number) - (b.value as number)) || a.unitId - b.unitId);
    const sorted = valued.map((r) => r.value as number).sort((a, b) => a - b);
    const n = sorted.length;
    // Rank ties share the best rank; percentile = share of peers strictly below. `valued` is in
    // rank order, so a tie's rank is where its value first appears (n log n, not n²).
    let rank = 0;
    const ranked = valued.map((r, i) => {
      const value = r.value as number;
      if (i === 0 || value !== valued[i - 1]?.value) rank = i + 1;
      return { ...r, rank, percentile: n > 1 ? lowerBound(sorted, value) / (n - 1) : 1 };
    });
    return {
      rows: [...ranked, ...rows.filter((r) => r.value === null).map((r) => ({ ...r, rank: null, percentile: null }))],
      quartiles: quartiles(sorted),
      count: n,
    };
  }
}

const UNIT_COLUMNS = ['name', 'code', 'kind', 'parentId', 'path', 'validFrom', 'validTo', 'predecessorId'] as const;

/** How many of the ascending `sorted` values are strictly below `value`. */
function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** P25, P50, P75 by linear interpolation between order statistics (R type 7). */
export function quartiles(sorted: number[]): { p25: number | null; p50: number | null; p75: number | null } {
  const q = (p: number) => {
    if (sorted.length === 0) return null;
    const h = (sorted.length - 1) * p;
    const lo = Math.floor(h);
    return (sorted[lo] as number) + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] as number) - (sorted[lo] as number));
  };
  return { p25: q(0.25), p50: q(0.5), p75: q(0.75) };
}
