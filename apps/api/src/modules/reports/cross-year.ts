import { type CanonicalReport, CROSS_YEAR_RULES, type ParsedReport } from '@gongkai/report-template';
import { crossYearFindings, unreadCells } from '@gongkai/report-validation';
import type { EntityManager } from 'typeorm';
import type { Finding } from './finding.entity.js';
import { findingRow } from './version-rows.js';
import {
  crossYearFindingsOf,
  currentAndPublished,
  deleteCrossYearFindings,
  existingReports,
  insertFindings,
  publishedDataMany,
  type UnitYear,
} from './versions.repository.js';

type Findings = ParsedReport['findings'];

/**
 * Cross-year rules compare a report with the same body's PUBLISHED report of the year before,
 * never with a version still under review or one sent back: a reviewed number is the only one a
 * finding may quote.
 */
async function publishedData(m: EntityManager, unitId: number, year: number): Promise<CanonicalReport | null> {
  return (await publishedDataMany(m, [{ unitId, year }])).get(`${unitId}:${year}`) ?? null;
}

/** A report's own findings with its cross-year ones computed afresh against `previous` (none without it). */
function withCrossYear(report: CanonicalReport, findings: Findings, previous: CanonicalReport | null): Findings {
  const own = findings.filter((f) => !CROSS_YEAR_RULES.has(f.rule));
  return previous ? [...own, ...crossYearFindings(report, previous, unreadCells(report, findings))] : own;
}

export interface ToStore extends UnitYear {
  report: CanonicalReport;
  findings: Findings;
}

/**
 * The findings of versions about to be stored, with their cross-year ones: each against the
 * published previous year of its unit. A batch published at once is its own baseline (`publishing`:
 * the last version of each unit's year in it); otherwise the database's, read in the storing
 * transaction so that publications committed before it count. Single and bulk submissions both come here.
 */
export async function findingsToStore(m: EntityManager, versions: readonly ToStore[], publishing = false): Promise<Findings[]> {
  const key = (unitId: number, year: number) => `${unitId}:${year}`;
  const inBatch = new Map<string, CanonicalReport>();
  if (publishing) for (const v of versions) inBatch.set(key(v.unitId, v.year), v.report);
  const fromDb = await publishedDataMany(
    m,
    versions.filter((v) => !inBatch.has(key(v.unitId, v.year - 1))).map((v) => ({ unitId: v.unitId, year: v.year - 1 })),
  );
  return versions.map((v) => {
    const k = key(v.unitId, v.year - 1);
    return withCrossYear(v.report, v.findings, inBatch.get(k) ?? fromDb.get(k) ?? null);
  });
}

/** Stores findings; a reviewer's decision carries over to the same finding (same rule, cells and message). */
export async function saveFindings(m: EntityManager, versionId: number, findings: Findings, kept?: Map<string, Finding>) {
  await insertFindings(
    m,
    findings.map((f) => findingRow(versionId, f, kept?.get(findingKey(f)))),
  );
}

const findingKey = (f: { rule: string; cells: string[]; message: string }) => `${f.rule}|${f.cells.join(',')}|${f.message}`;

/**
 * The published report of `year - 1` changed (a publication): the cross-year findings of `year`'s
 * current and published versions are computed again against it. Returns the versions re-checked.
 */
export async function recheckCrossYear(m: EntityManager, unitId: number, year: number): Promise<number> {
  const versions = await currentAndPublished(m, unitId, year);
  if (versions.length === 0) return 0;
  const previous = await publishedData(m, unitId, year - 1);
  for (const v of versions) {
    const fresh = previous ? crossYearFindings(v.data, previous) : [];
    const old = await crossYearFindingsOf(m, v.id);
    await deleteCrossYearFindings(m, v.id);
    await saveFindings(m, v.id, fresh, new Map(old.map((f) => [findingKey(f), f])));
  }
  return versions.length;
}

/**
 * Newly published years are the baseline of the next years' cross-year rules: those already in
 * the database, and not published together with them, are re-checked.
 */
export async function recheckFollowingYears(m: EntityManager, published: readonly UnitYear[]): Promise<void> {
  const inBatch = new Set(published.map((p) => `${p.unitId}:${p.year}`));
  const next = await existingReports(
    m,
    published.map((p) => ({ unitId: p.unitId, year: p.year + 1 })),
  );
  for (const n of next) if (!inBatch.has(`${n.unitId}:${n.year}`)) await recheckCrossYear(m, n.unitId, n.year);
}
