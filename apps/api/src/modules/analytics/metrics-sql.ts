import { evaluateMetric, METRICS, type MetricDef, type MetricValue, POPULATION } from '@gongkai/report-template';
import { AppError } from '../../common/errors.js';
import { FIGURE_COLUMNS } from '../published/figure-columns.js';
import { ALL_SCOPE } from '../published/rollup.entity.js';

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

/** The scope's root unit, as far as the SQL needs it. */
export interface ScopeRoot {
  id: number;
  path: string;
  kind: string;
}

/** One statement for a metrics query, and how to read its rows back into groups. */
export interface MetricsSql {
  /** Whole counties, cities, provinces or the country read the rollups, anything else the reports. */
  source: 'rollups' | 'reports';
  sql: string;
  params: unknown[];
  defs: MetricDef[];
  /** Summed cells: row column `c<i>` is the sum of cells[i]. */
  cells: string[];
  /** Per-capita numerator cells, summed over units with a population: row column `pc<i>`. */
  perCapitaCells: string[];
  /** Grouped by unit, each row also carries the unit's columns as `u_<column>`. */
  withUnits: boolean;
  /** Whether any dimension groups the rows (else the answer is one group). */
  grouped: boolean;
}

const MAX_METRICS = 50;

/** The unit columns a row grouped by unit carries along (GROUP BY j.id allows it). */
export const UNIT_COLUMNS = ['name', 'code', 'kind', 'parentId', 'path', 'validFrom', 'validTo', 'predecessorId'] as const;

/** The definitions of the asked metrics, refusing an unknown key or too many. */
export function metricDefs(keys: string[]): MetricDef[] {
  if (keys.length === 0 || keys.length > MAX_METRICS) throw new AppError('BAD_INPUT', `metrics 应为 1–${MAX_METRICS} 个`);
  return keys.map((k) => {
    const def = METRICS.get(k);
    if (!def) throw new AppError('BAD_INPUT', `未知的指标“${k.slice(0, 80)}” (unknown metric; see docs/metrics.md)`);
    return def;
  });
}

/** The query's dimensions, each once, after checking them and the years. */
export function checkedGroupBy(q: MetricsQuery): GroupDimension[] {
  const groupBy = [...new Set(q.groupBy ?? [])];
  for (const g of groupBy) if (!GROUP_DIMENSIONS.includes(g)) throw new AppError('BAD_INPUT', `groupBy 只能是 ${GROUP_DIMENSIONS.join('、')}`);
  checkYears(q.years);
  return groupBy;
}

/** Refuses years outside 2008–2100 or more than 50 of them. */
export function checkYears(years: readonly number[] | null | undefined): void {
  if (years && (years.length > 50 || years.some((y) => !Number.isInteger(y) || y < 2008 || y > 2100)))
    throw new AppError('BAD_INPUT', 'years 应为 2008–2100 的年份，最多 50 个');
}

/** The rollup scope that answers this query exactly, or null when only the reports can. */
export function rollupScope(q: MetricsQuery, root: ScopeRoot | null, groupBy: readonly GroupDimension[], perCapita: boolean): number | null {
  if (q.includeUnpublished || q.units?.length || perCapita) return null;
  if (!groupBy.every((g) => g === 'year' || g === 'kind')) return null;
  if (!root) return ALL_SCOPE;
  // A reporting unit's own report is not in the rollups of its ancestors only: use the reports.
  return ['province', 'city', 'county'].includes(root.kind) ? root.id : null;
}

const DIMENSION_SQL: readonly [GroupDimension, string][] = [
  ['year', 'r.year'],
  ['unit', 'j.id'],
  ['parent', 'j."parentId"'],
  ['kind', 'j.kind'],
];
/** Grouped by unit without the units table, a report's own column names the unit. */
const UNIT_OF_REPORT = 'r."jurisdictionId"';

/**
 * The SQL for a checked query (see metricDefs and checkedGroupBy) under `root` (null: everything).
 * Pure: the same query always gives the same text, which the snapshots in `__sql__` pin down.
 * `unitColumns: false` leaves out the unit columns a unit-grouped statement otherwise brings along
 * (the caller resolves units from the cache, or by id); `pathOrder` orders the rows by unit path.
 */
