import type { CanonicalReport } from '@gongkai/report-template';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { copyRows, TextArray } from '../../database/copy.js';
import { ReportFigures } from './figures.entity.js';
import { Finding } from './finding.entity.js';
import { Report } from './report.entity.js';
import { ReportVersion, type VersionStatus } from './report-version.entity.js';
import type { FiguresRow, FindingRow, VersionRow } from './version-rows.js';

/**
 * The SQL of storing versions: TypeORM inserts for one submission, set-based `unnest` statements
 * and COPY for many. Rows come from version-rows.ts; COPY's columns from the entities' metadata.
 */

export type UnitYear = { unitId: number; year: number };
const unitIds = (pairs: readonly UnitYear[]) => pairs.map((p) => p.unitId);
const years = (pairs: readonly UnitYear[]) => pairs.map((p) => p.year);

// ---- one submission --------------------------------------------------------------------------

/** The unit's report for the year, made if new and locked: concurrent submissions for it queue here, in any process. */
export async function lockReport(m: EntityManager, unitId: number, year: number): Promise<Report> {
  await m.createQueryBuilder().insert().into(Report).values({ jurisdictionId: unitId, year }).orIgnore().execute();
  return m
    .getRepository(Report)
    .createQueryBuilder('r')
    .setLock('pessimistic_write')
    .where('r.jurisdictionId = :u AND r.year = :y', { u: unitId, y: year })
    .getOneOrFail();
}

/** The newest version of a report holding this file, if any. */
export function versionWithFile(m: EntityManager, reportId: number, sha256: string): Promise<ReportVersion | null> {
  return m.getRepository(ReportVersion).findOne({ where: { reportId, sha256 }, order: { version: 'DESC' } });
}

export function versionState(m: EntityManager, versionId: number): Promise<Pick<ReportVersion, 'id' | 'status' | 'sha256'> | null> {
  return m.getRepository(ReportVersion).findOne({ where: { id: versionId }, select: { id: true, status: true, sha256: true } });
}

export function insertVersion(m: EntityManager, row: VersionRow): Promise<ReportVersion> {
  const repo = m.getRepository(ReportVersion);
  return repo.save(repo.create(row));
}

export async function insertFigures(m: EntityManager, row: FiguresRow): Promise<void> {
  await m
    .createQueryBuilder()
    .insert()
    .into(ReportFigures)
    .values(row as never)
    .execute();
}

export async function insertFindings(m: EntityManager, rows: FindingRow[]): Promise<void> {
  if (rows.length) await m.getRepository(Finding).insert(rows);
}

export async function pointReportAt(m: EntityManager, reportId: number, versionId: number, versionCount: number): Promise<void> {
  await m.getRepository(Report).update(reportId, { currentVersionId: versionId, versionCount });
}

// ---- many submissions ------------------------------------------------------------------------

export interface LockedReport {
  id: number;
  jurisdictionId: number;
  year: number;
  versionCount: number;
  publishedVersionId: number | null;
  currentStatus: VersionStatus | null;
  currentSha: string | null;
}

/** The reports of many (unit, year) pairs, made where new and locked, with their current version's state. */
export async function lockReports(m: EntityManager, pairs: readonly UnitYear[]): Promise<LockedReport[]> {
  await m.query('INSERT INTO report ("jurisdictionId", year) SELECT * FROM unnest($1::int[], $2::int[]) ON CONFLICT DO NOTHING', [
    unitIds(pairs),
    years(pairs),
  ]);
  return m.query(
    `SELECT r.id, r."jurisdictionId", r.year, r."versionCount", r."publishedVersionId", v.status AS "currentStatus", v.sha256 AS "currentSha"
     FROM report r LEFT JOIN report_version v ON v.id = r."currentVersionId"
     WHERE (r."jurisdictionId", r.year) IN (SELECT * FROM unnest($1::int[], $2::int[])) ORDER BY r.id FOR UPDATE OF r`,
    [unitIds(pairs), years(pairs)],
  );
}

/** Which of these files the reports already hold, as `reportId:sha256`. */
export async function storedFiles(m: EntityManager, reportIds: number[], sha256s: string[]): Promise<Set<string>> {
  const rows: { reportId: number; sha256: string }[] = await m.query(
    'SELECT "reportId", sha256 FROM report_version WHERE "reportId" = ANY($1::int[]) AND sha256 = ANY($2::text[])',
    [reportIds, sha256s],
  );
  return new Set(rows.map((x) => `${x.reportId}:${x.sha256}`));
}

