import { cellLabel } from '@gongkai/report-template';
import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GqlContext } from '../../common/context.js';
import { parseId } from '../../common/ids.js';
import { toJurisdiction } from '../jurisdictions/dto/jurisdiction.mapper.js';
import type { Jurisdiction } from '../jurisdictions/jurisdiction.entity.js';
import { RollupCellType, RollupChangesType, RollupCheckType, RollupFrozenType, RollupReportType, RollupUnitType, RollupYoyType } from './dto/rollup.types.js';
import { type CompiledRollup, type RollupChanges, RollupService, type RollupUnit } from './rollup.service.js';
import type { RollupSnapshot } from './rollup-snapshot.entity.js';

const reportUrl = (unitId: number, year: number) => `/report?unit=${unitId}&year=${year}`;
const query = (r: { scope: { id: number }; year: number; includeOwnOffice: boolean }) =>
  `scope=${r.scope.id}&year=${r.year}&includeOwnOffice=${r.includeOwnOffice}`;

export const frozenUrl = (id: number) => `/api/rollup/frozen/${id}.docx`;

export function toFrozen(s: RollupSnapshot): RollupFrozenType {
  return {
    id: String(s.id),
    year: s.year,
    includeOwnOffice: s.includeOwnOffice,
    dataVersion: s.dataVersion,
    frozenAt: s.createdAt,
    frozenBy: s.frozenBy,
    note: s.note,
    docxUrl: frozenUrl(s.id),
  };
}

function toUnit(u: RollupUnit, year: number): RollupUnitType {
  return {
    unit: toJurisdiction(u.unit),
    state: u.state,
    templateVersion: u.templateVersion,
    versionId: u.versionId === null ? null : String(u.versionId),
    deadline: u.deadline,
    reportUrl: u.reportId === null ? null : reportUrl(u.unit.id, year),
  };
}

function toChanges(c: RollupChanges): RollupChangesType {
  const js = (l: Jurisdiction[]) => l.map(toJurisdiction);
  return { ...c, unitsAdded: js(c.unitsAdded), unitsRemoved: js(c.unitsRemoved), unitsRepublished: js(c.unitsRepublished) };
}

type Parent_ = RollupReportType & { compiled: CompiledRollup };

@Resolver(() => RollupReportType)
export class RollupResolver {
  constructor(private readonly rollups: RollupService) {}

  @Query(() => RollupReportType, {
    description:
      'The scope’s own annual report compiled from its units’ published reports (tables 二, 三, 四 of the 2021 template): every cell the sum of the included units’ figures.',
  })
  async rollupReport(
    @Args('scope', { type: () => ID, description: 'A county, city or province' }) scope: string,
    @Args('year', { type: () => Int }) year: number,
    @Args('includeOwnOffice', { type: () => Boolean, nullable: true, description: 'Include the scope’s own government office (default true)' })
    includeOwnOffice: boolean | null,
    @Context() ctx: GqlContext,
  ): Promise<Parent_> {
    const r = await this.rollups.compile(await ctx.actor(), parseId(scope, 'scope'), year, includeOwnOffice ?? true);
    return {
      compiled: r,
      scope: toJurisdiction(r.scope),
      year: r.year,
      includeOwnOffice: r.includeOwnOffice,
      ownOffice: r.ownOffice ? toJurisdiction(r.ownOffice) : null,
      dataVersion: r.dataVersion,
      metricsVersion: r.metricsVersion,
      data: r.data,
      included: r.included.map((u) => toUnit(u, r.year)),
      missing: r.missing.map((u) => toUnit(u, r.year)),
      yoy: r.yoy.map(
        (y): RollupYoyType => ({
          metric: y.metric,
          label: y.zh,
          labelEn: y.en,
          value: y.value,
          previous: y.previous,
          change: y.change,
          relativeChange: y.relativeChange,
        }),
      ),
      checks: r.checks.map(
        (c): RollupCheckType => ({
          rule: c.rule,
          severity: c.severity,
          message: c.message,
          cells: c.cells,
          expected: c.expected ?? null,
          found: c.found ?? null,
          units: c.units.map((u) => ({
            unit: toJurisdiction(u.unit),
            message: u.message,
            versionId: u.versionId === null ? null : String(u.versionId),
            reportUrl: reportUrl(u.unit.id, u.year ?? r.year),
          })),
        }),
      ),
      prose: r.prose,
      docxUrl: `/api/rollup.docx?${query(r)}`,
      csvUrl: `/api/rollup.csv?${query(r)}`,
    };
  }

  @ResolveField(() => RollupCellType, { description: 'One cell (canonical key) and each included unit’s contribution to it' })
  async contributions(@Parent() p: Parent_, @Args('key') key: string): Promise<RollupCellType> {
    const list = await this.rollups.contributions(p.compiled, key);
    return {
      key,
      label: cellLabel(key),
      value: p.compiled.totals.get(key) ?? 0,
      contributions: list.map((c) => ({
        unit: toJurisdiction(c.unit),
        value: c.value,
        versionId: String(c.versionId),
        reportUrl: reportUrl(c.unit.id, p.year),
      })),
    };
  }

  @ResolveField(() => RollupChangesType, {
    description: 'What changed since the roll-up was compiled at an earlier data version (pass `since`) or since a frozen copy (pass `frozenId`)',
  })
  async changes(
    @Parent() p: Parent_,
    @Args('since', { type: () => String, nullable: true }) since: string | null,
    @Args('frozenId', { type: () => ID, nullable: true }) frozenId: string | null,
  ): Promise<RollupChangesType> {
    const c = await this.rollups.changes(p.compiled, frozenId ? { frozenId: parseId(frozenId, 'frozenId') } : { dataVersion: since ?? '' });
    return toChanges(c);
  }

  @ResolveField(() => [RollupFrozenType], { description: 'Frozen copies of this scope’s roll-up for the year, newest first' })
  async frozen(@Parent() p: Parent_): Promise<RollupFrozenType[]> {
    return (await this.rollups.frozen(p.compiled.scope.id, p.year)).map(toFrozen);
  }

  @Mutation(() => RollupFrozenType, {
    description:
      'Admin: freeze the roll-up as published by the office: its data version, totals, units and .docx are kept (audited as rollup.freeze). Pass the dataVersion you reviewed; a newer one is a CONFLICT.',
  })
  async freezeRollup(
    @Args('scope', { type: () => ID }) scope: string,
    @Args('year', { type: () => Int }) year: number,
    @Args('includeOwnOffice', { type: () => Boolean, nullable: true }) includeOwnOffice: boolean | null,
    @Args('dataVersion', { type: () => String, nullable: true }) dataVersion: string | null,
    @Args('note', { type: () => String, nullable: true }) note: string | null,
    @Context() ctx: GqlContext,
  ): Promise<RollupFrozenType> {
    const s = await this.rollups.freeze(await ctx.actor(), parseId(scope, 'scope'), year, includeOwnOffice ?? true, dataVersion, note);
    return toFrozen(s);
  }
}
