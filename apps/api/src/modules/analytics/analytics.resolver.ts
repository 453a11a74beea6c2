import { METRICS, METRICS_VERSION } from '@gongkai/report-template';
import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type ConnectionShape, toConnection } from '../../common/connection.js';
import type { GqlContext } from '../../common/context.js';
import { parseId } from '../../common/ids.js';
import { decodeCursor, pageSize } from '../../common/pagination.js';
import { toJurisdiction } from '../jurisdictions/dto/jurisdiction.mapper.js';
import { JurisdictionKindGql, JurisdictionType } from '../jurisdictions/dto/jurisdiction.types.js';
import type { Jurisdiction } from '../jurisdictions/jurisdiction.entity.js';
import { AnalyticsService } from './analytics.service.js';
import {
  DataQualityType,
  DirectionGql,
  GroupByGql,
  MetricDefinitionType,
  MetricOrderInput,
  MetricRowConnection,
  MetricRowType,
  MetricScopeInput,
  RankingType,
  YoyRowType,
} from './dto/analytics.types.js';
import { rankingRow } from './dto/ranking.mapper.js';
import type { MetricsQuery } from './metrics-sql.js';
import { PopulationService } from './population.service.js';
import { QualityService } from './quality.service.js';
import type { MetricRow } from './statistics.js';

export function toMetricsQuery(
  metrics: string[],
  scope: MetricScopeInput | null | undefined,
  years: number[] | null | undefined,
  groupBy: GroupByGql[] | null | undefined,
  orderBy?: MetricOrderInput | null,
  includeUnpublished?: boolean | null,
): MetricsQuery {
  return {
    metrics,
    under: scope?.under ? parseId(scope.under, 'scope.under') : null,
    units: scope?.units?.map((u) => parseId(u, 'scope.units')) ?? null,
    kinds: scope?.kinds ?? null,
    years: years ?? null,
    groupBy: groupBy ?? [],
    orderBy: orderBy ? { metric: orderBy.metric, direction: orderBy.direction } : null,
    includeUnpublished: includeUnpublished ?? false,
  };
}

@Resolver(() => MetricRowType)
export class AnalyticsResolver {
  constructor(
    private readonly analytics: AnalyticsService,
    private readonly qualityService: QualityService,
    private readonly population: PopulationService,
  ) {}

  @Query(() => DataQualityType, {
    description:
      'Data quality of a scope for a year: missing, late and returned reports (counties), open findings by rule, and anomalies (spikes, zeros among peers, continuity breaks, copied figures or text — 雷同).',
  })
  async dataQuality(
    @Args('under', { type: () => ID }) under: string,
    @Args('year', { type: () => Int }) year: number,
    @Context() ctx: GqlContext,
  ): Promise<DataQualityType> {
    const q = await this.qualityService.quality(await ctx.actor(), parseId(under, 'under'), year);
    const unit = async (id: number | null) => (id ? toJurisdiction((await ctx.loaders.unit.load(id)) as never) : null);
    const subs = q.submissions;
    return {
      submissions: subs
        ? {
            expected: subs.length,
            missing: subs.filter((s) => s.state === 'missing').length,
            late: subs.filter((s) => s.onTime === false).length,
            returned: subs.filter((s) => s.state === 'returned').length,
            missingUnits: subs.filter((s) => s.state === 'missing').map((s) => toJurisdiction(s.unit)),
            lateUnits: subs.filter((s) => s.onTime === false).map((s) => toJurisdiction(s.unit)),
            returnedUnits: subs.filter((s) => s.state === 'returned').map((s) => toJurisdiction(s.unit)),
          }
        : null,
      openFindings: q.openFindings,
      anomalies: await Promise.all(q.anomalies.map(async (a) => ({ ...a, unit: (await unit(a.unitId)) as never, otherUnit: await unit(a.otherUnitId) }))),
    };
  }

  @Query(() => [MetricDefinitionType], {
    description: `The metric dictionary (口径 version ${METRICS_VERSION}): every canonical key plus derived counts and rates.`,
  })
  metricDefinitions(): MetricDefinitionType[] {
    return [...METRICS.values()].map((m) => ({ key: m.key, zh: m.zh, en: m.en, kind: m.kind, formulaZh: m.formulaZh, formulaEn: m.formulaEn }));
  }

  @Mutation(() => Int, {
    description:
      'Load resident population (CSV unit,year,population; unit by code or name) for per-10,000 metrics. County admins, for their county; all rows or none.',
  })
  async importPopulation(@Args('csv') csv: string, @Context() ctx: GqlContext): Promise<number> {
    return this.population.importPopulation(await ctx.actor(), csv);
  }

