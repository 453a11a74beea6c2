import { METRICS } from '@gongkai/report-template';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../common/errors.js';
import {
  checkedGroupBy,
  type MetricsQuery,
  type MetricsSql,
  metricDefs,
  metricsSql,
  rollupScope,
  type ScopeRoot,
  scopeSliceable,
  scopeSliceSql,
  sliceSql,
  toGroups,
} from './metrics-sql.js';

const PROVINCE: ScopeRoot = { id: 6, path: '6', kind: 'province' };
const COUNTY: ScopeRoot = { id: 40, path: '6.12.40', kind: 'county' };
const TOWN: ScopeRoot = { id: 900, path: '6.12.40.900', kind: 'town' };

const build = (q: MetricsQuery, root: ScopeRoot | null): MetricsSql => metricsSql(q, metricDefs(q.metrics), checkedGroupBy(q), root);

/**
 * The statement for representative questions, committed under `__sql__/` (as immich keeps its
 * queries): a change to the generated SQL shows in review. `vitest run -u` rewrites the files.
 */
const SNAPSHOTS: [string, MetricsQuery, ScopeRoot | null][] = [
  ['country-trend', { metrics: ['applications.received', 'rate.disclosure'], years: [2024, 2025], groupBy: ['year'] }, null],
  ['county-trend-by-kind', { metrics: ['applications.handled'], kinds: ['town', 'township'], groupBy: ['year', 'kind'] }, COUNTY],
  ['province-ranking', { metrics: ['rate.disclosure'], kinds: ['town', 'township', 'street'], years: [2024], groupBy: ['unit'] }, PROVINCE],
  ['county-yoy', { metrics: ['applications.received'], years: [2024, 2025], groupBy: ['unit', 'year'] }, COUNTY],
  ['township-own-report', { metrics: ['applications.received'], groupBy: ['year'] }, TOWN],
  ['per-capita-by-parent', { metrics: ['perCapita.applications', 'applications.received'], years: [2023], groupBy: ['parent'] }, COUNTY],
  ['units-unpublished', { metrics: ['rate.refusal'], units: [901, 902], includeUnpublished: true, groupBy: ['unit'] }, COUNTY],
];

