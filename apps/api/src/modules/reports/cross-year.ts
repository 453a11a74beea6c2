import { type CanonicalReport, CROSS_YEAR_RULES, type ParsedReport } from '@gongkai/report-template';
import { crossYearFindings } from '@gongkai/report-validation';
import type { EntityManager } from 'typeorm';
import { Finding } from './finding.entity.js';

type Findings = ParsedReport['findings'];

/**
 * Cross-year rules compare a report with the same body's PUBLISHED report of the year before,
 * never with a version still under review or one sent back: a reviewed number is the only one a
 * finding may quote.
 */
export async function publishedData(m: EntityManager, unitId: number, year: number): Promise<CanonicalReport | null> {
  const rows: { data: CanonicalReport }[] = await m.query(
    `SELECT v.data FROM report r JOIN report_version v ON v.id = r."publishedVersionId" WHERE r."jurisdictionId" = $1 AND r.year = $2`,
    [unitId, year],
  );
  return rows[0]?.data ?? null;
}

/** The published data of many (unit, year) pairs at once, keyed `unit:year`. */
export async function publishedDataMany(m: EntityManager, pairs: { unitId: number; year: number }[]): Promise<Map<string, CanonicalReport>> {
  if (pairs.length === 0) return new Map();
  const rows: { unit: number; year: number; data: CanonicalReport }[] = await m.query(
    `SELECT r."jurisdictionId" AS unit, r.year, v.data FROM report r JOIN report_version v ON v.id = r."publishedVersionId"
     WHERE (r."jurisdictionId", r.year) IN (SELECT * FROM unnest($1::int[], $2::int[]))`,
    [pairs.map((p) => p.unitId), pairs.map((p) => p.year)],
  );
  return new Map(rows.map((r) => [`${r.unit}:${r.year}`, r.data]));
}

/** A report's own findings with its cross-year ones computed afresh against `previous` (none without it). */
export function withCrossYear(report: CanonicalReport, findings: Findings, previous: CanonicalReport | null): Findings {
  const own = findings.filter((f) => !CROSS_YEAR_RULES.has(f.rule));
  return previous ? [...own, ...crossYearFindings(report, previous)] : own;
}

/** A finding as stored, open until a reviewer decides it. */
export function findingRow(versionId: number, f: Findings[number]) {
  return {
    versionId,
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    cells: f.cells,
    expected: f.expected ?? null,
    found: f.found ?? null,
    crossYear: CROSS_YEAR_RULES.has(f.rule),
    decision: 'open' as const,
  };
}

/** Stores findings; a reviewer's decision carries over to the same finding (same rule, cells and message). */
export async function saveFindings(m: EntityManager, versionId: number, findings: Findings, kept?: Map<string, Finding>) {
  if (findings.length === 0) return;
  await m.getRepository(Finding).insert(
    findings.map((f) => {
      const prior = kept?.get(findingKey(f));
      return {
        ...findingRow(versionId, f),
        decision: prior?.decision ?? 'open',
        decisionReason: prior?.decisionReason ?? null,
        decidedBy: prior?.decidedBy ?? null,
        decidedAt: prior?.decidedAt ?? null,
      };
    }),
  );
}

const findingKey = (f: { rule: string; cells: string[]; message: string }) => `${f.rule}|${f.cells.join(',')}|${f.message}`;

/**
 * The published report of `year - 1` changed (a publication): the cross-year findings of `year`'s
 * current and published versions are computed again against it. Returns the versions re-checked.
 */
export async function recheckCrossYear(m: EntityManager, unitId: number, year: number): Promise<number> {
  const versions: { id: number; data: CanonicalReport }[] = await m.query(
    `SELECT v.id, v.data FROM report r JOIN report_version v ON v.id IN (r."currentVersionId", r."publishedVersionId")
     WHERE r."jurisdictionId" = $1 AND r.year = $2`,
    [unitId, year],
  );
  if (versions.length === 0) return 0;
  const previous = await publishedData(m, unitId, year - 1);
  for (const v of versions) {
    const fresh = previous ? crossYearFindings(v.data, previous) : [];
    const old = await m.getRepository(Finding).find({ where: { versionId: v.id, crossYear: true } });
    await m.getRepository(Finding).delete({ versionId: v.id, crossYear: true });
    await saveFindings(m, v.id, fresh, new Map(old.map((f) => [findingKey(f), f])));
  }
  return versions.length;
}
