import type { MetricValue } from '@gongkai/report-template';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Counter } from 'prom-client';
import { DataSource, In, type QueryRunner } from 'typeorm';
import { type Actor, within } from '../../common/access/actor.js';
import { deny, requireReadPublished } from '../../common/access/policy.js';
import { AppError } from '../../common/errors.js';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { Metrics } from '../../observability/metrics.js';
import { Jurisdiction, type JurisdictionKind } from '../jurisdictions/jurisdiction.entity.js';
import { UnitCache } from '../jurisdictions/unit-cache.js';
import { DataVersionService } from '../published/data-version.js';
import { FIGURE_COLUMNS, FIGURE_PATHS } from '../published/figure-columns.js';
import { ALL_SCOPE } from '../published/rollup.entity.js';
import {
  checkedGroupBy,
  checkYears,
  type Group,
  type MetricsQuery,
  type MetricsSql,
  metricDefs,
  metricsSql,
  scopeSliceable,
  scopeSliceSql,
  sliceSql,
  toGroups,
  UNIT_COLUMNS,
} from './metrics-sql.js';
import { Quiet } from './quiet.js';
import { ScopeSlice, ScopeSliceBuilder } from './scope-slices.js';
import { longRows, type MetricRow, rank, yoyRows } from './statistics.js';
import { sliceColumns, UnitSlice, UnitSliceBuilder, UnitSlices } from './unit-slices.js';

/** The kinds of unit whose subtrees questions are asked about (see AnalyticsService.unit). */
const SCOPE_KINDS: JurisdictionKind[] = ['province', 'city', 'county'];

/** Rows a slice's cursor gives at a time (see readSlice). */
const SLICE_BATCH = 1000;

/** Where a request gets the published-data version it reads at. */
type DataVersionOf = () => Promise<string>;

/**
 * Aggregates over published report numbers (report_figures), any subtree, any grouping: checks
 * who asks, caches published answers per data version, runs the statement metrics-sql.ts builds
 * and hands the groups to the pure statistics.
 */
