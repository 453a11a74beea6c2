import { type CanonicalReport, CROSS_YEAR_RULES, getCell, mediaTypeOf, type ParsedReport } from '@gongkai/report-template';
import type { Actor } from '../../common/access/actor.js';
import { FIGURE_COLUMNS, FIGURE_PATHS } from './figures.entity.js';
import type { Finding } from './finding.entity.js';
import type { ReportVersion, VersionStatus } from './report-version.entity.js';

/**
 * The rows a stored version is made of (the version, its figures, its findings), described once:
 * single submissions insert them through TypeORM, bulk submissions COPY them
 * (versions.repository.ts), with the columns taken from the same entities.
 */

type Findings = ParsedReport['findings'];

/** A version as stored, keyed by entity property. `id` and `submittedAt` are the database's unless given. */
export type VersionRow = Omit<ReportVersion, 'id' | 'report' | 'submittedAt'> & { id?: number; submittedAt?: Date };

export interface NewVersion {
  /** Given by the bulk path, which takes ids from the sequence before COPY. */
  id?: number;
  reportId: number;
  version: number;
  fileName: string;
  parsed: ParsedReport;
  sha256: string;
  bytes: Uint8Array;
  status: VersionStatus;
  actor: Pick<Actor, 'id' | 'username'>;
  synthetic: boolean;
  submittedAt?: Date;
  reviewedAt?: Date | null;
}

export function versionRow(v: NewVersion): VersionRow {
  return {
    ...(v.id === undefined ? {} : { id: v.id }),
    reportId: v.reportId,
    version: v.version,
    fileName: v.fileName,
    mediaType: mediaTypeOf(v.parsed.source.format),
    sha256: v.sha256,
    size: v.bytes.length,
    // A view of the caller's bytes, not a copy: stored as given.
    content: Buffer.from(v.bytes.buffer, v.bytes.byteOffset, v.bytes.byteLength),
    templateVersion: v.parsed.templateVersion,
    data: canonical(v.parsed),
    provenance: v.parsed.provenance as unknown as Record<string, unknown>,
    organ: v.parsed.organ,
    publishedDate: v.parsed.publishedDate,
    status: v.status,
    returnReason: null,
    submittedById: v.actor.id,
    submittedBy: v.actor.username,
    ...(v.submittedAt === undefined ? {} : { submittedAt: v.submittedAt }),
    reviewedAt: v.reviewedAt ?? null,
    synthetic: v.synthetic,
  };
}

/** The canonical report as stored in `data`: what was read, without provenance and findings (stored apart). */
function canonical(p: ParsedReport): Record<string, unknown> {
  const { provenance: _p, findings: _f, ...rest } = p;
  return rest as unknown as Record<string, unknown>;
}

/** A version's figures row: one column per template cell (figures.entity.ts). */
export type FiguresRow = { versionId: number; jurisdictionId: number; year: number } & Record<string, unknown>;

export function figuresRow(versionId: number, jurisdictionId: number, year: number, report: CanonicalReport): FiguresRow {
  const row: FiguresRow = { versionId, jurisdictionId, year };
  for (const path of FIGURE_PATHS) row[FIGURE_COLUMNS[path] as string] = getCell(report, path);
  return row;
}

/** A figures row's numbers in FIGURE_PATHS order (the rollups' columns). */
export function figureValues(row: FiguresRow): (number | null)[] {
  return FIGURE_PATHS.map((p) => row[FIGURE_COLUMNS[p] as string] as number | null);
}

export type FindingRow = Omit<Finding, 'id' | 'reportVersion'>;

/** A finding as stored: open, unless a reviewer's decision on the same finding carries over (`prior`). */
export function findingRow(
  versionId: number,
  f: Findings[number],
  prior?: Pick<Finding, 'decision' | 'decisionReason' | 'decidedBy' | 'decidedAt'>,
): FindingRow {
  return {
    versionId,
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    cells: f.cells,
    expected: f.expected ?? null,
    found: f.found ?? null,
    crossYear: CROSS_YEAR_RULES.has(f.rule),
    decision: prior?.decision ?? 'open',
    decisionReason: prior?.decisionReason ?? null,
    decidedBy: prior?.decidedBy ?? null,
    decidedAt: prior?.decidedAt ?? null,
  };
}