describe('metrics SQL', () => {
  it.each(SNAPSHOTS)('%s matches its committed SQL', async (name, q, root) => {
    const built = build(q, root);
    const text = `-- ${name}: ${JSON.stringify(q)} under ${root ? `${root.kind} ${root.path}` : 'everything'}\n-- source: ${built.source}; params: ${JSON.stringify(built.params)}\n${built.sql}\n`;
    await expect(text).toMatchFileSnapshot(`./__sql__/${name}.sql`);
  });

  it('leaves the units table out when nothing reads it, as a ranking read without unit columns does', async () => {
    const q: MetricsQuery = { metrics: ['rate.disclosure'], kinds: ['town', 'township', 'street'], years: [2024], groupBy: ['unit'] };
    const built = metricsSql(q, metricDefs(q.metrics), checkedGroupBy(q), PROVINCE, { unitColumns: false });
    expect(built.withUnits).toBe(false);
    expect(built.sql).not.toContain('JOIN jurisdiction');
    const text = `-- province-ranking-scoped: ${JSON.stringify(q)} under province 6, without unit columns (a ranking before its slice is read)\n-- params: ${JSON.stringify(built.params)}\n${built.sql}\n`;
    await expect(text).toMatchFileSnapshot('./__sql__/province-ranking-scoped.sql');
    // Anything that reads the units still joins them: a parent, a kind, or a kind filter without a scope.
    for (const g of [['parent'], ['kind']] as const)
      expect(build({ metrics: ['applications.received'], groupBy: [...g] }, TOWN).sql).toContain('JOIN jurisdiction j');
    expect(build({ metrics: ['applications.received'], kinds: ['town'], units: [1], groupBy: ['year'] }, null).sql).toContain('JOIN jurisdiction j');
  });

  it('reads a country-wide slice by unit and year in path order, without the unit columns (unit-slices.ts)', async () => {
    const built = sliceSql(metricDefs(['rate.disclosure', 'perCapita.applications']), [2024, 2025]);
    expect(built.withUnits).toBe(false);
    expect(built.sql).not.toContain('u_path');
    const text = `-- country-slice: rate.disclosure and perCapita.applications in 2024 and 2025\n-- params: ${JSON.stringify(built.params)}\n${built.sql}\n`;
    await expect(text).toMatchFileSnapshot('./__sql__/country-slice.sql');
  });

  it("reads every scope's rollups for a scope slice, and says which questions one answers", async () => {
    const { sql, params } = scopeSliceSql(['applications.newReceived.total', 'applications.granted.total'], [2024, 2025]);
    expect(params).toEqual([[2024, 2025]]);
    await expect(`-- scope-slice: two cells in 2024 and 2025\n-- params: ${JSON.stringify(params)}\n${sql}\n`).toMatchFileSnapshot('./__sql__/scope-slice.sql');
    expect(scopeSliceSql(['applications.granted.total'], null).sql).not.toContain('WHERE');
    const sliceable = (q: MetricsQuery, root: ScopeRoot | null) => scopeSliceable(build(q, root), q, checkedGroupBy(q));
    const m = ['applications.received', 'rate.disclosure'];
    expect(sliceable({ metrics: m, groupBy: ['year'] }, COUNTY)).toBe(true);
    expect(sliceable({ metrics: m, years: [2024] }, null)).toBe(true);
    expect(sliceable({ metrics: m, groupBy: ['year'], kinds: ['town'] }, COUNTY)).toBe(false);
    expect(sliceable({ metrics: m, groupBy: ['kind'] }, COUNTY)).toBe(false);
    expect(sliceable({ metrics: m, groupBy: ['year'] }, TOWN)).toBe(false); // the reports, not the rollups
    expect(sliceable({ metrics: m, groupBy: ['year'], includeUnpublished: true }, COUNTY)).toBe(false);
  });

  it('reads the rollups only for whole counties, cities, provinces or the country, without units, per-capita or unit grouping', () => {
    const q = { metrics: ['applications.received'] };
    expect(rollupScope(q, null, [], false)).toBe(0);
    expect(rollupScope(q, PROVINCE, ['year', 'kind'], false)).toBe(6);
    expect(rollupScope(q, COUNTY, [], false)).toBe(40);
    expect(rollupScope(q, TOWN, [], false)).toBeNull();
    expect(rollupScope(q, COUNTY, ['unit'], false)).toBeNull();
    expect(rollupScope(q, COUNTY, ['parent'], false)).toBeNull();
    expect(rollupScope(q, COUNTY, [], true)).toBeNull();
    expect(rollupScope({ ...q, units: [1] }, COUNTY, [], false)).toBeNull();
    expect(rollupScope({ ...q, includeUnpublished: true }, COUNTY, [], false)).toBeNull();
  });

  it('numbers the parameters in the order the SQL names them', () => {
    const built = build({ metrics: ['applications.received'], units: [1, 2], kinds: ['town'], years: [2024], groupBy: ['unit'] }, COUNTY);
    expect(built.params).toEqual(['6.12.40', '6.12.40.%', ['town'], [1, 2], [2024]]);
    // The scope's units by path and kind, then their reports through report_unit_year.
    expect(built.sql).toContain('r."jurisdictionId" = ANY(ARRAY(SELECT id FROM jurisdiction WHERE (path = $1 OR path LIKE $2) AND kind = ANY($3::text[])))');
    expect(built.sql).toContain('r."jurisdictionId" = ANY($4::int[])');
    expect(built.sql).toContain('r.year = ANY($5::int[])');
    // Without a scope, kinds filter the joined units.
    const everywhere = build({ metrics: ['applications.received'], kinds: ['town'], years: [2024], groupBy: ['unit'] }, null);
    expect(everywhere.params).toEqual([['town'], [2024]]);
    expect(everywhere.sql).toContain('j.kind = ANY($1::text[])');
    expect(everywhere.sql).not.toContain('ARRAY(SELECT');
    expect(built.sql).toContain('"publishedVersionId"');
    expect(build({ metrics: ['applications.received'], includeUnpublished: true }, COUNTY).sql).toContain('"currentVersionId"');
  });

  it('refuses unknown metrics, too many metrics, unknown dimensions and bad years with BAD_INPUT', () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof AppError ? e.code : 'not an AppError';
      }
      return 'no error';
    };
    expect(code(() => metricDefs(['applications.nope']))).toBe('BAD_INPUT');
    expect(code(() => metricDefs([]))).toBe('BAD_INPUT');
    expect(code(() => metricDefs(Array(51).fill('applications.received')))).toBe('BAD_INPUT');
    expect(code(() => checkedGroupBy({ metrics: [], groupBy: ['month' as never] }))).toBe('BAD_INPUT');
    expect(code(() => checkedGroupBy({ metrics: [], years: [2007] }))).toBe('BAD_INPUT');
    expect(code(() => checkedGroupBy({ metrics: [], years: [2024.5] }))).toBe('BAD_INPUT');
    expect(checkedGroupBy({ metrics: [], groupBy: ['year', 'unit', 'year'] })).toEqual(['year', 'unit']);
  });

  it('evaluates each metric from the summed columns of a row', () => {
    const built = build({ metrics: ['applications.received', 'rate.disclosure'], groupBy: ['year'] }, null);
    const disclosure = METRICS.get('rate.disclosure');
    const row: Record<string, unknown> = { year: 2024, reports: 3 };
    built.cells.forEach((c, i) => {
      row[`c${i}`] = disclosure?.numerator.includes(c) ? 2 : 1;
    });
    const [g] = toGroups(built, [row]);
    expect(g).toMatchObject({ year: 2024, unitId: null, parentId: null, kind: null, reports: 3 });
    const rate = g?.values.get('rate.disclosure');
    expect(rate?.numerator).toBe(2 * (disclosure?.numerator.length ?? 0));
    expect(rate?.value).toBeCloseTo((rate?.numerator ?? 0) / (rate?.denominator ?? 1));
  });

  it('answers an ungrouped rollup question with one empty group when nothing is published, but a grouped one with none', () => {
    const ungrouped = build({ metrics: ['applications.received'] }, COUNTY);
    expect(toGroups(ungrouped, [])).toHaveLength(1);
    expect(toGroups(ungrouped, [])[0]?.reports).toBe(0);
    expect(toGroups(build({ metrics: ['applications.received'], groupBy: ['year'] }, COUNTY), [])).toEqual([]);
    expect(toGroups(build({ metrics: ['applications.received'] }, TOWN), [])).toEqual([]);
  });
});