/** Version ids from the table's sequence, taken before COPY (which returns none). */
export async function nextVersionIds(m: EntityManager, n: number): Promise<number[]> {
  const rows: { id: string }[] = await m.query("SELECT nextval(pg_get_serial_sequence('report_version', 'id')) AS id FROM generate_series(1, $1)", [n]);
  return rows.map((r) => Number(r.id));
}

export const copyVersions = (m: EntityManager, rows: VersionRow[]) => copyEntities(m, ReportVersion, rows);
export const copyFigures = (m: EntityManager, rows: FiguresRow[]) => copyEntities(m, ReportFigures, rows);
export const copyFindings = (m: EntityManager, rows: FindingRow[]) => copyEntities(m, Finding, rows);

/** Each report's newest version in a batch becomes its current one (and its published one, with `publish`). */
export async function pointReportsAt(m: EntityManager, lasts: { reportId: number; versionId: number; version: number }[], publish: boolean): Promise<void> {
  await m.query(
    `UPDATE report r SET "currentVersionId" = v.vid, "versionCount" = v.vc, "publishedVersionId" = CASE WHEN $4 THEN v.vid ELSE r."publishedVersionId" END, "updatedAt" = now()
     FROM unnest($1::int[], $2::int[], $3::int[]) AS v(rid, vid, vc) WHERE r.id = v.rid`,
    [lasts.map((r) => r.reportId), lasts.map((r) => r.versionId), lasts.map((r) => r.version), publish],
  );
}

/** Which of these (unit, year) pairs have a report. */
export async function existingReports(m: EntityManager, pairs: readonly UnitYear[]): Promise<UnitYear[]> {
  if (pairs.length === 0) return [];
  return m.query(`SELECT "jurisdictionId" AS "unitId", year FROM report WHERE ("jurisdictionId", year) IN (SELECT * FROM unnest($1::int[], $2::int[]))`, [
    unitIds(pairs),
    years(pairs),
  ]);
}

// ---- what cross-year rules read --------------------------------------------------------------

/** The published data of many (unit, year) pairs at once, keyed `unit:year`. */
export async function publishedDataMany(m: EntityManager, pairs: readonly UnitYear[]): Promise<Map<string, CanonicalReport>> {
  if (pairs.length === 0) return new Map();
  const rows: { unit: number; year: number; data: CanonicalReport }[] = await m.query(
    `SELECT r."jurisdictionId" AS unit, r.year, v.data FROM report r JOIN report_version v ON v.id = r."publishedVersionId"
     WHERE (r."jurisdictionId", r.year) IN (SELECT * FROM unnest($1::int[], $2::int[]))`,
    [unitIds(pairs), years(pairs)],
  );
  return new Map(rows.map((r) => [`${r.unit}:${r.year}`, r.data]));
}

/** A unit's current and published versions of a year (one row when they are the same). */
export function currentAndPublished(m: EntityManager, unitId: number, year: number): Promise<{ id: number; data: CanonicalReport }[]> {
  return m.query(
    `SELECT v.id, v.data FROM report r JOIN report_version v ON v.id IN (r."currentVersionId", r."publishedVersionId")
     WHERE r."jurisdictionId" = $1 AND r.year = $2`,
    [unitId, year],
  );
}

export function crossYearFindingsOf(m: EntityManager, versionId: number): Promise<Finding[]> {
  return m.getRepository(Finding).find({ where: { versionId, crossYear: true } });
}

export async function deleteCrossYearFindings(m: EntityManager, versionId: number): Promise<void> {
  await m.getRepository(Finding).delete({ versionId, crossYear: true });
}

// ---- COPY from entity metadata ---------------------------------------------------------------

/**
 * COPY of entity rows: the columns are the entity's (TypeORM metadata), so a column added to an
 * entity is written by both paths or refused here. Generated columns (ids, creation times) are
 * left to the database unless the rows give them.
 */
async function copyEntities<T extends ObjectLiteral>(m: EntityManager, target: EntityTarget<unknown>, rows: readonly T[]): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const meta = m.connection.getMetadata(target);
  const columns = meta.columns.filter((c) => first[c.propertyName] !== undefined || !(c.isGenerated || c.isCreateDate));
  for (const c of columns)
    if (first[c.propertyName] === undefined) throw new Error(`${meta.tableName}.${c.databaseName}: the row builder gives no value (version-rows.ts)`);
  const arrays = columns.map((c) => c.isArray);
  await copyRows(
    m,
    meta.tableName,
    columns.map((c) => c.databaseName),
    rows.map((row) =>
      columns.map((c, i) => {
        const v = row[c.propertyName];
        return arrays[i] && Array.isArray(v) ? new TextArray(v) : v;
      }),
    ),
  );
}