  @Query(() => String, { description: 'The 口径 version of the metric dictionary' })
  metricsVersion(): string {
    return METRICS_VERSION;
  }

  @Query(() => MetricRowConnection, {
    description:
      'Any metrics over a scope and years, grouped by year / unit / parent / kind, in long format. Only published versions count unless an admin asks otherwise for their county.',
  })
  async metrics(
    @Args('metrics', { type: () => [String] }) metrics: string[],
    @Context() ctx: GqlContext,
    @Args('scope', { type: () => MetricScopeInput, nullable: true }) scope?: MetricScopeInput,
    @Args('years', { type: () => [Int], nullable: true }) years?: number[],
    @Args('groupBy', { type: () => [GroupByGql], nullable: true }) groupBy?: GroupByGql[],
    @Args('orderBy', { type: () => MetricOrderInput, nullable: true }) orderBy?: MetricOrderInput,
    @Args('includeUnpublished', { nullable: true }) includeUnpublished?: boolean,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { nullable: true }) after?: string,
  ): Promise<ConnectionShape<MetricRow>> {
    const size = pageSize(first, 100);
    const offset = decodeCursor(after);
    if (includeUnpublished) ctx.servedUnpublished = true;
    const rows = await this.analytics.rows(await ctx.actor(), toMetricsQuery(metrics, scope, years, groupBy, orderBy, includeUnpublished), ctx.dataVersion);
    // The rows as they are (no copy): `unit` and `parent` are resolved from their ids below.
    return toConnection({ items: rows.slice(offset, offset + size), offset, totalCount: rows.length }, (r) => r);
  }

  @ResolveField('unit', () => JurisdictionType, { nullable: true })
  async unit(@Parent() r: MetricRowType, @Context() ctx: GqlContext) {
    const u = r.unitId ? await ctx.loaders.unit.load(r.unitId) : null;
    return u ? toJurisdiction(u) : null;
  }

  @ResolveField('parent', () => JurisdictionType, { nullable: true })
  async parent(@Parent() r: MetricRowType, @Context() ctx: GqlContext) {
    const u = r.parentId ? await ctx.loaders.unit.load(r.parentId) : null;
    return u ? toJurisdiction(u) : null;
  }

  @Query(() => [YoyRowType], { description: 'Year over year per unit under a scope: a metric in two years, its change and relative change.' })
  async yoy(
    @Args('metric') metric: string,
    @Args('from', { type: () => Int }) from: number,
    @Args('to', { type: () => Int }) to: number,
    @Context() ctx: GqlContext,
    @Args('under', { type: () => ID, nullable: true }) under?: string,
    @Args('kinds', { type: () => [JurisdictionKindGql], nullable: true }) kinds?: JurisdictionKindGql[],
  ) {
    const rows = await this.analytics.yoy(await ctx.actor(), { metric, from, to, under: under ? parseId(under, 'under') : null, kinds }, ctx.dataVersion);
    // One lookup for all units, as for a ranking.
    const units = await ctx.loaders.units(rows.map((r) => r.unitId));
    return rows.map(
      (r, i): YoyRowType => ({
        unitId: r.unitId,
        from: r.from,
        to: r.to,
        change: r.change,
        relativeChange: r.relativeChange,
        unit: toJurisdiction(units[i] as Jurisdiction),
      }),
    );
  }

  @Query(() => RankingType, { description: 'Units under a scope ranked by a metric in a year, with percentiles and the peers’ quartiles.' })
  async ranking(
    @Args('metric') metric: string,
    @Args('year', { type: () => Int }) year: number,
    @Context() ctx: GqlContext,
    @Args('under', { type: () => ID, nullable: true }) under?: string,
    @Args('kinds', { type: () => [JurisdictionKindGql], nullable: true }) kinds?: JurisdictionKindGql[],
    @Args('direction', { type: () => DirectionGql, nullable: true }) direction?: DirectionGql,
  ): Promise<RankingType> {
    const r = await this.analytics.ranking(
      await ctx.actor(),
      {
        metric,
        year,
        under: under ? parseId(under, 'under') : null,
        kinds,
        ascending: direction === DirectionGql.ASC,
      },
      ctx.dataVersion,
    );
    // One lookup for all units (thousands in a province), not one promise per row.
    const units = await ctx.loaders.units(r.rows.map((x) => x.row.unitId));
    const rows = r.rows.map((x, i) => rankingRow(x.row.unitId, x.row.metric, x, toJurisdiction(units[i] as Jurisdiction)));
    return { metric, year, count: r.count, quartiles: r.quartiles, rows };
  }
}