@Injectable()
export class AnalyticsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly unitCache: UnitCache,
    private readonly dataVersion: DataVersionService,
    private readonly metrics: Metrics,
  ) {}

  /** Published-only answers, keyed by query and valid for one data version (see DataVersion). */
  private readonly cache = new Map<string, { version: string; groups: Group[] }>();

  /**
   * Country-wide published sums by unit (see unitGroups) and every scope's rollups (see
   * scopeRows), per metrics and years: one queue, so one read at a time of either.
   */
  private readonly slices = new UnitSlices<UnitSlice | ScopeSlice>(
    32,
    (reads) => this.metrics.unitSliceReads.set(reads),
    () => this.quiet.wait(),
  );
  /** Questions under way here: a slice read waits for a pause in them (quiet.ts). */
  private readonly quiet = new Quiet();
  private readonly logger = new Logger(AnalyticsService.name);

  private scopesLoaded: Promise<void> | null = null;

  /**
   * A unit by id, from the process cache when it is there (units never change once created).
   * The first miss brings every province, city and county into the cache at once (a few
   * thousand nationally): questions are asked under those, and a first-time question then
   * waits for one database round trip fewer.
   */
  private async unit(id: number): Promise<Jurisdiction | null> {
    let cached = this.unitCache.get(id);
    if (cached) return cached;
    this.scopesLoaded ??= this.db
      .getRepository(Jurisdiction)
      .find({ where: { kind: In(SCOPE_KINDS) } })
      .then(
        (units) => {
          for (const u of units) this.unitCache.put(u);
        },
        (e: unknown) => {
          this.scopesLoaded = null; // the next question tries again
          throw e;
        },
      );
    await this.scopesLoaded;
    cached = this.unitCache.get(id);
    if (cached) return cached;
    const found = await this.db.getRepository(Jurisdiction).findOne({ where: { id } });
    if (found) this.unitCache.put(found);
    return found;
  }

  /** The unit a question is asked under, or NOT_FOUND. */
  private async scope(id: number): Promise<Jurisdiction> {
    const root = await this.unit(id);
    if (!root) throw new AppError('NOT_FOUND', `没有编号为 ${id} 的单位`);
    return root;
  }

  /**
   * One row per group, with every requested metric evaluated from that group's sums. `version`
   * gives the published-data version the request reads at (GraphQL requests read it once, see
   * GqlContext); by default it is read now.
   */
  groups(actor: Actor, q: MetricsQuery, version: DataVersionOf = () => this.dataVersion.current()): Promise<Group[]> {
    return this.quiet.during(() => this.publishedGroups(actor, q, version));
  }

  private async publishedGroups(actor: Actor, q: MetricsQuery, version: DataVersionOf): Promise<Group[]> {
    requireReadPublished(actor, this.config.publicRead);
    if (q.includeUnpublished) return this.compute(actor, q);
    // Published numbers are the same for every reader: compute once per data version.
    const key = JSON.stringify([q.metrics, q.under, q.units, q.kinds, q.years, q.groupBy]);
    // The scope's unit is read alongside the version: a first-time question saves a round trip.
    const [current] = await Promise.all([version(), q.under ? this.unit(q.under) : null]);
    const hit = this.cache.get(key);
    if (hit && hit.version === current) {
      this.cache.delete(key);
      this.cache.set(key, hit); // most recently used last
      return hit.groups.slice(); // callers sort the list, never its groups
    }
    const groups = await this.compute(actor, q, undefined, current);
    this.cache.set(key, { version: current, groups });
    if (this.cache.size > 1000) this.cache.delete(this.cache.keys().next().value as string);
    return groups.slice();
  }

  /** `version`: published data at that version, which a scope slice may answer (scopeRows). */
  private async compute(actor: Actor, q: MetricsQuery, options?: { unitColumns: boolean }, version?: string): Promise<Group[]> {
    const defs = metricDefs(q.metrics);
    const groupBy = checkedGroupBy(q);
    const root = q.under ? await this.scope(q.under) : null;
    // Unpublished numbers only for an admin whose county holds the whole scope.
    if (q.includeUnpublished && (actor.role !== 'admin' || !root || !within(root.path, actor.jurisdictionPath)))
      deny('查看未发布数据的汇总（须为本县管理员并指定本县范围）');
    const built = metricsSql(q, defs, groupBy, root, options);
    const cut = version !== undefined && scopeSliceable(built, q, groupBy) ? this.scopeRows(built, root, groupBy, q.years ?? null, version) : null;
    if (cut) return toGroups(built, cut);
    const rows: Record<string, unknown>[] = await this.db.query(built.sql, built.params);
    if (built.withUnits) this.keepUnits(rows);
    return toGroups(built, rows);
  }

  /**
   * A rollup question's rows cut from the slice of every scope's rollups for its cells and years,
   * or null while that slice is not read: its read is then started (at the next pause, in turn
   * with the unit slices'), and the question reads its own scope. The first-asked trend of a
   * county then costs no database round trip once any scope has asked those metrics and years.
   */
  private scopeRows(
    built: MetricsSql,
    root: Jurisdiction | null,
    groupBy: readonly string[],
    years: number[] | null,
    version: string,
  ): Record<string, unknown>[] | null {
    const cells = [...built.cells].sort();
    const ys = years?.length ? [...new Set(years)].sort((a, b) => a - b) : null;
    const key = `scope:${JSON.stringify([cells, ys])}`;
    const slice = this.slices.ready(key, version);
    if (slice instanceof ScopeSlice) {
      this.metrics.scopeSlices.inc({ event: 'cut' });
      return slice.rows(root ? root.id : ALL_SCOPE, built.cells, groupBy.includes('year'));
    }
    this.startRead(key, version, this.metrics.scopeSlices, () => this.readScopeSlice(cells, ys));
    this.metrics.scopeSlices.inc({ event: 'scoped' });
    return null;
  }

  /** Starts reading a slice unless it is kept, under way or waiting; counts how it ends. */
  private startRead(key: string, version: string, counter: Counter<'event'>, read: () => Promise<UnitSlice | ScopeSlice>): void {
    this.slices.load(key, version, read)?.then(
      (done) => done && counter.inc({ event: 'read' }),
      (e: unknown) => {
        counter.inc({ event: 'failed' });
        this.logger.warn(`slice ${key} not read: ${(e as Error).message}`);
      },
    );
  }

  /** The slice of every scope's rollups of `cells` in `years` (null: all), through a cursor. */
  private async readScopeSlice(cells: string[], years: number[] | null): Promise<ScopeSlice> {
    const { sql, params } = scopeSliceSql(cells, years);
    const slice = new ScopeSliceBuilder(cells);
    await this.readCursor(sql, params, (batch) => slice.add(batch));
    return slice.finish();
  }

  /** The units a unit-grouped statement brought along, into the cache (see UNIT_COLUMNS). */
  private keepUnits(rows: Record<string, unknown>[]): void {
    for (const row of rows) {
      const id = Number(row.unit);
      if (this.unitCache.get(id)) continue; // units never change: the kept object stays right
      const u = Object.fromEntries(UNIT_COLUMNS.map((c) => [c, row[`u_${c}`]])) as unknown as Jurisdiction;
      u.id = id;
      this.unitCache.put(u);
    }
  }

  /**
   * Published groups by unit (and by year when `byYear`; without it, one year) under a scope. Once
   * a country-wide slice of the metrics and years has been read (one statement for the whole country, kept for the data
   * version), a ranking or YoY of any province, county or town with them is cut from it without a
   * database round trip. Until then the question reads its own scope, as `groups` does, and the
   * slice is read at the next pause in the questions (quiet.ts; at the full country a read takes a
   * few hundred ms: nobody waits for it). Either way the groups are the same
   * (analytics-slices.test.ts compares them).
   */
  private unitGroups(
    actor: Actor,
    q: { metrics: string[]; under?: number | null; kinds?: string[] | null; years: number[] },
    byYear: boolean,
    version: DataVersionOf = () => this.dataVersion.current(),
  ): Promise<Group[]> {
    return this.quiet.during(() => this.cutOrScoped(actor, q, byYear, version));
  }

  private async cutOrScoped(
    actor: Actor,
    q: { metrics: string[]; under?: number | null; kinds?: string[] | null; years: number[] },
    byYear: boolean,
    version: DataVersionOf,
  ): Promise<Group[]> {
    requireReadPublished(actor, this.config.publicRead);
    const defs = metricDefs(q.metrics);
    const years = [...new Set(q.years)];
    checkYears(years);
    const [current, root] = await Promise.all([version(), q.under ? this.scope(q.under) : null]);
    // One statement for the question's years: a YoY needs both, and waits for one read, not two.
    const key = JSON.stringify([[...years].sort(), q.metrics]);
    const built = sliceSql(defs, years);
    const slice = this.slices.ready(key, current);
    if (slice instanceof UnitSlice) {
      this.metrics.unitSlices.inc({ event: 'cut' });
      return toGroups(built, slice.rows(root, q.kinds, byYear));
    }
    this.startRead(key, current, this.metrics.unitSlices, () => this.readSlice(built));
    this.metrics.unitSlices.inc({ event: 'scoped' });
    // Not kept in the per-query cache: the slice being read answers the next question of these
    // metrics and years, and the response cache this one asked again. Kept there, each province's
    // groups held ~100 kB of objects (up to 1,000 of them), and collecting them showed in the p95.
    // Without the unit columns: the resolvers find the units in the cache (a slice read fills it
    // with every reporting unit), or read the few it lacks by id.
    return this.compute(actor, { ...q, years, groupBy: byYear ? ['unit', 'year'] : ['unit'] }, { unitColumns: false });
  }

  /**
   * A country-wide slice, read through a cursor in path order: PostgreSQL sorts, and the rows come
   * in batches, each added to the slice as it comes, with the event loop free between them: the
   * questions answered meanwhile never wait behind one long parse or build (~40,000 rows at the
   * full country; built in one go at the end, that held the loop 10–25 ms). The rows carry no
   * unit columns (sliceSql): a batch's units not yet in the cache are read first, by id, which
   * only the first read of a process does for most of them.
   */
  private async readSlice(built: MetricsSql): Promise<UnitSlice> {
    const slice = new UnitSliceBuilder(sliceColumns(built), (id) => this.unitCache.get(id));
    await this.readCursor(built.sql, built.params, async (batch, runner) => {
      const missing = batch.map((r) => Number(r.unit)).filter((id) => !this.unitCache.get(id));
      if (missing.length) for (const u of await runner.manager.findBy(Jurisdiction, { id: In(missing) })) this.unitCache.put(u);
      slice.add(batch);
    });
    return slice.finish();
  }

  /** A statement's rows through a cursor, SLICE_BATCH at a time, in one transaction (one snapshot). */
  private async readCursor(
    sql: string,
    params: unknown[],
    onBatch: (batch: Record<string, unknown>[], runner: QueryRunner) => void | Promise<void>,
  ): Promise<void> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.query(`DECLARE slice_rows NO SCROLL CURSOR FOR ${sql}`, params);
      for (;;) {
        const batch: Record<string, unknown>[] = await runner.query(`FETCH ${SLICE_BATCH} FROM slice_rows`);
        await onBatch(batch, runner);
        if (batch.length < SLICE_BATCH) break;
      }
      await runner.commitTransaction();
    } catch (e) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => {});
      throw e;
    } finally {
      await runner.release();
    }
  }

  /** Long format: one row per group × metric, ordered by a metric (nulls last) then by group. */
  async rows(actor: Actor, q: MetricsQuery, version?: DataVersionOf): Promise<MetricRow[]> {
    const groups = await this.groups(actor, q, version);
    if (q.orderBy && !q.metrics.includes(q.orderBy.metric)) throw new AppError('BAD_INPUT', `orderBy.metric 须为所查询的指标之一`);
    return longRows(groups, q.metrics, q.orderBy);
  }

  /** Every published report under a unit: one record per report, keyed by canonical key. */
  async publishedFigures(actor: Actor, underId: number, years: number[]): Promise<Record<string, unknown>[]> {
    requireReadPublished(actor, this.config.publicRead);
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
  async yoy(actor: Actor, q: { metric: string; from: number; to: number; under?: number | null; kinds?: string[] | null }, version?: DataVersionOf) {
    const groups = await this.unitGroups(actor, { metrics: [q.metric], under: q.under, kinds: q.kinds, years: [q.from, q.to] }, true, version);
    return yoyRows(groups, q.metric, q.from, q.to);
  }

  /** Units ranked by a metric in one year, with percentile and the peers' quartiles. */
  async ranking(
    actor: Actor,
    q: { metric: string; year: number; under?: number | null; kinds?: string[] | null; ascending?: boolean | null },
    version?: DataVersionOf,
  ) {
    const groups = await this.unitGroups(actor, { metrics: [q.metric], under: q.under, kinds: q.kinds, years: [q.year] }, false, version);
    return rank(
      groups.map((g) => {
        const metric = g.values.get(q.metric) as MetricValue;
        return { unitId: g.unitId as number, value: metric.value, metric };
      }),
      q.ascending === true,
    );
  }
}