export function metricsSql(
  q: MetricsQuery,
  defs: MetricDef[],
  groupBy: readonly GroupDimension[],
  root: ScopeRoot | null,
  { unitColumns = true, pathOrder = false } = {},
): MetricsSql {
  const cells = [...new Set(defs.flatMap((d) => [...d.numerator, ...(d.denominator ?? [])]))].filter((c) => c !== POPULATION);
  // Per-capita metrics count only units with a population for the year, numerator and denominator alike.
  const perCapita = defs.filter((d) => d.kind === 'perTenThousand');
  const perCapitaCells = [...new Set(perCapita.flatMap((d) => d.numerator))];
  let chosen = DIMENSION_SQL.filter(([d]) => groupBy.includes(d));
  const scope = rollupScope(q, root, groupBy, perCapita.length > 0);
  if (scope !== null) {
    // Whole counties, cities, provinces or the country: read the rollups, not every report.
    const params: unknown[] = [scope];
    const where = ['"scopeId" = $1'];
    if (q.years?.length) where.push(`year = ANY($${params.push(q.years)}::int[])`);
    if (q.kinds?.length) where.push(`kind = ANY($${params.push(q.kinds)}::text[])`);
    const dims = chosen.map(([d]) => (d === 'year' ? 'year' : 'kind'));
    const select = [
      ...dims.map((d) => `${d} AS "${d}"`),
      'sum(reports)::int AS "reports"',
      ...cells.map((c, i) => `sum("${FIGURE_COLUMNS[c]}")::float8 AS "c${i}"`),
    ];
    const sql = [
      `SELECT ${select.join(',\n  ')}`,
      'FROM figures_rollup',
      `WHERE ${where.join(' AND ')}`,
      ...(dims.length ? [`GROUP BY ${dims.join(', ')}`] : []),
      'HAVING sum(reports) > 0',
    ].join('\n');
    return { source: 'rollups', sql, params, defs, cells, perCapitaCells: [], withUnits: false, grouped: chosen.length > 0 };
  }

  const params: unknown[] = [];
  const p = (v: unknown) => `$${params.push(v)}`;
  const where: string[] = [];
  if (root) {
    // The scope's units first, then their reports through report_unit_year: joined to the units
    // instead, PostgreSQL hashed every report of the years (all 6,900 of a year at scale 0.2 for a
    // province's 250 units, ~2× the time; ~39,000 at the full country).
    const subtree = `(path = ${p(root.path)} OR path LIKE ${p(`${root.path}.%`)})`;
    const kinds = q.kinds?.length ? ` AND kind = ANY(${p(q.kinds)}::text[])` : '';
    where.push(`r."jurisdictionId" = ANY(ARRAY(SELECT id FROM jurisdiction WHERE ${subtree}${kinds}))`);
  } else if (q.kinds?.length) where.push(`j.kind = ANY(${p(q.kinds)}::text[])`);
  if (q.units?.length) where.push(`${UNIT_OF_REPORT} = ANY(${p(q.units)}::int[])`);
  if (q.years?.length) where.push(`r.year = ANY(${p(q.years)}::int[])`);
  const versionColumn = q.includeUnpublished ? '"currentVersionId"' : '"publishedVersionId"';
  // Grouped by unit, the units come along: the resolvers' unit lookups are then answered from
  // the cache, not by another query.
  const withUnits = unitColumns && groupBy.includes('unit');
  // The units table only when something reads it: a province's ranking without it skips ~1,400
  // primary-key lookups (~1.5 ms at the full country).
  const joinUnits = withUnits || pathOrder || groupBy.includes('parent') || groupBy.includes('kind') || (!root && Boolean(q.kinds?.length));
  if (!joinUnits) chosen = chosen.map(([d, e]) => [d, d === 'unit' ? UNIT_OF_REPORT : e]);
  const select = [
    ...chosen.map(([d, expr]) => `${expr} AS "${d}"`),
    ...(withUnits ? UNIT_COLUMNS.map((c) => `j."${c}" AS "u_${c}"`) : []),
    'count(*)::int AS "reports"',
    ...cells.map((c, i) => `coalesce(sum(f."${FIGURE_COLUMNS[c]}"), 0)::float8 AS "c${i}"`),
    ...(perCapita.length
      ? [
          'coalesce(sum(pop.population), 0)::float8 AS "population"',
          ...perCapitaCells.map((c, i) => `coalesce(sum(f."${FIGURE_COLUMNS[c]}") FILTER (WHERE pop.population IS NOT NULL), 0)::float8 AS "pc${i}"`),
        ]
      : []),
  ];
  const sql = [
    `SELECT ${select.join(',\n  ')}`,
    'FROM report r',
    `JOIN report_figures f ON f."versionId" = r.${versionColumn}`,
    ...(joinUnits ? ['JOIN jurisdiction j ON j.id = r."jurisdictionId"'] : []),
    ...(perCapita.length ? [`LEFT JOIN unit_population pop ON pop."jurisdictionId" = ${UNIT_OF_REPORT} AND pop.year = r.year`] : []),
    ...(where.length ? [`WHERE ${where.join(' AND ')}`] : []),
    ...(chosen.length ? [`GROUP BY ${chosen.map(([, e]) => e).join(', ')}`] : []),
    // Byte order, as the slices' binary search compares paths.
    ...(pathOrder ? [`ORDER BY j.path COLLATE "C"${groupBy.includes('year') ? ', r.year' : ''}`] : []),
  ].join('\n');
  return { source: 'reports', sql, params, defs, cells, perCapitaCells, withUnits, grouped: chosen.length > 0 };
}

