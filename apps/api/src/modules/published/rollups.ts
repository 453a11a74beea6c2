import type { EntityManager } from 'typeorm';
import { bumpDataVersion } from './data-version.js';
import { FIGURE_COLUMNS, FIGURE_PATHS } from './figure-columns.js';
import { ALL_SCOPE } from './rollup.entity.js';

const COLS = FIGURE_PATHS.map((p) => `"${FIGURE_COLUMNS[p]}"`);

/** The scopes a unit's numbers add up into: every ancestor in its path, and the whole country. */
export function ancestorsOf(path: string): number[] {
  const ids = path.split('.').map(Number);
  return [ALL_SCOPE, ...ids.slice(0, -1)];
}

/**
 * Adds (sign 1) or removes (sign −1) one version's figures in every rollup its unit belongs to.
 * Runs inside the publishing transaction, so aggregates change at once and entirely.
 */
export async function applyToRollups(m: EntityManager, versionId: number, unit: { path: string; kind: string }, year: number, sign: 1 | -1): Promise<void> {
  await bumpDataVersion(m);
  await m.query(
    `INSERT INTO figures_rollup ("scopeId", year, kind, reports, ${COLS.join(', ')})
     SELECT a, $2, $3, $4, ${COLS.map((c) => `$4 * coalesce(f.${c}, 0)`).join(', ')}
     FROM report_figures f, unnest($5::int[]) AS a
     WHERE f."versionId" = $1
     ON CONFLICT ("scopeId", year, kind) DO UPDATE SET reports = figures_rollup.reports + EXCLUDED.reports,
       ${COLS.map((c) => `${c} = figures_rollup.${c} + EXCLUDED.${c}`).join(', ')}`,
    [versionId, year, unit.kind, sign, ancestorsOf(unit.path)],
  );
}

/** Rebuilds every rollup from the published figures (after a bulk load, or to repair). */
export async function rebuildRollups(m: EntityManager): Promise<void> {
  await bumpDataVersion(m);
  await m.query('DELETE FROM figures_rollup');
  await m.query(
    `INSERT INTO figures_rollup ("scopeId", year, kind, reports, ${COLS.join(', ')})
     SELECT a.id, r.year, j.kind, count(*), ${COLS.map((c) => `coalesce(sum(f.${c}), 0)`).join(', ')}
     FROM report r JOIN report_figures f ON f."versionId" = r."publishedVersionId" JOIN jurisdiction j ON j.id = r."jurisdictionId"
     CROSS JOIN LATERAL (SELECT ${ALL_SCOPE} AS id UNION ALL SELECT x::int FROM unnest((string_to_array(j.path, '.'))[1:array_length(string_to_array(j.path, '.'), 1) - 1]) AS x) a
     GROUP BY a.id, r.year, j.kind`,
  );
}

/** Adds and removes many versions' figures at once (bulk loads): one statement per batch. */
export async function applyManyToRollups(m: EntityManager, changes: { versionId: number; sign: 1 | -1 }[]): Promise<void> {
  if (changes.length === 0) return;
  await bumpDataVersion(m);
  await m.query(
    `INSERT INTO figures_rollup ("scopeId", year, kind, reports, ${COLS.join(', ')})
     SELECT a.id, f.year, j.kind, sum(c.sign)::int, ${COLS.map((col) => `sum(c.sign * coalesce(f.${col}, 0))`).join(', ')}
     FROM unnest($1::int[], $2::int[]) AS c("versionId", sign)
     JOIN report_figures f ON f."versionId" = c."versionId" JOIN jurisdiction j ON j.id = f."jurisdictionId"
     CROSS JOIN LATERAL (SELECT ${ALL_SCOPE} AS id UNION ALL SELECT x::int FROM unnest((string_to_array(j.path, '.'))[1:array_length(string_to_array(j.path, '.'), 1) - 1]) AS x) a
     GROUP BY a.id, f.year, j.kind
     ON CONFLICT ("scopeId", year, kind) DO UPDATE SET reports = figures_rollup.reports + EXCLUDED.reports,
       ${COLS.map((c) => `${c} = figures_rollup.${c} + EXCLUDED.${c}`).join(', ')}`,
    [changes.map((c) => c.versionId), changes.map((c) => c.sign)],
  );
}

/**
 * Adds newly published versions whose figures are at hand (bulk loads): the sums per scope, year
 * and kind are made here, so the database only upserts a few hundred rows instead of re-reading
 * and aggregating thousands. `values` follow FIGURE_PATHS.
 */
export async function addToRollups(m: EntityManager, added: { path: string; kind: string; year: number; values: readonly (number | null)[] }[]): Promise<void> {
  if (added.length === 0) return;
  const sums = new Map<string, { scopeId: number; year: number; kind: string; reports: number; values: number[] }>();
  for (const a of added) {
    for (const scopeId of ancestorsOf(a.path)) {
      const key = `${scopeId}:${a.year}:${a.kind}`;
      let s = sums.get(key);
      if (!s) sums.set(key, (s = { scopeId, year: a.year, kind: a.kind, reports: 0, values: new Array(FIGURE_PATHS.length).fill(0) }));
      s.reports += 1;
      for (let i = 0; i < a.values.length; i++) s.values[i] = (s.values[i] as number) + (a.values[i] ?? 0);
    }
  }
  await bumpDataVersion(m);
  // Rows in key order: concurrent loads then lock rollup rows in the same order.
  const rows = [...sums.values()].sort((a, b) => a.scopeId - b.scopeId || a.year - b.year || a.kind.localeCompare(b.kind));
  await m.query(
    `INSERT INTO figures_rollup ("scopeId", year, kind, reports, ${COLS.join(', ')})
     SELECT "scopeId", year, kind, reports, ${COLS.join(', ')} FROM json_populate_recordset(NULL::figures_rollup, $1::json)
     ON CONFLICT ("scopeId", year, kind) DO UPDATE SET reports = figures_rollup.reports + EXCLUDED.reports,
       ${COLS.map((c) => `${c} = figures_rollup.${c} + EXCLUDED.${c}`).join(', ')}`,
    [
      JSON.stringify(
        rows.map((r) => {
          const o: Record<string, number | string> = { scopeId: r.scopeId, year: r.year, kind: r.kind, reports: r.reports };
          FIGURE_PATHS.forEach((p, i) => {
            o[FIGURE_COLUMNS[p] as string] = r.values[i] as number;
          });
          return o;
        }),
      ),
    ],
  );
}