/**
 * A country-wide slice's statement (unit-slices.ts): the published sums of `defs` by unit and year
 * in `years`, in path order, and no unit
 * columns: the slice takes each unit's path and kind from the unit cache. With the 8 unit columns,
 * reading a slice of the full country's ~39,000 units took the process ~2–3× the CPU.
 */
export function sliceSql(defs: MetricDef[], years: number[]): MetricsSql {
  return metricsSql({ metrics: defs.map((d) => d.key), years, groupBy: ['unit', 'year'] }, defs, ['unit', 'year'], null, {
    unitColumns: false,
    pathOrder: true,
  });
}

/** Whether the rollups answer this question for the whole of its scope, by year or not at all: a scope slice can. */
export function scopeSliceable(built: MetricsSql, q: MetricsQuery, groupBy: readonly GroupDimension[]): boolean {
  return built.source === 'rollups' && !q.includeUnpublished && !q.kinds?.length && groupBy.every((g) => g === 'year');
}

/**
 * A scope slice's statement (scope-slices.ts): the rollups of `cells` for every scope and year
 * (`years` null: every year), summed over the kinds of unit, in scope and year order.
 */
export function scopeSliceSql(cells: readonly string[], years: readonly number[] | null): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const select = [
    '"scopeId" AS "scope"',
    'year AS "year"',
    'sum(reports)::int AS "reports"',
    ...cells.map((c, i) => `sum("${FIGURE_COLUMNS[c]}")::float8 AS "c${i}"`),
  ];
  const sql = [
    `SELECT ${select.join(',\n  ')}`,
    'FROM figures_rollup',
    ...(years?.length ? [`WHERE year = ANY($${params.push(years)}::int[])`] : []),
    'GROUP BY "scopeId", year',
    'HAVING sum(reports) > 0',
    'ORDER BY "scopeId", year',
  ].join('\n');
  return { sql, params };
}

/** The groups from the statement's rows, every asked metric evaluated from the group's sums. */
export function toGroups(built: MetricsSql, rows: Record<string, unknown>[]): Group[] {
  // The rollups have no row for a scope with nothing published: an ungrouped answer is still one group.
  const all = built.source === 'rollups' && !built.grouped && rows.length === 0 ? [{ reports: 0 }] : rows;
  const index = new Map(built.cells.map((c, i) => [c, `c${i}`]));
  const pcIndex = new Map(built.perCapitaCells.map((c, i) => [c, `pc${i}`]));
  // One pair of readers over the row being evaluated, not two closures per row: a province's
  // ranking evaluates thousands of rows (evaluateMetric reads them at once and keeps nothing).
  let row: Record<string, unknown> = {};
  const sums = (k: string) => Number(row[index.get(k) as string] ?? 0);
  const popSums = (k: string) => Number((k === POPULATION ? row.population : row[pcIndex.get(k) as string]) ?? 0);
  return all.map((r: Record<string, unknown>) => {
    row = r;
    const values = new Map<string, MetricValue>();
    for (const d of built.defs) values.set(d.key, evaluateMetric(d, d.kind === 'perTenThousand' ? popSums : sums));
    return {
      year: r.year === undefined ? null : Number(r.year),
      unitId: r.unit === undefined ? null : Number(r.unit),
      parentId: r.parent === undefined || r.parent === null ? null : Number(r.parent),
      kind: (r.kind as string | undefined) ?? null,
      reports: Number(r.reports),
      values,
    };
  });
}
